"""What changed between two versions of the plan, in words: activities added, removed and
changed (field by field), RACI cells that changed, the ways of working and the risks."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.utils import formats
from django.utils.translation import gettext as _

from ..models import PlanActivity, Risk
from ..rules import ROLE_NAMES
from .serialise import PlanSnapshot, SnapshotActivity, SnapshotRisk

EMPTY = "—"


@dataclass
class FieldChange:
    label: str
    old: str
    new: str


@dataclass
class ChangedItem:
    label: str
    changes: list[FieldChange]


@dataclass
class CellChange:
    activity: str
    party: str
    old: str
    new: str


@dataclass
class Section:
    added: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    changed: list[ChangedItem] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not (self.added or self.removed or self.changed)


@dataclass
class Comparison:
    parties: Section
    activities: Section
    cells: list[CellChange]
    ways: list[FieldChange]
    risks: Section

    @property
    def empty(self) -> bool:
        return (
            self.parties.empty
            and self.activities.empty
            and not self.cells
            and not self.ways
            and self.risks.empty
        )


def month_label(value: dt.date | None) -> str:
    return formats.date_format(value, "F Y") if value else EMPTY


def role_text(role: str) -> str:
    return f"{role} ({ROLE_NAMES[role]})" if role in ROLE_NAMES else _("no role")


def _text(value: object) -> str:
    return str(value) if value not in (None, "") else EMPTY


def _field_label(model: type, name: str) -> str:
    return str(model._meta.get_field(name).verbose_name).capitalize()  # type: ignore[attr-defined]


def _activity_fields(activity: SnapshotActivity) -> list[tuple[str, object, str]]:
    """(label, compared value, shown value) of each field of an activity."""
    label = lambda name: _field_label(PlanActivity, name)  # noqa: E731
    return [
        (label("title"), activity.title, _text(activity.title)),
        (label("node"), activity.node, _text(activity.node_label)),
        (label("description"), activity.description, _text(activity.description)),
        (label("start_month"), activity.start_month, month_label(activity.start_month)),
        (label("end_month"), activity.end_month, month_label(activity.end_month)),
        (label("status"), activity.status, activity.status_label),
        (
            label("responsible_party"),
            activity.responsible_party,
            _text(activity.responsible_party_label),
        ),
        (
            label("responsible_person"),
            activity.responsible_person,
            _text(activity.responsible_person_label),
        ),
        (
            label("planned_participants"),
            activity.planned_participants,
            _text(activity.planned_participants),
        ),
        (label("what"), activity.what, _text(activity.what)),
        (label("who"), activity.who, _text(activity.who)),
        (label("how"), activity.how, _text(activity.how)),
    ]


def _risk_fields(risk: SnapshotRisk) -> list[tuple[str, object, str]]:
    label = lambda name: _field_label(Risk, name)  # noqa: E731
    return [
        (label("title"), risk.title, _text(risk.title)),
        (label("description"), risk.description, _text(risk.description)),
        (label("likelihood"), risk.likelihood, risk.likelihood_label),
        (label("consequence"), risk.consequence, risk.consequence_label),
        (label("owner"), risk.owner, _text(risk.owner_label)),
        (label("mitigation"), risk.mitigation, _text(risk.mitigation)),
    ]


def _changes(
    old: list[tuple[str, object, str]], new: list[tuple[str, object, str]]
) -> list[FieldChange]:
    return [
        FieldChange(label, old_shown, new_shown)
        for (label, old_value, old_shown), (_label, new_value, new_shown) in zip(
            old, new, strict=True
        )
        if old_value != new_value
    ]


def compare(old: PlanSnapshot, new: PlanSnapshot) -> Comparison:
    """The differences from `old` to `new`, matched by the records' ids."""
    old_parties = {party.id: party for party in old.parties}
    new_parties = {party.id: party for party in new.parties}
    parties = Section(
        added=[p.name for p in new.parties if p.id not in old_parties],
        removed=[p.name for p in old.parties if p.id not in new_parties],
    )

    def party_name(party_id: int) -> str:
        found = new_parties.get(party_id) or old_parties.get(party_id)
        return found.name if found is not None else _("(removed party)")

    old_activities = {a.id: a for a in old.activities}
    new_activities = {a.id: a for a in new.activities}
    activities = Section(
        added=[a.title for a in new.activities if a.id not in old_activities],
        removed=[a.title for a in old.activities if a.id not in new_activities],
    )
    cells: list[CellChange] = []
    for activity in new.activities:
        before = old_activities.get(activity.id)
        if before is None:
            continue
        changes = _changes(_activity_fields(before), _activity_fields(activity))
        if changes:
            activities.changed.append(ChangedItem(activity.title, changes))
        for party_id in sorted(set(before.raci) | set(activity.raci)):
            was, now = before.raci.get(party_id, ""), activity.raci.get(party_id, "")
            if was != now:
                cells.append(
                    CellChange(activity.title, party_name(party_id), role_text(was), role_text(now))
                )

    cadence_rows_old, cadence_rows_new = old.ways_rows, new.ways_rows
    ways = [
        FieldChange(label, _text(was), _text(now))
        for (label, was), (_label, now) in zip(cadence_rows_old, cadence_rows_new, strict=True)
        if was != now
    ]

    old_risks = {r.id: r for r in old.risks}
    new_risks = {r.id: r for r in new.risks}
    risks = Section(
        added=[r.title for r in new.risks if r.id not in old_risks],
        removed=[r.title for r in old.risks if r.id not in new_risks],
    )
    for risk in new.risks:
        before_risk = old_risks.get(risk.id)
        if before_risk is not None:
            changes = _changes(_risk_fields(before_risk), _risk_fields(risk))
            if changes:
                risks.changed.append(ChangedItem(risk.title, changes))
    return Comparison(parties, activities, cells, ways, risks)
