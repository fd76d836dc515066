"""The theory of change as plain data: one shape for the page, snapshots, export and import.

`Chain` is read from the database (`selectors.load_chain`) or from a JSON document
(`serialise`: a strict reader for uploaded files, a trusted one for our own snapshots), and
turned back into JSON with `serialise.chain_to_dict`. Revisions store that JSON, so an old
revision renders with the same diagram, outline and SMART check as the current chain.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from . import rules
from .shape import (
    INDICATOR,
    INDICATOR_FIELDS,
    LEVEL_SLUGS,
    NEED_FIELDS,
    OUTCOME_LEVELS,
    PICTURE_FIELDS,
    SLUG_LEVELS,
    IndicatorKind,
    Level,
    names,
)
from .smart import SmartResult, smart_check

__all__ = [
    "INDICATOR_FIELDS",
    "LEVEL_SLUGS",
    "NEED_FIELDS",
    "PICTURE_FIELDS",
    "RECORD_INDICATOR_FIELDS",
    "SLUG_LEVELS",
    "Chain",
    "ChainIndicator",
    "ChainLink",
    "ChainNode",
    "field_label",
]

# The indicator fields a record and a ChainIndicator share as they are (not the party).
RECORD_INDICATOR_FIELDS = names(INDICATOR, columns=True)


def field_label(model: Any, name: str) -> str:
    """A model field's label as shown to people: its verbose name, capitalised."""
    return str(model._meta.get_field(name).verbose_name).capitalize()


@dataclass
class ChainIndicator:
    id: int
    name: str
    kind: str = IndicatorKind.QUANTITATIVE
    unit: str = ""
    evidence: str = ""
    evidence_method: str = ""
    baseline_value: Decimal | None = None
    baseline_date: dt.date | None = None
    target_value: Decimal | None = None
    target_date: dt.date | None = None
    data_source: str = ""
    frequency: str = ""
    responsible_party: str = ""

    @property
    def pk(self) -> int:
        return self.id


@dataclass
class ChainNode:
    id: int
    level: int
    title: str
    description: str = ""
    order: int = 0
    planned_participants: int | None = None
    actual_participants: int | None = None
    goal_statement: str = ""
    addresses_target_group: bool = False
    achievability_evidence: str = ""
    achievability: str = ""
    needs: list[int] = field(default_factory=list)
    steering_documents: list[int] = field(default_factory=list)
    indicators: list[ChainIndicator] = field(default_factory=list)

    _smart: SmartResult | None = field(default=None, repr=False, compare=False)

    @property
    def pk(self) -> int:
        return self.id

    @property
    def is_outcome(self) -> bool:
        return self.level in OUTCOME_LEVELS

    @property
    def has_goal(self) -> bool:
        return self.is_outcome and bool(self.goal_statement.strip())

    @property
    def level_slug(self) -> str:
        return LEVEL_SLUGS[self.level]

    @property
    def level_label(self) -> str:
        return str(Level(self.level).label)

    def smart(self) -> SmartResult:
        """The SMART check of this node's goal, computed once."""
        if self._smart is None:
            self._smart = smart_check(
                self,
                self.indicators,
                anchored_in_documents=bool(self.steering_documents),
                anchored_in_needs=bool(self.needs),
            )
        return self._smart


@dataclass
class ChainLink:
    id: int
    source: int
    target: int
    assumptions: str = ""

    @property
    def pk(self) -> int:
        return self.id

    @property
    def target_id(self) -> int:
        return self.target


@dataclass
class Chain:
    picture: dict[str, str] = field(default_factory=dict)
    steering_documents: list[dict[str, Any]] = field(default_factory=list)
    picture_documents: list[int] = field(default_factory=list)
    # The needs of the target group: {"id", "need", "source", "noted_on"} each.
    needs: list[dict[str, Any]] = field(default_factory=list)
    nodes: list[ChainNode] = field(default_factory=list)
    links: list[ChainLink] = field(default_factory=list)

    def node_map(self) -> dict[int, ChainNode]:
        return {node.id: node for node in self.nodes}

    def outcomes_with_goals(self) -> list[ChainNode]:
        return [node for node in self.nodes if node.has_goal]

    def smart_results(self) -> dict[int, SmartResult]:
        """SMART results of every outcome node that has a goal, by node id."""
        return {node.id: node.smart() for node in self.outcomes_with_goals()}

    def smart_goal_count(self) -> int:
        return sum(1 for result in self.smart_results().values() if result.passed)

    def document_titles(self, ids: Iterable[int]) -> list[str]:
        by_id = {document["id"]: document["title"] for document in self.steering_documents}
        return [by_id[i] for i in ids if i in by_id]

    def need_texts(self, ids: Iterable[int]) -> list[str]:
        by_id = {need["id"]: need["need"] for need in self.needs}
        return [by_id[i] for i in ids if i in by_id]

    def loose_ends(self) -> rules.LooseEnds:
        """Nodes with no links, and outcomes no activity leads to (rules.loose_ends)."""
        return rules.loose_ends(
            {node.id: node.level for node in self.nodes},
            [(link.source, link.target) for link in self.links],
        )

    def participants(self) -> tuple[int | None, int | None]:
        """The participants the outputs reach, (planned, actual); None where none is given."""
        return rules.participants(
            (node.planned_participants, node.actual_participants)
            for node in self.nodes
            if node.level == Level.OUTPUT
        )
