"""The change history of a partnership: every historical record of its domain models.

Apps register their history-tracked models with `register_history`, naming how a record
reaches its partnership. Values read as a person reads them (`display.readable`), links to
steering documents and other many-to-many anchoring included, and the extra rows that
simple-history writes when a save also changes many-to-many links are folded into the save
they belong to. A page costs a bounded number of queries per registered model, however many
changes there are.
"""

from __future__ import annotations

import heapq
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from django.apps import apps
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy
from simple_history.models import HistoricalRecords

from .display import EMPTY, readable

CHANGE_LABELS = {
    "+": gettext_lazy("Created"),
    "~": gettext_lazy("Changed"),
    "-": gettext_lazy("Deleted"),
    "removed": pgettext_lazy("history", "Removed"),
    "restored": gettext_lazy("Restored"),
}
# Records removed softly (a `removed_at`) come back through their own restore service, which
# keeps everything that points at them; the history page offers it on the removal.
SOFT_RESTORE_URLS = {
    "partnerships.party": "partnerships:party_restore",
    "partnerships.steeringdocument": "partnerships:steering_restore",
    "partnerships.fundingcall": "partnerships:funding_restore",
    "partnerships.glossaryterm": "partnerships:glossary_restore",
    "partnerships.contact": "partnerships:contact_restore",
    "partnerships.relationshipentry": "partnerships:relationship_restore",
    "partnerships.candidate": "partnerships:candidate_restore",
    "partnerships.planactivity": "partnerships:plan_activity_restore",
    "partnerships.risk": "partnerships:plan_risk_restore",
    "partnerships.resourceitem": "partnerships:plan_resource_restore",
    "partnerships.meeting": "partnerships:meeting_restore",
}
IGNORED_FIELDS = {"version", "updated_at", "created_at"}
# JSON fields keyed by the id of a record (as text): shown with that record's name per key.
KEYED_BY = {("partnerships.glossaryterm", "meanings"): "partnerships.Party"}
RESTORED_REASON = "restored"
# Rows written by one save (the save, then one per many-to-many change) are this close.
SAME_SAVE = timedelta(seconds=10)


@dataclass(frozen=True)
class Tracked:
    model: type[models.Model]
    partnership_lookup: str
    related: tuple[str, ...] = ()
    describe: Callable[[Any], str] = str

    @property
    def label(self) -> str:
        return self.model._meta.label_lower

    @property
    def type_label(self) -> str:
        return str(self.model._meta.verbose_name).capitalize()

    @property
    def plural_label(self) -> str:
        return str(self.model._meta.verbose_name_plural).capitalize()

    @property
    def m2m_fields(self) -> list[Any]:
        history_model = self.model.history.model  # type: ignore[attr-defined]
        return list(getattr(history_model, "_history_m2m_fields", ()))


_REGISTRY: list[Tracked] = []


def register_history(
    model: type[models.Model],
    *,
    partnership_lookup: str = "partnership_id",
    related: tuple[str, ...] = (),
    describe: Callable[[Any], str] = str,
) -> None:
    if all(tracked.model is not model for tracked in _REGISTRY):
        _REGISTRY.append(Tracked(model, partnership_lookup, related, describe))


def tracked_models() -> list[Tracked]:
    return list(_REGISTRY)


def tracked_for(label: str) -> Tracked | None:
    """The registered model with this label ("app_label.modelname"), or None."""
    return next((tracked for tracked in _REGISTRY if tracked.label == label), None)


@dataclass
class Change:
    field: str
    old: str
    new: str


@dataclass
class HistoryEntry:
    when: datetime
    who: str
    kind: str
    what: str
    type_label: str
    changes: list[Change] = field(default_factory=list)
    model_label: str = ""
    history_id: int = 0
    object_id: Any = None
    version: int | None = None
    restored: bool = False
    removed: bool = False  # a soft removal: `removed_at` was set by this change
    # Set by the page for members who may restore: which restore this entry offers.
    restore: str = ""  # "" | "version" | "deleted" | "removed"

    @property
    def soft_restore_url_name(self) -> str:
        return SOFT_RESTORE_URLS.get(self.model_label, "")

    @property
    def kind_label(self) -> str:
        if self.restored:
            return str(CHANGE_LABELS["restored"])
        if self.removed:
            return str(CHANGE_LABELS["removed"])
        return str(CHANGE_LABELS.get(self.kind, self.kind))


