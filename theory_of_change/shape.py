"""The shape of the theory of change's records, declared once: levels, frequencies, fields.

Everything else derives from here: the model's level choices, the level slugs of the JSON
document, the diagram's colours, which levels are outcomes, the form field lists, the
serialiser, the selectors' columns, the comparison and the spreadsheet's columns. No ORM
import (only Django's choice types), so the rules, the plain chain and the models share it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from django.db.models import IntegerChoices, TextChoices
from django.utils.translation import gettext_lazy as _


class Level(IntegerChoices):
    """The levels of the change chain, in the order change is expected to happen."""

    ACTIVITY = 1, _("Activity")
    OUTPUT = 2, _("Output")
    SHORT_TERM = 3, _("Short-term outcome")
    MEDIUM_TERM = 4, _("Medium-term outcome")
    LONG_TERM = 5, _("Long-term outcome")
    IMPACT = 6, _("Impact")

    @property
    def slug(self) -> str:
        """The level's name in a JSON document: "activity", "short_term" ..."""
        return self.name.lower()

    @property
    def is_outcome(self) -> bool:
        """Outcomes carry goals and indicators."""
        return self in OUTCOME_LEVELS

    @property
    def counts_participants(self) -> bool:
        """Outputs carry the number of participants reached (planned and actual)."""
        return self == Level.OUTPUT

    @property
    def colours(self) -> tuple[str, str]:
        """(fill, border) in the diagram: light fills under dark text, dark borders."""
        return LEVEL_COLOURS[self]


OUTCOME_LEVELS = frozenset({Level.SHORT_TERM, Level.MEDIUM_TERM, Level.LONG_TERM})
# Outputs are measured too: the guide's one hard figure (78 young people took part) is one.
INDICATOR_LEVELS = OUTCOME_LEVELS | {Level.OUTPUT}
# Text labels (the column headings) name the levels, so colour is never the only cue.
LEVEL_COLOURS = {
    Level.ACTIVITY: ("#e3f0fb", "#0b4f8a"),
    Level.OUTPUT: ("#e5f4e7", "#1d6b2f"),
    Level.SHORT_TERM: ("#fff4d6", "#7a5200"),
    Level.MEDIUM_TERM: ("#fde7df", "#9c3510"),
    Level.LONG_TERM: ("#f1e6f7", "#6a2a8a"),
    Level.IMPACT: ("#e9edf0", "#2f3b44"),
}
LEVEL_SLUGS = {int(level): level.slug for level in Level}
SLUG_LEVELS = {slug: level for level, slug in LEVEL_SLUGS.items()}


class Frequency(TextChoices):
    """How often an indicator is collected."""

    ONCE = "once", _("Once, at the end")
    MONTHLY = "monthly", _("Monthly")
    QUARTERLY = "quarterly", _("Quarterly")
    HALF_YEARLY = "half_yearly", _("Twice a year")
    YEARLY = "yearly", _("Once a year")
    PER_GROUP = "per_group", _("For each group of participants")


class IndicatorKind(TextChoices):
    """Whether an indicator is counted in numbers or shown with gathered evidence."""

    QUANTITATIVE = "quantitative", _("Quantitative (a unit and numbers)")
    QUALITATIVE = "qualitative", _("Qualitative (evidence such as interviews or stories)")


class EvidenceMethod(TextChoices):
    """How the evidence of a qualitative indicator is gathered."""

    INTERVIEWS = "interviews", _("Interviews")
    STORIES = "stories", _("Stories from participants")
    OBSERVATIONS = "observations", _("Observations")
    OTHER = "other", _("Other")


class AchievabilityEvidence(TextChoices):
    """What a goal's claim to be achievable rests on."""

    EARLIER_RESULT = "earlier_result", _("An earlier result")
    PILOT = "pilot", _("A pilot")
    COMPARABLE = "comparable", _("A comparable programme")
    RESEARCH = "research", _("Research")
    OTHER = "other", _("Other")


class NeedSource(TextChoices):
    """Where a need of the target group was learnt."""

    CONVERSATION = "conversation", _("Conversation with the target group")
    SURVEY = "survey", _("Survey")
    STATISTICS = "statistics", _("Statistics")
    OTHER = "other", _("Other")


# Fields ------------------------------------------------------------------------------------

