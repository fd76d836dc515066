"""Restore from the history: an earlier version of a record, or a record that was deleted.

A restore is planned first (what will come back, what cannot and why), shown to the person
for confirmation, then carried out by planning again under a lock. An earlier version goes
through `update_versioned`, so it is a normal versioned change recorded in the history; a
deleted record is saved again under its old id. Apps give a model its own rule with
`register_restore` (the theory of change brings a node back with its links and indicators).
Only versioned models are restorable by default: memberships and invitations are not (who may
do what is managed on the members page, not undone from the history).
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.db import IntegrityError, models, transaction
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext as _

from accounts.models import User

from .concurrency import EditConflict, VersionedModel, update_versioned
from .display import field_label, readable
from .history import IGNORED_FIELDS, RESTORED_REASON, Tracked, m2m_values, tracked_for
from .models import Partnership


class RecordNotFound(Exception):
    """No such historical record in this partnership's history."""


@dataclass
class RestorePlan:
    """What a restore will do, or why it cannot be done."""

    kind: str  # "version" | "deleted"
    what: str  # the record, as the history names it
    type_label: str
    changes: list[tuple[str, str, str]] = field(default_factory=list)  # label, now, restored
    also: list[str] = field(default_factory=list)  # records that come back with it
    left_out: list[str] = field(default_factory=list)  # what cannot come back, and why
    refusal: str = ""
    apply: Callable[[], models.Model] | None = None

    @property
    def possible(self) -> bool:
        return not self.refusal and self.apply is not None


Rule = Callable[["RestoreContext"], RestorePlan]
_RULES: dict[type[models.Model], Rule | None] = {}
_DISCOVERED = False


Check = Callable[[Any], None]
_CHECKS: dict[type[models.Model], Check] = {}


def register_restore(
    model: type[models.Model], rule: Rule | None, *, check: Check | None = None
) -> None:
    """Give `model` its own restore rule (None: its records are not restorable) and the
    service's check of a record (default: the model's full_clean), so that a restored record
    obeys the same rules as an edited one."""
    _RULES[model] = rule
    if check is not None:
        _CHECKS[model] = check


def check_of(model: type[models.Model]) -> Check:
    return _CHECKS.get(model, lambda instance: instance.full_clean())


@dataclass
class RestoreContext:
    """A historical record of this partnership and what rules need to plan its restore."""

    partnership: Partnership
    tracked: Tracked
    record: Any
    user: User | None = None

    @property
    def model(self) -> type[models.Model]:
        return self.tracked.model

    @property
    def object_id(self) -> Any:
        return getattr(self.record, self.model._meta.pk.attname)

    def what(self) -> str:
        return self.tracked.describe(self.record)


def is_restorable(label: str) -> bool:
    _discover()
    tracked = tracked_for(label)
    if tracked is None:
        return False
    if tracked.model in _RULES:
        return _RULES[tracked.model] is not None
    return issubclass(tracked.model, VersionedModel)


def _record(partnership: Partnership, label: str, history_id: int) -> tuple[Tracked, Any]:
    tracked = tracked_for(label)
    if tracked is None or not is_restorable(label):
        raise RecordNotFound
    record = (
        tracked.model.history.filter(  # type: ignore[attr-defined]
            history_id=history_id, **{tracked.partnership_lookup: partnership.pk}
        )
        .select_related(*tracked.related)
        .first()
    )
    if record is None:
        raise RecordNotFound
    return tracked, record


# Building blocks for rules -------------------------------------------------------------------


def restorable_fields(context: RestoreContext) -> list[Any]:
    """The fields a restore brings back: editable ones, not the key or the partnership."""
    partnership_field = context.tracked.partnership_lookup.removesuffix("_id")
    return [
        model_field
        for model_field in context.model._meta.concrete_fields
        if model_field.editable
        and not model_field.primary_key
        and model_field.name not in IGNORED_FIELDS
        and model_field.name != partnership_field
        and model_field.name != "removed_at"  # removal is undone by the record's own restore
    ]


def m2m_as_of(context: RestoreContext, *, before_deletion: bool) -> dict[str, frozenset[Any]]:
    """The many-to-many links the record had (for a deletion: in the last row before it)."""
    fields = context.tracked.m2m_fields
    if not fields:
        return {}
    record = context.record
    if before_deletion:
        record = (
            context.model.history.filter(  # type: ignore[attr-defined]
                **{context.model._meta.pk.attname: context.object_id},
                history_date__lte=record.history_date,
            )
            .exclude(history_type="-")
            .order_by("-history_date", "-history_id")
            .first()
        )
        if record is None:
            return {}
    values = m2m_values(context.tracked, [record.history_id])
    return {name: by_id[record.history_id] for name, by_id in values.items()}