@dataclass
class HistoryPage:
    entries: list[HistoryEntry]
    has_next: bool


def m2m_history_model(m2m_field: Any) -> type[models.Model]:
    """The model simple-history keeps a many-to-many field's links in, per historical row."""
    return HistoricalRecords.m2m_models[m2m_field]


def m2m_values(
    tracked: Tracked, history_ids: Iterable[int]
) -> dict[str, dict[int, frozenset[Any]]]:
    """For each tracked many-to-many field: history id -> the linked ids (one query a field)."""
    ids = list(history_ids)
    values: dict[str, dict[int, frozenset[Any]]] = {}
    for m2m_field in tracked.m2m_fields:
        target = f"{m2m_field.m2m_reverse_field_name()}_id"
        linked: dict[int, set[Any]] = defaultdict(set)
        if ids:
            rows = m2m_history_model(m2m_field).objects.filter(history_id__in=ids)  # type: ignore[attr-defined]
            for history_id, target_id in rows.values_list("history_id", target):
                linked[history_id].add(target_id)
        values[m2m_field.name] = {history_id: frozenset(linked[history_id]) for history_id in ids}
    return values


def _row(record: Any, model: type[models.Model]) -> tuple[Any, ...]:
    return tuple(getattr(record, f.attname) for f in model._meta.concrete_fields)


class _Names:
    """Names of linked records, fetched once per related model for a whole page."""

    def __init__(self) -> None:
        self.wanted: dict[type[models.Model], set[Any]] = defaultdict(set)
        self.found: dict[tuple[type[models.Model], Any], str] = {}

    def want(self, model_field: Any, values: Iterable[Any]) -> None:
        self.wanted[model_field.related_model].update(v for v in values if v is not None)

    def fetch(self) -> None:
        for model, keys in self.wanted.items():
            tracked = next((t for t in _REGISTRY if t.model is model), None)
            related = tracked.related if tracked is not None else ()
            for obj in model._base_manager.filter(pk__in=keys).select_related(*related):
                self.found[(model, obj.pk)] = str(obj)
            missing = [key for key in keys if (model, key) not in self.found]
            if missing and tracked is not None:
                # Deleted since: their last recorded name.
                pk_name = model._meta.pk.attname
                records = (
                    model.history.filter(**{f"{pk_name}__in": missing})  # type: ignore[attr-defined]
                    .select_related(*tracked.related)
                    .order_by(pk_name, "history_date", "history_id")
                )
                for record in records:
                    self.found[(model, getattr(record, pk_name))] = _("%(name)s (deleted)") % {
                        "name": tracked.describe(record)
                    }

    def want_keys(self, model: type[models.Model], values: Iterable[Any]) -> None:
        for value in values:
            self.wanted[model].update(_int_keys(value))

    def keyed(self, model: type[models.Model], value: Any, limit: int) -> str:
        """A JSON mapping of record ids to texts, as "Name: text; Name: text"."""
        if not value:
            return EMPTY
        found = {k: self.found.get((model, k), _("(removed record)")) for k in _int_keys(value)}
        text = "; ".join(
            f"{found.get(int(k), k) if str(k).isdigit() else k}: {v}" for k, v in value.items()
        )
        return text[: limit - 1] + "…" if len(text) > limit else text

    def name(self, model_field: Any, key: Any) -> str:
        return self.found.get((model_field.related_model, key), _("(removed record)"))

    def text(self, model_field: Any, value: Any) -> str:
        if model_field.many_to_many:
            names = sorted(self.name(model_field, key) for key in value)
            return ", ".join(names) if names else EMPTY
        if value is None:
            return EMPTY
        return self.name(model_field, value)


def _int_keys(value: Any) -> list[int]:
    return [int(k) for k in (value or {}) if str(k).isdigit()]


