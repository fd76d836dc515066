"""The questions of step 2's perspectives and organisational contexts, declared once.

The models' fields, the forms, the side-by-side pages and the completeness checks all read
these tuples, so a question is added in one place (plus its model field and migration).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


class Question(NamedTuple):
    field: str
    label: StrOrPromise
    help: StrOrPromise


PERSPECTIVE: tuple[Question, ...] = (
    Question(
        "goals",
        _("Goals"),
        _("What the organisation wants the partnership to achieve."),
    ),
    Question(
        "motivation",
        _("Motivation"),
        _("Why the organisation takes part: what drives it, and why now."),
    ),
    Question(
        "challenge_view",
        _("View of the challenge"),
        _("How the organisation sees the problem the partnership works on, and its causes."),
    ),
    Question(
        "already_done",
        _("Already done"),
        _("What the organisation has already tried or built around the challenge."),
    ),
    Question(
        "most_important",
        _("Most important"),
        _("What the organisation finds most important to tackle first."),
    ),
    Question(
        "brings",
        _("Brings"),
        _(
            "What the organisation offers the others: staff, premises, contacts, a method, "
            "knowledge, data, trust of the target group. One item per line."
        ),
    ),
    Question(
        "needs",
        _("Needs"),
        _("What the organisation needs from the others to do its part. One item per line."),
    ),
    Question(
        "constraints",
        _("Constraints"),
        _(
            "What limits the organisation: laws and rules, budget cycle, decision paths, "
            "bureaucracy, time."
        ),
    ),
    Question(
        "own_goals",
        _("Own goals"),
        _("Goals of its own beside the shared ones, said openly so they surprise nobody."),
    ),
)

# A perspective counts as written when these are answered (step 2's check).
PERSPECTIVE_REQUIRED: tuple[str, ...] = ("goals", "brings", "needs")

CONTEXT: tuple[Question, ...] = (
    Question(
        "current_work",
        _("Already does"),
        _("What the organisation does today about the challenge: services, projects, staff."),
    ),
    Question(
        "overlaps",
        _("Overlaps"),
        _("Where its activities overlap with another party's, and whether that wastes resources."),
    ),
    Question(
        "possible_harm",
        _("Possible drawbacks for others"),
        _("Where its work could make things harder for another party, or the other way round."),
    ),
    Question(
        "simpler_processes",
        _("Simpler shared processes"),
        _("How the processes you share could become simpler or more efficient."),
    ),
    Question(
        "strengths",
        _("Strengths"),
        _("The organisation's strengths, and how they fit the other parties' strategies."),
    ),
)

# An organisational context counts as described when these are answered (step 2's check).
CONTEXT_REQUIRED: tuple[str, ...] = ("current_work", "strengths")

PERSPECTIVE_FIELDS: tuple[str, ...] = tuple(q.field for q in PERSPECTIVE)
CONTEXT_FIELDS: tuple[str, ...] = tuple(q.field for q in CONTEXT)
