"""Reads of what the parties bring and lack, the needs that meet an offer, and the fair-share
view of hours, costs and roles. Each is a fixed number of queries, however many parties and
items there are."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import QuerySet

from ..models import Partnership, Party
from . import resources_rules as rules
from .resources import ResourceItem
from .selectors import parties_of, raci_cells


def items_of(partnership: Partnership) -> QuerySet[ResourceItem]:
    """The items of the current parties (one query)."""
    return ResourceItem.objects.filter(
        partnership=partnership, party__removed_at__isnull=True
    ).order_by("id")


def removed_items(partnership: Partnership) -> QuerySet[ResourceItem]:
    return (
        ResourceItem.all_objects.filter(partnership=partnership, removed_at__isnull=False)
        .select_related("party__organisation")
        .order_by("-removed_at")
    )


@dataclass
class Cell:
    party: Party
    brings: list[ResourceItem]
    lacks: list[ResourceItem]


@dataclass
class KindTable:
    kind: str
    label: str
    cells: list[Cell]

    @property
    def count(self) -> int:
        return sum(len(cell.brings) + len(cell.lacks) for cell in self.cells)


@dataclass
class PartySummary:
    party: Party
    brings: int
    lacks: int

    @property
    def complete(self) -> bool:
        return bool(self.brings and self.lacks)


@dataclass
class ResourcesPage:
    parties: list[Party]
    summaries: list[PartySummary]
    tables: list[KindTable]
    needs: list[rules.Need]
    unmet: list[rules.Need]

    @property
    def met(self) -> list[rules.Need]:
        return [need for need in self.needs if need.met]

    @property
    def has_items(self) -> bool:
        return any(table.count for table in self.tables)

    @property
    def empty_kinds(self) -> str:
        """The kinds nobody has written anything of, as a list to read."""
        return ", ".join(table.label for table in self.tables if not table.count)


def resources_page(partnership: Partnership) -> ResourcesPage:
    """A table per kind (parties as columns), each party's counts, and the matching: two
    queries (the parties, the items)."""
    parties = list(parties_of(partnership))
    by_id = {party.pk: party for party in parties}
    items = [item for item in items_of(partnership) if item.party_id in by_id]
    for item in items:
        item.party = by_id[item.party_id]  # no query per item for its party's name
    tables = []
    for kind, label in ResourceItem.Kind.choices:
        cells = [
            Cell(
                party,
                [
                    i
                    for i in items
                    if i.kind == kind and i.party_id == party.pk and i.direction == rules.BRINGS
                ],
                [
                    i
                    for i in items
                    if i.kind == kind and i.party_id == party.pk and i.direction == rules.LACKS
                ],
            )
            for party in parties
        ]
        tables.append(KindTable(kind, str(label), cells))
    summaries = [
        PartySummary(
            party,
            sum(1 for i in items if i.party_id == party.pk and i.direction == rules.BRINGS),
            sum(1 for i in items if i.party_id == party.pk and i.direction == rules.LACKS),
        )
        for party in parties
    ]
    needs = rules.match_needs(items)
    return ResourcesPage(parties, summaries, tables, needs, rules.unmet(needs))


def fair_share(partnership: Partnership, parties: list[Party] | None = None) -> rules.FairShare:
    """Each party's staff hours and costs in the cost calculation's estimate, and its R and A
    roles in the RACI matrix: three queries (four without `parties`)."""
    from costing import calculation as calc
    from costing.models import CostLine
    from costing.selectors import as_line, calculation_of, lines_of

    if parties is None:
        parties = list(parties_of(partnership))
    calculation = calculation_of(partnership)
    hours: dict[Any, Decimal] = {}
    costs: dict[Any, Decimal] = {}
    for row in lines_of(partnership).filter(scenario=CostLine.Scenario.ESTIMATE):
        line = as_line(row, calculation.vat_rate)
        amounts = calc.line_amounts(line, calculation.overhead_percent)
        costs[row.party_id] = costs.get(row.party_id, calc.ZERO) + amounts.total
        if row.kind == CostLine.Kind.STAFF:
            hours[row.party_id] = hours.get(row.party_id, Decimal(0)) + row.quantity
    return rules.fair_share(parties, hours, costs, raci_cells(partnership))


def parties_without_both(partnership: Partnership) -> tuple[list[Party], list[Party]]:
    """The current parties, and those of them that have not said both what they bring and
    what they lack: two queries."""
    parties = list(parties_of(partnership))
    said = items_of(partnership).order_by().values_list("party_id", "direction").distinct()
    missing = set(rules.incomplete_parties([p.pk for p in parties], said))
    return parties, [party for party in parties if party.pk in missing]