def _raw_changes(
    model: type[models.Model],
    before: Any,
    after: Any,
    m2m: dict[str, dict[int, frozenset[Any]]],
    m2m_fields: list[Any],
) -> list[tuple[Any, Any, Any]]:
    """(field, old, new) for every field that differs between two historical rows."""
    changes = []
    for model_field in model._meta.concrete_fields:
        if model_field.name in IGNORED_FIELDS or model_field.primary_key:
            continue
        old, new = getattr(before, model_field.attname), getattr(after, model_field.attname)
        if old != new:
            changes.append((model_field, old, new))
    for m2m_field in m2m_fields:
        old_set = m2m[m2m_field.name].get(before.history_id, frozenset())
        new_set = m2m[m2m_field.name].get(after.history_id, frozenset())
        if old_set != new_set:
            changes.append((m2m_field, old_set, new_set))
    return changes


@dataclass
class _Group:
    tracked: Tracked
    first: Any  # the oldest row of the save
    last: Any  # the newest row of the save
    before: Any | None  # the row before the save
    raw: list[tuple[Any, Any, Any]] = field(default_factory=list)


def partnership_history(
    partnership: Any,
    *,
    page: int = 1,
    per_page: int = 50,
    kind: str = "",
    person: Any = None,
    deleted_only: bool = False,
) -> HistoryPage:
    """A page of changes across the registered models, newest first, optionally filtered by
    kind of record (a model label), by the person who made them, or to deletions."""
    window = page * per_page
    streams = []
    for tracked in _REGISTRY:
        if kind and tracked.label != kind:
            continue
        history = tracked.model.history  # type: ignore[attr-defined]
        records = history.filter(**{tracked.partnership_lookup: partnership.pk})
        if person is not None:
            records = records.filter(history_user_id=person)
        if deleted_only:
            gone = Q(history_type="-")
            if _soft(tracked.model):
                gone |= Q(removed_at__isnull=False)
            records = records.filter(gone)
        records = records.select_related("history_user", *tracked.related).order_by(
            "-history_date", "-history_id"
        )[: window + 1]
        streams.append([(record.history_date, tracked, record) for record in records])
    merged = list(heapq.merge(*streams, key=lambda item: item[0], reverse=True))
    page_items = merged[window - per_page : window]

    # One query per model for the rows before those on the page, to show what changed.
    by_model: dict[type[models.Model], list[Any]] = defaultdict(list)
    trackers: dict[type[models.Model], Tracked] = {}
    for _when, tracked, record in page_items:
        by_model[tracked.model].append(record)
        trackers[tracked.model] = tracked
    previous: dict[tuple[type[models.Model], int], Any] = {}
    m2m: dict[type[models.Model], dict[str, dict[int, frozenset[Any]]]] = {}
    for model, records in by_model.items():
        pk_name = model._meta.pk.attname
        ids = {getattr(record, pk_name) for record in records}
        latest = max(record.history_date for record in records)
        earlier = model.history.filter(  # type: ignore[attr-defined]
            **{f"{pk_name}__in": ids, "history_date__lte": latest}
        ).order_by(pk_name, "history_date", "history_id")
        last_seen: dict[Any, Any] = {}
        for record in earlier:
            key = getattr(record, pk_name)
            previous[(model, record.history_id)] = last_seen.get(key)
            last_seen[key] = record
        needed = {record.history_id for record in records} | {
            before.history_id
            for record in records
            if (before := previous.get((model, record.history_id))) is not None
        }
        m2m[model] = m2m_values(trackers[model], needed)

    # Fold the rows one save wrote (the save, then one per many-to-many change) into one.
    head: dict[tuple[type[models.Model], int], Any] = {}
    groups: dict[tuple[type[models.Model], int], _Group] = {}
    for _when, tracked, record in reversed(page_items):  # oldest first
        model = tracked.model
        before = previous.get((model, record.history_id))
        start: Any = head.get((model, before.history_id)) if before is not None else None
        same_save = (
            start is not None
            and before is not None
            and record.history_type == "~"
            and record.history_user_id == before.history_user_id
            and record.history_date - before.history_date <= SAME_SAVE
            and _row(record, model) == _row(before, model)
        )
        if same_save:
            head[(model, record.history_id)] = start
            groups[(model, start.history_id)].last = record
        else:
            head[(model, record.history_id)] = record
            groups[(model, record.history_id)] = _Group(tracked, record, record, before)

    names = _Names()
    for (model, _id), group in groups.items():
        if group.before is None or group.first.history_type != "~":
            continue
        group.raw = _raw_changes(
            model, group.before, group.last, m2m[model], group.tracked.m2m_fields
        )
        for model_field, old, new in group.raw:
            keyed_by = KEYED_BY.get((model._meta.label_lower, model_field.name))
            if keyed_by is not None:
                names.want_keys(apps.get_model(keyed_by), [old, new])
            elif model_field.many_to_many:
                names.want(model_field, old | new)
            elif model_field.is_relation:
                names.want(model_field, [old, new])
    names.fetch()

    entries = []
    for group in sorted(
        groups.values(), key=lambda g: (g.last.history_date, g.last.history_id), reverse=True
    ):
        record, tracked = group.last, group.tracked
        if group.first.history_type == "~" and group.before is not None and not group.raw:
            continue  # a save that changed nothing a person reads (only its version)
        changes = []
        for model_field, old, new in group.raw:
            label = str(model_field.verbose_name).capitalize()
            keyed_by = KEYED_BY.get((tracked.label, model_field.name))
            if keyed_by is not None:
                keyed_model = apps.get_model(keyed_by)
                changes.append(
                    Change(
                        label,
                        names.keyed(keyed_model, old, 120),
                        names.keyed(keyed_model, new, 120),
                    )
                )
            elif model_field.is_relation:
                changes.append(
                    Change(label, names.text(model_field, old), names.text(model_field, new))
                )
            else:
                changes.append(
                    Change(
                        label,
                        readable(model_field, old, limit=120),
                        readable(model_field, new, limit=120),
                    )
                )
        entries.append(
            HistoryEntry(
                when=record.history_date,
                who=str(record.history_user) if record.history_user else _("the system"),
                kind=group.first.history_type,
                what=tracked.describe(record),
                type_label=tracked.type_label,
                changes=changes,
                model_label=tracked.label,
                history_id=record.history_id,
                object_id=getattr(record, tracked.model._meta.pk.attname),
                version=getattr(record, "version", None),
                restored=group.first.history_change_reason == RESTORED_REASON,
                removed=_soft(tracked.model)
                and record.removed_at is not None
                and (group.before is None or group.before.removed_at is None),
            )
        )
    return HistoryPage(entries=entries, has_next=len(merged) > window)