def _existing(model_field: Any, keys: frozenset[Any]) -> list[Any]:
    return list(model_field.related_model._base_manager.filter(pk__in=keys))


def check_links(context: RestoreContext, values: dict[str, Any]) -> tuple[str, list[str]]:
    """Whether the records `values` link to (foreign keys) still exist.

    A link that may be empty is emptied, and named in the second item; any other missing one
    gives a refusal (the first item) naming it.
    """
    cleared = []
    for model_field in restorable_fields(context):
        if not model_field.many_to_one and not model_field.one_to_one:
            continue
        key = values.get(model_field.attname)
        if key is None:
            continue
        if model_field.related_model._base_manager.filter(pk=key).exists():
            continue
        label = field_label(context.model, model_field.name)
        if model_field.null:
            values[model_field.attname] = None
            cleared.append(
                _("%(field)s: the record it named has been deleted, so it is left empty.")
                % {"field": label}
            )
            continue
        return (
            _(
                "It cannot come back: the record it belonged to as “%(field)s” no longer "
                "exists. Restore that first."
            )
            % {"field": label},
            cleared,
        )
    return "", cleared


def validation_text(error: ValidationError) -> str:
    """The messages of a ValidationError as one readable sentence list."""
    return " ".join(str(message) for message in error.messages)


def plan_version(context: RestoreContext) -> RestorePlan:
    """Bring an existing record's fields back to those of the historical record."""
    record, model = context.record, context.model
    plan = RestorePlan("version", context.what(), context.tracked.type_label)
    current = model._base_manager.filter(pk=context.object_id).first()
    if current is None:
        plan.refusal = _(
            "This record has been deleted since. Restore it from the deleted records first."
        )
        return plan
    if getattr(current, "removed_at", None) is not None:
        plan.refusal = _(
            "This record has been removed since. Restore it from the removed records first."
        )
        return plan
    if record.history_type == "-":
        plan.refusal = _("This row records a deletion: restore the deleted record instead.")
        return plan
    values = {f.attname: getattr(record, f.attname) for f in restorable_fields(context)}
    refusal, cleared = check_links(context, values)
    if refusal:
        plan.refusal = refusal
        return plan
    plan.left_out.extend(cleared)
    changes: dict[str, Any] = {}
    for model_field in restorable_fields(context):
        old, now = values[model_field.attname], getattr(current, model_field.attname)
        if old != now:
            changes[model_field.name] = old
            plan.changes.append(
                (
                    field_label(model, model_field.name),
                    readable(model_field, now, limit=200),
                    readable(model_field, old, limit=200),
                )
            )
    for name, keys in m2m_as_of(context, before_deletion=False).items():
        model_field = model._meta.get_field(name)
        linked = _existing(model_field, keys)
        now_keys = frozenset(getattr(current, name).values_list("pk", flat=True))
        if frozenset(obj.pk for obj in linked) != now_keys:
            changes[name] = linked
            plan.changes.append(
                (
                    field_label(model, name),
                    readable(model_field, list(now_keys)),
                    readable(model_field, linked),
                )
            )
        if len(linked) < len(keys):
            plan.left_out.append(
                _("%(field)s: records that have been deleted since are left out.")
                % {"field": field_label(model, name)}
            )
    if not changes:
        plan.refusal = _("Nothing to restore: the record already has these values.")
        return plan
    # The model's rules on the restored values, so the page can say so before anyone confirms.
    candidate = copy.copy(current)
    for model_field in restorable_fields(context):
        if model_field.name in changes:
            setattr(candidate, model_field.attname, values[model_field.attname])
    refusal = validate_rebuilt(candidate)
    if refusal:
        plan.refusal = refusal
        return plan

    def apply() -> models.Model:
        restored = update_versioned(
            current,  # type: ignore[type-var]
            expected_version=current.version,  # type: ignore[attr-defined]
            changes=changes,
            validate=check_of(model),
        )
        return mark_restored(restored)

    plan.apply = apply
    return plan


def rebuild(context: RestoreContext) -> tuple[models.Model | None, str, list[str]]:
    """The deleted record as a model instance under its old id (not validated, not saved),
    or a refusal; and the emptied links."""
    record, model = context.record, context.model
    if model._base_manager.filter(pk=context.object_id).exists():
        return None, _("This record exists again: there is nothing to restore."), []
    values = {f.attname: getattr(record, f.attname) for f in model._meta.concrete_fields}
    refusal, cleared = check_links(context, values)
    if refusal:
        return None, refusal, cleared
    instance = model(**values)
    if isinstance(instance, VersionedModel):
        instance.version = (record.version or 0) + 1
    return instance, "", cleared


