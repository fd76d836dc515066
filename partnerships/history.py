"""The change history of a partnership: every historical record of its domain models.

Apps register their history-tracked models with `register_history`, naming how a record
reaches its partnership. A page of history costs two queries per registered model,
however many changes there are.
"""

from __future__ import annotations

import heapq
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _

CHANGE_LABELS = {"+": _("Created"), "~": _("Changed"), "-": _("Deleted")}
IGNORED_FIELDS = {"version", "updated_at", "created_at"}


@dataclass(frozen=True)
class Tracked:
    model: type[models.Model]
    partnership_lookup: str
    related: tuple[str, ...] = ()
    describe: Callable[[Any], str] = str


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

    @property
    def kind_label(self) -> str:
        return str(CHANGE_LABELS.get(self.kind, self.kind))


def _value(record: Any, model_field: models.Field) -> str:
    if model_field.choices:
        value = getattr(record, model_field.attname)
        return (
            str(dict(model_field.flatchoices).get(value, value)) if value not in (None, "") else "—"
        )
    value = getattr(record, model_field.attname)
    if value in (None, ""):
        return "—"
    text = str(value)
    return text if len(text) <= 120 else text[:117] + "…"


def _changes(record: Any, previous: Any | None, model: type[models.Model]) -> list[Change]:
    if previous is None:
        return []
    changes = []
    for model_field in model._meta.concrete_fields:
        if model_field.name in IGNORED_FIELDS or model_field.primary_key:
            continue
        old, new = getattr(previous, model_field.attname), getattr(record, model_field.attname)
        if old != new:
            changes.append(
                Change(
                    str(model_field.verbose_name),
                    _value(previous, model_field),
                    _value(record, model_field),
                )
            )
    return changes


def partnership_history(
    partnership: Any, *, page: int = 1, per_page: int = 50
) -> list[HistoryEntry]:
    """A page of changes across all registered models, newest first."""
    window = page * per_page
    streams = []
    for tracked in _REGISTRY:
        history = tracked.model.history  # type: ignore[attr-defined]
        records = list(
            history.filter(**{tracked.partnership_lookup: partnership.pk})
            .select_related("history_user", *tracked.related)
            .order_by("-history_date", "-history_id")[:window]
        )
        streams.append([(record.history_date, tracked, record) for record in records])
    merged = heapq.merge(*streams, key=lambda item: item[0], reverse=True)
    page_items = list(merged)[window - per_page : window]

    # One query per model for the records just before those on the page, to show what changed.
    by_model: dict[type[models.Model], list[Any]] = defaultdict(list)
    for _when, tracked, record in page_items:
        by_model[tracked.model].append(record)
    previous: dict[tuple[type[models.Model], int], Any] = {}
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

    entries = []
    for when, tracked, record in page_items:
        entries.append(
            HistoryEntry(
                when=when,
                who=str(record.history_user) if record.history_user else str(_("the system")),
                kind=record.history_type,
                what=tracked.describe(record),
                type_label=str(tracked.model._meta.verbose_name).capitalize(),
                changes=_changes(
                    record, previous.get((tracked.model, record.history_id)), tracked.model
                ),
            )
        )
    return entries