def _soft(model: type[models.Model]) -> bool:
    return any(f.name == "removed_at" for f in model._meta.concrete_fields)


def mark_restorable(entries: list[HistoryEntry], can_restore: Callable[[str], bool]) -> None:
    """Offer "restore this version" on earlier versions of records that exist and "restore" on
    deletions of records that are gone: one query per kind of record on the page."""
    by_label: dict[str, set[Any]] = defaultdict(set)
    for entry in entries:
        if can_restore(entry.model_label):
            by_label[entry.model_label].add(entry.object_id)
    existing: dict[str, dict[Any, Any]] = {}
    removed: dict[str, set[Any]] = {}
    for label, ids in by_label.items():
        tracked = tracked_for(label)
        assert tracked is not None
        rows = tracked.model._base_manager.filter(pk__in=ids)
        if _soft(tracked.model):
            removed[label] = set(rows.filter(removed_at__isnull=False).values_list("pk", flat=True))
        if any(f.name == "version" for f in tracked.model._meta.concrete_fields):
            existing[label] = dict(rows.values_list("pk", "version"))
        else:
            existing[label] = {pk: object() for pk in rows.values_list("pk", flat=True)}
    offered: set[Any] = set()  # entries are newest first: the latest removal offers it
    for entry in entries:
        if entry.model_label not in existing:
            continue
        current = existing[entry.model_label]
        if entry.removed and entry.object_id not in removed.get(entry.model_label, ()):
            continue  # a removal since undone: nothing to restore from this row
        if entry.object_id in removed.get(entry.model_label, ()):
            # Removed now: it comes back through its own service, offered on the removal.
            if entry.removed and entry.object_id not in offered:
                entry.restore = "removed"
                offered.add(entry.object_id)
            continue
        if entry.kind == "-" and entry.object_id not in current:
            entry.restore = "deleted"
        elif entry.kind != "-" and entry.object_id in current:
            if current[entry.object_id] != entry.version:  # the current version: nothing to do
                entry.restore = "version"
