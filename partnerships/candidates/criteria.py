"""The guide's criteria for the right partner, and its questions for the first talks.

Declared once here: the model's rules, the forms, the pages, the comparison and the step check
all read them. The texts are our own summary of the guide's advice, not its wording.

The first criterion depends on the side the candidate is on: a public partner should carry the
legal responsibility for the problem, a social entrepreneur (or other actor) should have a way
of working that reaches the target group. The other five apply to both sides.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

PUBLIC = "public"
ENTREPRENEUR = "entrepreneur"

SCORES = (1, 2, 3, 4, 5)
STRENGTH_FROM = 4  # a score of 4 or 5 is a strength
GAP_UP_TO = 2  # a score of 1 or 2 is a gap (and so is a criterion not yet scored)
SCORE_WORDS: dict[int, Promise] = {
    1: _("Very weak"),
    2: _("Weak"),
    3: _("Partly"),
    4: _("Good"),
    5: _("Very good"),
}
JUSTIFICATION_MAX = 2000
ANSWER_MAX = 4000


@dataclass(frozen=True)
class Criterion:
    key: str
    label: str | Promise
    help: str | Promise
    side: str = ""  # "" for both sides


CRITERIA: tuple[Criterion, ...] = (
    Criterion(
        "legal_responsibility",
        _("Legal responsibility for the problem"),
        _(
            "Does this part of the public sector have a duty in law for the problem you want to "
            "solve? The right unit is the one that must act on it anyway."
        ),
        PUBLIC,
    ),
    Criterion(
        "reaches_target_group",
        _("A way of working that reaches the target group"),
        _(
            "Does the candidate already meet the people concerned, with a method that gets "
            "through to them where others do not?"
        ),
        ENTREPRENEUR,
    ),
    Criterion(
        "municipal_priorities",
        _("Fits the municipality's priorities"),
        _(
            "Does the work match what the municipality has decided to prioritise: its steering "
            "documents, next year's budget, the regional goals?"
        ),
    ),
    Criterion(
        "anchoring_and_trust",
        _("Anchoring and trust in the target group"),
        _(
            "Do the people concerned know and trust the candidate, and is it rooted where they "
            "live?"
        ),
    ),
    Criterion(
        "tested_method",
        _("A tested and evaluated method"),
        _(
            "Can the candidate say what it does, for whom, how and why, and show results or an "
            "evaluation from earlier work?"
        ),
    ),
    Criterion(
        "complements",
        _("Complements existing work or opens a new area"),
        _(
            "Does it add to what the municipality and others already do, without doubling it, "
            "or take on a prioritised area no one covers yet?"
        ),
    ),
    Criterion(
        "scalability",
        _("Scalable and lasting after project money"),
        _("Could it reach more people, and how would it carry on once any project funding ends?"),
    ),
)
BY_KEY: dict[str, Criterion] = {criterion.key: criterion for criterion in CRITERIA}


def criteria_for(side: str) -> tuple[Criterion, ...]:
    """The six criteria a candidate on `side` is assessed on, the side's own first."""
    return tuple(c for c in CRITERIA if c.side in ("", side))


@dataclass(frozen=True)
class Question:
    key: str
    text: str | Promise
    help: str | Promise = ""


# The questions to bring to the first conversations with a candidate, in our own words.
QUESTIONS: tuple[Question, ...] = (
    Question(
        "problem_and_for_whom",
        _("Which problem do you want to solve, and for whom?"),
        _("The candidate's own description of the problem and the people it concerns."),
    ),
    Question(
        "good_match",
        _("Are we a good match?"),
        _(
            "Does the solution address a problem the municipality prioritises, and do we have "
            "the expertise the target group needs?"
        ),
    ),
    Question(
        "municipality_view",
        _("How does the municipality see the challenge?"),
        _("Listen before presenting a solution: where does the municipality start from?"),
    ),
    Question(
        "responsibility_and_law",
        _("What is the municipality responsible for, and what does the law require of it?"),
    ),
    Question(
        "already_tried",
        _("What has already been tried, and what came of it?"),
        _("Concrete examples from earlier work, by the municipality or the candidate."),
    ),
    Question(
        "how_to_measure",
        _("How would we know it worked?"),
        _("What would change for the target group, and how could it be measured?"),
    ),
)
QUESTION_KEYS = frozenset(q.key for q in QUESTIONS)