Kind = Literal[
    "text",
    "bool",
    "order",
    "level",
    "decimal",
    "date",
    "choice",
    "year",
    "count",
    "documents",
    "needs",
    "party",
]
MAX_TEXT = 5000  # the longest text an uploaded file may hold in a field without a max_length


@dataclass(frozen=True)
class Field:
    """One field of a record as the serialiser, selectors, forms and comparison see it.

    `kind` says how it is written to and read from JSON; `limit` is the longest text an
    uploaded file may hold (the model's max_length, or MAX_TEXT); `required` that an upload
    must give it; `choices` the values a "choice" field may take.
    """

    name: str
    kind: Kind = "text"
    limit: int = MAX_TEXT
    required: bool = False
    choices: tuple[str, ...] = ()

    @property
    def column(self) -> bool:
        """Whether the value is a column of the record's own row (not a relation)."""
        return self.kind not in ("documents", "needs", "party")


PICTURE: tuple[Field, ...] = tuple(
    Field(name)
    for name in (
        "problem_statement",
        "target_group",
        "target_group_heard",
        "target_group_challenges",
        "root_causes",
        "consequences",
        "opportunities_obstacles",
        "solutions_considered",
        "vision",
    )
)
# A need of the target group: a row of the shared picture that goals pick.
NEED: tuple[Field, ...] = (
    Field("need", limit=500, required=True),
    Field("source", "choice", limit=20, choices=tuple(NeedSource.values)),
    Field("noted_on", "date"),
)
# The goal of an outcome node: what the SMART check reads and only outcomes edit.
GOAL: tuple[Field, ...] = (
    Field("goal_statement"),
    Field("addresses_target_group", "bool"),
    Field(
        "achievability_evidence", "choice", limit=20, choices=tuple(AchievabilityEvidence.values)
    ),
    Field("achievability"),
    Field("needs", "needs"),
    Field("steering_documents", "documents"),
)
# The participants an output reaches: the figure step 5's cost per participant reads.
PARTICIPANTS: tuple[Field, ...] = (
    Field("planned_participants", "count"),
    Field("actual_participants", "count"),
)
NODE: tuple[Field, ...] = (
    Field("level", "level"),
    Field("title", limit=200, required=True),
    Field("description"),
    Field("order", "order"),
    *PARTICIPANTS,
    *GOAL,
)
LINK: tuple[Field, ...] = (Field("assumptions"),)
INDICATOR: tuple[Field, ...] = (
    Field("name", limit=200, required=True),
    Field("kind", "choice", limit=20, choices=tuple(IndicatorKind.values)),
    Field("unit", limit=50),
    Field("evidence"),
    Field("evidence_method", "choice", limit=20, choices=tuple(EvidenceMethod.values)),
    Field("baseline_value", "decimal"),
    Field("baseline_date", "date"),
    Field("target_value", "decimal"),
    Field("target_date", "date"),
    Field("data_source", limit=200),
    Field("frequency", "choice", limit=20, choices=tuple(Frequency.values)),
    Field("responsible_party", "party", limit=200),
)
STEERING_DOCUMENT: tuple[Field, ...] = (
    Field("title", limit=200, required=True),
    Field("kind", limit=200),  # an unknown kind becomes "other"
    Field("year", "year"),
    Field("url", limit=200),
    Field("issuing_organisation", limit=200),
)


_CHOICES: dict[str, type[TextChoices]] = {
    "frequency": Frequency,
    "kind": IndicatorKind,
    "evidence_method": EvidenceMethod,
    "achievability_evidence": AchievabilityEvidence,
    "source": NeedSource,
}


def choice_label(name: str, value: str) -> str:
    """The readable label of a choice field's stored value (the value itself if unknown)."""
    choices = _CHOICES.get(name)
    return str(dict(choices.choices).get(value, value)) if choices else value


def names(fields: Iterable[Field], *, columns: bool = False) -> tuple[str, ...]:
    """The fields' names; with `columns`, only those stored in the record's own row."""
    return tuple(f.name for f in fields if f.column or not columns)


PICTURE_FIELDS = names(PICTURE)
GOAL_FIELDS = names(GOAL)
PARTICIPANT_FIELDS = names(PARTICIPANTS)
NEED_FIELDS = names(NEED)
NODE_FIELDS = names(NODE)
INDICATOR_FIELDS = names(INDICATOR)
