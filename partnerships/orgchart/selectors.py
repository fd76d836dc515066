"""Reads of the organisation chart and of the steering documents partnerships use."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from accounts.models import User

from ..access import people_known_to
from ..history import CHANGE_LABELS, RESTORED_REASON
from ..models import Organisation, OrgUnit, Partnership, Party, SteeringDocument


@dataclass
class ChartNode:
    unit: OrgUnit
    depth: int
    matches: bool = False
    children: list[ChartNode] = field(default_factory=list)


def query_words(query: str) -> list[str]:
    return [word.casefold() for word in query.split() if word.strip()][:10]


def unit_matches(unit: OrgUnit, words: list[str]) -> bool:
    """Whether every word is in the unit's name or legal responsibility areas."""
    text = f"{unit.name}\n{unit.responsibility_areas}".casefold()
    return bool(words) and all(word in text for word in words)


def chart(organisation: Organisation, query: str = "") -> tuple[list[ChartNode], list[ChartNode]]:
    """The organisation's active units as a tree (one query), and the units matching `query`
    in the order the tree shows them."""
    units = list(OrgUnit.objects.filter(organisation=organisation).order_by("name", "pk"))
    words = query_words(query)
    children: dict[int | None, list[OrgUnit]] = {}
    known = {unit.pk for unit in units}
    for unit in units:
        # A unit whose parent is not active (cannot happen through the services) shows at the top.
        parent = unit.parent_id if unit.parent_id in known else None
        children.setdefault(parent, []).append(unit)
    matches: list[ChartNode] = []

    def build(parent: int | None, depth: int, path: frozenset[int]) -> list[ChartNode]:
        nodes = []
        for unit in children.get(parent, []):
            if unit.pk in path:
                continue
            node = ChartNode(unit, depth, unit_matches(unit, words))
            if node.matches:
                matches.append(node)
            node.children = build(unit.pk, depth + 1, path | {unit.pk})
            nodes.append(node)
        return nodes

    return build(None, 0, frozenset()), matches


def removed_units(organisation: Organisation) -> QuerySet[OrgUnit]:
    return OrgUnit.all_objects.filter(organisation=organisation, removed_at__isnull=False).order_by(
        "-removed_at", "name"
    )


@dataclass(frozen=True)
class UnitChange:
    when: datetime
    who: str
    kind_label: str
    unit: str


def unit_changes(organisation: Organisation, viewer: User, limit: int = 15) -> list[UnitChange]:
    """The latest changes to the organisation's units, authors named only to people who share
    a partnership with them (3 queries at most), like the organisation's own changes."""
    records = list(
        OrgUnit.history.filter(organisation_id=organisation.pk)
        .order_by("-history_date", "-history_id")
        .values(
            "history_date",
            "history_type",
            "history_user_id",
            "name",
            "removed_at",
            "history_change_reason",
        )[:limit]
    )
    known = people_known_to(viewer, {record["history_user_id"] for record in records})
    users = User.objects.in_bulk(list(known)) if known else {}
    changes = []
    for record in records:
        author = record["history_user_id"]
        if author is None:
            who = str(_("the system"))
        elif author in users:
            who = str(users[author])
        else:
            who = str(_("someone outside your partnerships"))
        if record["history_change_reason"] == RESTORED_REASON:
            label = CHANGE_LABELS["restored"]
        elif record["history_type"] == "~" and record["removed_at"] is not None:
            label = CHANGE_LABELS["removed"]
        else:
            label = CHANGE_LABELS.get(record["history_type"], record["history_type"])
        changes.append(UnitChange(record["history_date"], who, str(label), record["name"]))
    return changes


# Steering documents ------------------------------------------------------------------------


def documents_used(partnership: Partnership) -> QuerySet[SteeringDocument]:
    """The steering documents the partnership uses: the ones its goals may anchor to."""
    return (
        SteeringDocument.objects.filter(uses__partnership=partnership)
        .select_related("organisation", "unit")
        .order_by("kind", "title")
    )


def party_organisations(partnership: Partnership) -> QuerySet[Organisation]:
    """The organisations of the partnership's current parties."""
    return Organisation.objects.filter(
        pk__in=Party.objects.filter(partnership=partnership).values("organisation")
    ).order_by("name")


def documents_available(partnership: Partnership) -> QuerySet[SteeringDocument]:
    """Documents of the parties' organisations (and their units) the partnership does not use
    yet: entered once by the municipality, picked here."""
    return (
        SteeringDocument.objects.filter(organisation__in=party_organisations(partnership))
        .exclude(uses__partnership=partnership)
        .select_related("organisation", "unit")
        .order_by("organisation__name", "kind", "title")
    )


def organisation_documents(organisation: Organisation) -> QuerySet[SteeringDocument]:
    return (
        SteeringDocument.objects.filter(organisation=organisation)
        .select_related("unit")
        .order_by("kind", "title")
    )


def other_uses(document: SteeringDocument, partnership: Partnership) -> int:
    """How many other partnerships use the document (their names are not everyone's to see)."""
    return document.uses.exclude(partnership=partnership).count()


def lead_unit_parties(partnership: Partnership) -> list[Any]:
    return list(
        Party.objects.filter(partnership=partnership, part=Party.Part.LEAD_MUNICIPALITY)
        .select_related("organisation", "unit")
        .order_by("pk")
    )
