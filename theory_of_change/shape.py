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
    def colours(self) -> tuple[str, str]:
        """(fill, border) in the diagram: light fills under dark text, dark borders."""
        return LEVEL_COLOURS[self]


OUTCOME_LEVELS = frozenset({Level.SHORT_TERM, Level.MEDIUM_TERM, Level.LONG_TERM})
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


# Fields ------------------------------------------------------------------------------------

Kind = Literal[
    "text", "bool", "order", "level", "decimal", "date", "choice", "year", "documents", "party"
]
MAX_TEXT = 5000  # the longest text an uploaded file may hold in a field without a max_length


@dataclass(frozen=True)
class Field:
    """One field of a record as the serialiser, selectors, forms and comparison see it.

    `kind` says how it is written to and read from JSON; `limit` is the longest text an
    uploaded file may hold (the model's max_length, or MAX_TEXT); `required` that an upload
    must give it.
    """

    name: str
    kind: Kind = "text"
    limit: int = MAX_TEXT
    required: bool = False

    @property
    def column(self) -> bool:
        """Whether the value is a column of the record's own row (not a relation)."""
        return self.kind not in ("documents", "party")


PICTURE: tuple[Field, ...] = tuple(
    Field(name)
    for name in (
        "problem_statement",
        "target_group",
        "target_group_needs",
        "target_group_challenges",
        "root_causes",
        "consequences",
        "vision",
    )
)
# The goal of an outcome node: what the SMART check reads and only outcomes edit.
GOAL: tuple[Field, ...] = (
    Field("goal_statement"),
    Field("addresses_target_group", "bool"),
    Field("achievability"),
    Field("need"),
    Field("steering_documents", "documents"),
)
NODE: tuple[Field, ...] = (
    Field("level", "level"),
    Field("title", limit=200, required=True),
    Field("description"),
    Field("order", "order"),
    *GOAL,
)
LINK: tuple[Field, ...] = (Field("assumptions"),)
INDICATOR: tuple[Field, ...] = (
    Field("name", limit=200, required=True),
    Field("unit", limit=50),
    Field("baseline_value", "decimal"),
    Field("baseline_date", "date"),
    Field("target_value", "decimal"),
    Field("target_date", "date"),
    Field("data_source", limit=200),
    Field("frequency", "choice", limit=20),
    Field("responsible_party", "party", limit=200),
)
STEERING_DOCUMENT: tuple[Field, ...] = (
    Field("title", limit=200, required=True),
    Field("kind", limit=200),  # an unknown kind becomes "other"
    Field("year", "year"),
    Field("url", limit=200),
    Field("issuing_organisation", limit=200),
)


def names(fields: Iterable[Field], *, columns: bool = False) -> tuple[str, ...]:
    """The fields' names; with `columns`, only those stored in the record's own row."""
    return tuple(f.name for f in fields if f.column or not columns)


PICTURE_FIELDS = names(PICTURE)
GOAL_FIELDS = names(GOAL)
NODE_FIELDS = names(NODE)
INDICATOR_FIELDS = names(INDICATOR)
