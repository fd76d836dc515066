"""One versioned JSON shape of the collaboration plan: its parties, activities with their RACI
roles, ways of working and risks. Written by `plan_to_dict` when a revision is published (and
for the draft check and the printable plan); read back by `plan_from_snapshot`, the TRUSTED
reader of our own snapshots, which never fails: a missing key, a value of the wrong type, an
unknown status or role: it keeps what it can, so an old or damaged revision always opens.

Keys ending in `_label` are what a person reads (names of parties, people and chain
activities, as they were). They are left out when a snapshot is compared with the current
plan (`content`): renaming an organisation does not make the plan a draft again, changing a
title, a month or a role does.

Every document carries a `schema_version`; the reader first upgrades an older one.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from ...models import Partnership, Party
from ..models import WAYS_OF_WORKING_FIELDS, PlanActivity, RaciAssignment, Risk, WaysOfWorking

FORMAT = "samverkan-collaboration-plan"
# 1: the first version (2026).
SCHEMA_VERSION = 1

ACTIVITY_TEXTS = ("title", "description", "what", "who", "how")
RISK_TEXTS = ("title", "description", "mitigation")
ROLES = ("R", "A", "C", "I")


# Writing -----------------------------------------------------------------------------------


def _month(value: dt.date | None) -> str | None:
    return value.strftime("%Y-%m") if value else None


def plan_to_dict(partnership: Partnership) -> dict[str, Any]:
    """The plan as it is now, in the current schema version. Five queries, whatever its size."""
    parties = sorted(
        Party.objects.filter(partnership=partnership).select_related("organisation"),
        key=lambda party: party.pk,
    )
    activities = PlanActivity.objects.filter(partnership=partnership).select_related(
        "node", "responsible_party__organisation", "responsible_person"
    )
    current = {party.pk for party in parties}
    roles: dict[int, dict[str, str]] = {}
    for activity_id, party_id, role in RaciAssignment.objects.filter(
        partnership=partnership, activity__removed_at__isnull=True
    ).values_list("activity_id", "party_id", "role"):
        if party_id in current:
            roles.setdefault(activity_id, {})[str(party_id)] = role
    ways = WaysOfWorking.objects.filter(partnership=partnership).first()
    risks = Risk.objects.filter(partnership=partnership).select_related("owner__organisation")
    return {
        "format": FORMAT,
        "schema_version": SCHEMA_VERSION,
        "partnership_label": partnership.title,
        "parties": [
            {"id": party.pk, "part": party.part, "organisation_label": party.organisation.name}
            for party in parties
        ],
        "activities": [
            {
                "id": activity.pk,
                **{name: getattr(activity, name) for name in ACTIVITY_TEXTS},
                "node": activity.node_id,
                "node_label": activity.node.title if activity.node is not None else "",
                "start_month": _month(activity.start_month),
                "end_month": _month(activity.end_month),
                "status": activity.status,
                "responsible_party": activity.responsible_party_id,
                "responsible_party_label": (
                    activity.responsible_party.organisation.name
                    if activity.responsible_party is not None
                    else ""
                ),
                "responsible_person": activity.responsible_person_id,
                "responsible_person_label": (
                    activity.responsible_person.display_name
                    if activity.responsible_person is not None
                    else ""
                ),
                "planned_participants": activity.planned_participants,
                "raci": dict(sorted(roles.get(activity.pk, {}).items())),
            }
            for activity in sorted(activities, key=lambda a: (a.order, a.pk))
        ],
        "ways_of_working": {
            name: (getattr(ways, name) if ways is not None else "")
            for name in WAYS_OF_WORKING_FIELDS
        },
        "risks": [
            {
                "id": risk.pk,
                **{name: getattr(risk, name) for name in RISK_TEXTS},
                "likelihood": risk.likelihood,
                "consequence": risk.consequence,
                "owner": risk.owner_id,
                "owner_label": risk.owner.organisation.name if risk.owner is not None else "",
            }
            for risk in sorted(risks, key=lambda r: r.pk)
        ],
    }


def content(data: Any) -> Any:
    """The document without what only names things (`*_label` keys): what the parties agree
    on. Two plans with the same content are the same plan."""
    if isinstance(data, dict):
        return {
            key: content(value)
            for key, value in data.items()
            if not (isinstance(key, str) and key.endswith("_label"))
        }
    if isinstance(data, list):
        return [content(item) for item in data]
    return data


# Upgrading ---------------------------------------------------------------------------------

UPGRADES: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {}


def schema_version(data: dict[str, Any]) -> Any:
    return data.get("schema_version", 1)


def upgrade(data: dict[str, Any]) -> dict[str, Any]:
    """The document in the current schema version (unchanged if it is already, or unknown)."""
    version = schema_version(data)
    while isinstance(version, int) and version in UPGRADES:
        data = UPGRADES[version](data)
        version = schema_version(data)
    return data


def same_plan(snapshot: Any, current: dict[str, Any]) -> bool:
    """Whether a stored snapshot holds the same plan as `current` (a fresh `plan_to_dict`)."""
    if not isinstance(snapshot, dict):
        return False
    return bool(content(upgrade(snapshot)) == content(current))


# Reading (trusted: never fails) ------------------------------------------------------------


@dataclass
class SnapshotParty:
    id: int
    part: str
    name: str

    @property
    def part_label(self) -> str:
        return str(dict(Party.Part.choices).get(self.part, self.part))


@dataclass
class SnapshotActivity:
    id: int
    title: str
    description: str = ""
    what: str = ""
    who: str = ""
    how: str = ""
    node: int | None = None
    node_label: str = ""
    start_month: dt.date | None = None
    end_month: dt.date | None = None
    status: str = ""
    responsible_party: int | None = None
    responsible_party_label: str = ""
    responsible_person: int | None = None
    responsible_person_label: str = ""
    planned_participants: int | None = None
    raci: dict[int, str] = field(default_factory=dict)

    @property
    def status_label(self) -> str:
        return str(dict(PlanActivity.Status.choices).get(self.status, self.status or "—"))


@dataclass
class SnapshotRisk:
    id: int
    title: str
    description: str = ""
    mitigation: str = ""
    likelihood: int = 2
    consequence: int = 2
    owner: int | None = None
    owner_label: str = ""

    @property
    def level_label(self) -> str:
        from ..rules import RISK_LEVEL_NAMES, risk_level

        return str(RISK_LEVEL_NAMES[risk_level(self.likelihood, self.consequence)])

    @property
    def likelihood_label(self) -> str:
        return str(dict(Risk.Scale.choices).get(self.likelihood, self.likelihood))

    @property
    def consequence_label(self) -> str:
        return str(dict(Risk.Scale.choices).get(self.consequence, self.consequence))


@dataclass
class PlanSnapshot:
    title: str = ""
    parties: list[SnapshotParty] = field(default_factory=list)
    activities: list[SnapshotActivity] = field(default_factory=list)
    ways: dict[str, str] = field(default_factory=dict)
    risks: list[SnapshotRisk] = field(default_factory=list)

    def party_name(self, party_id: int | None) -> str:
        for party in self.parties:
            if party.id == party_id:
                return party.name
        return ""

    @property
    def ways_rows(self) -> list[tuple[str, str]]:
        """(label, text) of each field of the ways of working, cadences in words."""
        rows = []
        cadences = dict(WaysOfWorking.Cadence.choices)
        for name in WAYS_OF_WORKING_FIELDS:
            label = str(getattr(WaysOfWorking._meta.get_field(name), "verbose_name", name))
            label = label.capitalize()
            value = self.ways.get(name, "")
            rows.append((label, str(cadences.get(value, value)) if value else ""))
        return rows

    def cells(self, activity: SnapshotActivity) -> list[str]:
        """The activity's role for each party of the snapshot, in the parties' order."""
        return [activity.raci.get(party.id, "") for party in self.parties]

    @property
    def approvers_needed(self) -> list[SnapshotParty]:
        """The parties whose approval the revision needs: those responsible (R) or
        accountable (A) for at least one activity; every party if none is."""
        carrying = {
            party_id
            for activity in self.activities
            for party_id, role in activity.raci.items()
            if role in ("R", "A")
        }
        needed = [party for party in self.parties if party.id in carrying]
        return needed or list(self.parties)


def _int(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str) and value.strip().lstrip("-").isdigit():
        return int(value)
    return None


def _text(value: Any) -> str:
    if value is None or isinstance(value, (list, dict)):
        return ""
    return value if isinstance(value, str) else str(value)


def _month_of(value: Any) -> dt.date | None:
    text = _text(value).strip()
    try:
        year, month = text[:7].split("-")
        return dt.date(int(year), int(month), 1)
    except ValueError:
        return None


def _dicts(data: dict[str, Any], name: str) -> list[dict[str, Any]]:
    value = data.get(name)
    return [item for item in value if isinstance(item, dict)] if isinstance(value, list) else []


def plan_from_snapshot(data: Any) -> PlanSnapshot:
    """A stored snapshot back to a plan to show. Never fails: it keeps what it can read."""
    if not isinstance(data, dict):
        return PlanSnapshot()
    data = upgrade(data)
    parties = []
    for number, raw in enumerate(_dicts(data, "parties")):
        party_id = _int(raw.get("id"))
        parties.append(
            SnapshotParty(
                id=party_id if party_id is not None else -1 - number,
                part=_text(raw.get("part")),
                name=_text(raw.get("organisation_label")),
            )
        )
    activities = []
    for number, raw in enumerate(_dicts(data, "activities")):
        raci: dict[int, str] = {}
        cells = raw.get("raci")
        if isinstance(cells, dict):
            for key, role in cells.items():
                party_id = _int(key)
                if party_id is not None and role in ROLES:
                    raci[party_id] = role
        activity_id = _int(raw.get("id"))
        start, end = _month_of(raw.get("start_month")), _month_of(raw.get("end_month"))
        if start and end and end < start:
            end = start
        participants = _int(raw.get("planned_participants"))
        activities.append(
            SnapshotActivity(
                id=activity_id if activity_id is not None else -1 - number,
                **{name: _text(raw.get(name)) for name in ACTIVITY_TEXTS},
                node=_int(raw.get("node")),
                node_label=_text(raw.get("node_label")),
                start_month=start,
                end_month=end,
                status=_text(raw.get("status")),
                responsible_party=_int(raw.get("responsible_party")),
                responsible_party_label=_text(raw.get("responsible_party_label")),
                responsible_person=_int(raw.get("responsible_person")),
                responsible_person_label=_text(raw.get("responsible_person_label")),
                planned_participants=participants
                if participants is not None and participants >= 0
                else None,
                raci=raci,
            )
        )
    risks = []
    for number, raw in enumerate(_dicts(data, "risks")):
        risk_id = _int(raw.get("id"))
        likelihood, consequence = _int(raw.get("likelihood")), _int(raw.get("consequence"))
        risks.append(
            SnapshotRisk(
                id=risk_id if risk_id is not None else -1 - number,
                **{name: _text(raw.get(name)) for name in RISK_TEXTS},
                likelihood=likelihood if likelihood in (1, 2, 3) else 2,
                consequence=consequence if consequence in (1, 2, 3) else 2,
                owner=_int(raw.get("owner")),
                owner_label=_text(raw.get("owner_label")),
            )
        )
    ways_raw = data.get("ways_of_working")
    ways = (
        {name: _text(ways_raw.get(name)) for name in WAYS_OF_WORKING_FIELDS}
        if isinstance(ways_raw, dict)
        else {name: "" for name in WAYS_OF_WORKING_FIELDS}
    )
    return PlanSnapshot(
        title=_text(data.get("partnership_label")),
        parties=parties,
        activities=activities,
        ways=ways,
        risks=risks,
    )