def validate_rebuilt(instance: models.Model) -> str:
    """The model's rules on a rebuilt record: "" when it may come back, else why not."""
    try:
        check_of(type(instance))(instance)
    except ValidationError as error:
        return _("It cannot come back as it was: %(reason)s") % {"reason": validation_text(error)}
    return ""


def rebuild_deleted(context: RestoreContext) -> tuple[models.Model | None, str, list[str]]:
    """`rebuild`, then the model's rules."""
    instance, refusal, cleared = rebuild(context)
    if instance is not None:
        refusal = validate_rebuilt(instance)
    return (None if refusal else instance), refusal, cleared


def save_restored(instance: models.Model, m2m: dict[str, frozenset[Any]]) -> models.Model:
    """Insert a rebuilt record again, with its many-to-many links that still exist."""
    instance.save(force_insert=True)
    for name, keys in m2m.items():
        model_field = instance._meta.get_field(name)
        linked = _existing(model_field, keys)
        if linked:
            getattr(instance, name).set(linked)
    return mark_restored(instance)


def mark_restored(instance: models.Model) -> models.Model:
    """Label the history rows of this version of `instance` as a restore."""
    model = type(instance)
    model.history.filter(  # type: ignore[attr-defined]
        **{model._meta.pk.attname: instance.pk, "version": instance.version}  # type: ignore[attr-defined]
    ).update(history_change_reason=RESTORED_REASON)
    return instance


def plan_deleted(context: RestoreContext) -> RestorePlan:
    """Bring a deleted record back under its old id, with the anchoring it had."""
    plan = RestorePlan("deleted", context.what(), context.tracked.type_label)
    if context.record.history_type != "-":
        plan.refusal = _("This row is not a deletion.")
        return plan
    instance, refusal, cleared = rebuild_deleted(context)
    if instance is None:
        plan.refusal = refusal
        return plan
    plan.left_out.extend(cleared)
    m2m = m2m_as_of(context, before_deletion=True)
    for name, keys in m2m.items():
        model_field = context.model._meta.get_field(name)
        linked = _existing(model_field, keys)
        if linked:
            plan.also.append(f"{field_label(context.model, name)}: {readable(model_field, linked)}")
        if len(linked) < len(keys):
            plan.left_out.append(
                _("%(field)s: records that have been deleted since are left out.")
                % {"field": field_label(context.model, name)}
            )
    plan.apply = lambda: save_restored(instance, m2m)
    return plan


def default_rule(context: RestoreContext) -> RestorePlan:
    if context.record.history_type == "-":
        return plan_deleted(context)
    return plan_version(context)


# The service -----------------------------------------------------------------------------


def _context(
    partnership: Partnership, model_label: str, history_id: int, user: User | None = None
) -> RestoreContext:
    tracked, record = _record(partnership, model_label, history_id)
    return RestoreContext(partnership=partnership, tracked=tracked, record=record, user=user)


def _discover() -> None:
    """Import every app's `restore` module once, where apps register their rules."""
    global _DISCOVERED
    if not _DISCOVERED:
        autodiscover_modules("restore")
        _DISCOVERED = True


def _plan(context: RestoreContext) -> RestorePlan:
    _discover()
    rule = _RULES.get(context.model, default_rule) or default_rule
    try:
        return rule(context)
    except ObjectDoesNotExist:
        plan = RestorePlan("", context.what(), context.tracked.type_label)
        plan.refusal = _("A record it depends on no longer exists.")
        return plan


def restore_preview(*, partnership: Partnership, model_label: str, history_id: int) -> RestorePlan:
    """What restoring this historical record would do (RecordNotFound if not this
    partnership's, or not restorable)."""
    return _plan(_context(partnership, model_label, history_id))


def history_restore(
    *, partnership: Partnership, model_label: str, history_id: int, user: User | None
) -> models.Model:
    """Restore the record of `history_id`; ValidationError with the reason when it cannot be."""
    context = _context(partnership, model_label, history_id, user)
    try:
        with transaction.atomic():
            # One restore of this partnership at a time: plans read rows they then write.
            Partnership.objects.select_for_update().filter(pk=partnership.pk).first()
            plan = _plan(context)
            if not plan.possible:
                raise ValidationError(plan.refusal or _("This cannot be restored."))
            assert plan.apply is not None
            return plan.apply()
    except EditConflict as conflict:
        raise ValidationError(
            _("Someone changed this record a moment ago. Look at the history again and retry.")
        ) from conflict
    except IntegrityError as clash:
        # A rule of the database the plan did not foresee (a record added a moment ago).
        raise ValidationError(
            _("It cannot come back as it was: it clashes with a record that exists now.")
        ) from clash
