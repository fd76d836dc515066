"""Optimistic locking with a three-way merge, shared by every edit of a versioned record.

An edit carries the version of the row the user started from. On save the service compares,
field by field, three values: the start (the history record of that version), the stored row
and the user's input. A field only the other person changed keeps their value, a field only
this user changed takes theirs, and only a field both changed to different values is a
conflict: nothing is saved, and the form shows those fields side by side, the user's input
kept, with every other field brought up to date.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, TypeVar

from django import forms
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.http import QueryDict

from config.forms import BoundedInputMixin

from .display import field_label, readable

M = TypeVar("M", bound="VersionedModel")
T = TypeVar("T")


class VersionedModel(models.Model):
    version = models.PositiveIntegerField(default=1, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True


@dataclass(frozen=True)
class FieldConflict:
    """One field both people changed, in readable form."""

    name: str
    label: str
    base: str
    theirs: str
    yours: str


@dataclass
class EditConflict(Exception):
    """Someone else saved the row since the user opened it, and changed a field this user did."""

    current: models.Model
    conflicts: list[FieldConflict]
    theirs_only: list[str] = field(default_factory=list)
    by: str = ""

    def __str__(self) -> str:
        return "edit conflict on " + ", ".join(c.name for c in self.conflicts)


_UNKNOWN = object()


def _key(model_field: Any, value: Any) -> Any:
    """A value reduced to what two values are compared by: ids for records, sets for m2m."""
    if model_field.many_to_many:
        return frozenset(v.pk if isinstance(v, models.Model) else v for v in value or ())
    if model_field.is_relation:
        return value.pk if isinstance(value, models.Model) else value
    if isinstance(value, str):
        return value.replace("\r\n", "\n").strip()
    if value == "":
        return None
    return value


def _stored(instance: models.Model, model_field: Any) -> Any:
    if model_field.many_to_many:
        return frozenset(getattr(instance, model_field.name).values_list("pk", flat=True))
    return getattr(instance, model_field.attname)


def _base_values(model: type[models.Model], pk: Any, version: int, names: Iterable[str]) -> Any:
    """The values of `names` as they were at `version`, from the history; None if not kept."""
    history = getattr(model, "history", None)
    if history is None:
        return None
    record = (
        history.filter(**{model._meta.pk.attname: pk, "version": version})
        .order_by("-history_date", "-history_id")
        .first()
    )
    if record is None:
        return None
    tracked_m2m = {f.name for f in getattr(record, "_history_m2m_fields", ())}
    values: dict[str, Any] = {}
    for name in names:
        model_field = model._meta.get_field(name)
        if model_field.many_to_many:
            if name not in tracked_m2m:
                values[name] = _UNKNOWN
                continue
            target = model_field.m2m_reverse_field_name()  # type: ignore[union-attr]
            values[name] = frozenset(getattr(record, name).values_list(f"{target}_id", flat=True))
        else:
            values[name] = getattr(record, model_field.attname)  # type: ignore[union-attr]
    return values


def _last_editor(current: models.Model) -> str:
    history = getattr(current, "history", None)
    record = history.select_related("history_user").first() if history is not None else None
    if record is not None and record.history_user is not None:
        return str(record.history_user)
    return ""


def update_versioned(
    instance: M,
    *,
    expected_version: int,
    changes: Mapping[str, Any],
    validate: Callable[[M], None] | None = None,
) -> M:
    """Apply `changes` (field name to value; many-to-many names take records) to the row.

    Merges with whatever was saved since `expected_version` and raises EditConflict, saving
    nothing, when a field both sides changed differs. `validate` runs on the merged row before
    it is saved (default: the model's full_clean); it raises ValidationError to refuse.
    """
    model = type(instance)
    fields: dict[str, Any] = {name: model._meta.get_field(name) for name in changes}
    with transaction.atomic():
        current = model._default_manager.select_for_update().get(pk=instance.pk)
        if current.version == expected_version:
            to_apply = dict(changes)
        else:
            base = _base_values(model, instance.pk, expected_version, changes)
            to_apply, conflicts, theirs_only = {}, [], []
            for name, yours in changes.items():
                model_field = fields[name]
                theirs_key = _key(model_field, _stored(current, model_field))
                yours_key = _key(model_field, yours)
                start = _UNKNOWN if base is None else base[name]
                start_key = _UNKNOWN if start is _UNKNOWN else _key(model_field, start)
                if yours_key == theirs_key:
                    continue
                if start_key is not _UNKNOWN and start_key == yours_key:
                    theirs_only.append(name)  # only they changed it: keep theirs
                elif start_key is not _UNKNOWN and start_key == theirs_key:
                    to_apply[name] = yours  # only you changed it
                else:
                    theirs_value = _stored(current, model_field)
                    conflicts.append(
                        FieldConflict(
                            name=name,
                            label=field_label(model, name),
                            base="" if start is _UNKNOWN else readable(model_field, start),
                            theirs=readable(model_field, theirs_value),
                            yours=readable(model_field, yours),
                        )
                    )
            if conflicts:
                raise EditConflict(current, conflicts, theirs_only, _last_editor(current))
        many = {name: value for name, value in to_apply.items() if fields[name].many_to_many}
        for name, value in to_apply.items():
            model_field = fields[name]
            if name in many:
                continue
            if model_field.is_relation and not isinstance(value, models.Model | None):
                setattr(current, model_field.attname, value)  # given as an id
            else:
                setattr(current, name, value)
        if validate is not None:
            validate(current)
        else:
            current.full_clean()
        current.version = current.version + 1
        current.save()
        for name, value in many.items():
            getattr(current, name).set(list(value))
    return current


def create_validated(instance: M, *, validate: Callable[[M], None] | None = None) -> M:
    """Save a new row after its rules (the model's full_clean by default)."""
    if validate is not None:
        validate(instance)
    else:
        instance.full_clean()
    instance.save()
    return instance


# Forms -----------------------------------------------------------------------------------


def _form_data(bound: forms.BoundField, value: Any) -> str | list[str] | None:
    """`value` written the way the form's widget posts it (None: the key is left out)."""
    widget = bound.field.widget
    if isinstance(widget, forms.CheckboxInput):
        return "on" if value else None
    if isinstance(bound.field, forms.ModelMultipleChoiceField):
        return [str(v.pk if isinstance(v, models.Model) else v) for v in value or ()]
    if isinstance(bound.field, forms.ModelChoiceField):
        return "" if value is None else str(value.pk if isinstance(value, models.Model) else value)
    prepared = bound.field.prepare_value(value)
    formatted = widget.format_value(prepared)
    return "" if formatted is None else str(formatted)


class VersionedModelForm(BoundedInputMixin, forms.ModelForm):
    """A ModelForm that remembers which version of the row the user started from.

    It validates input only: the view passes `changes()` and `expected_version` to a service
    (most simply through `submit`), and shows a conflict the service raises with
    `show_conflict`.
    """

    version_seen = forms.IntegerField(
        widget=forms.HiddenInput, required=False, min_value=0, max_value=2**31 - 1
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["version_seen"].initial = self.instance.version
        self.conflict: list[FieldConflict] = []
        self.conflict_by: str = ""

    def changes(self) -> dict[str, Any]:
        """The cleaned values of the model's fields (for an update or a create service)."""
        return {name: value for name, value in self.cleaned_data.items() if name != "version_seen"}

    # The name create services have used since the first app.
    field_values = changes

    @property
    def expected_version(self) -> int:
        seen = self.cleaned_data.get("version_seen")
        return seen if seen else self.instance.version

    def submit(self, service: Callable[..., T], **kwargs: Any) -> T | None:
        """Call an update service with this form's changes and version; None if refused.

        A conflict is shown on the form (`show_conflict`), a rule the service refused as a
        form error; in both cases nothing was saved.
        """
        try:
            return service(expected_version=self.expected_version, **kwargs, **self.changes())
        except EditConflict as conflict:
            self.show_conflict(conflict)
        except ValidationError as error:
            self.add_error(None, error)
        return None

    def show_conflict(self, conflict: EditConflict) -> None:
        """Keep the user's input, bring fields only the other person changed up to date, and
        list the fields both changed; saving again then saves what the form shows."""
        self.conflict = conflict.conflicts
        self.conflict_by = conflict.by
        data: Any = self.data.copy()  # type: ignore[attr-defined]
        current = conflict.current
        for name in conflict.theirs_only:
            if name not in self.fields:
                continue
            model_field = current._meta.get_field(name)
            value = (
                list(getattr(current, name).all())
                if model_field.many_to_many
                else getattr(current, name)
            )
            posted = _form_data(self[name], value)
            key = self.add_prefix(name)
            if posted is None:
                data.pop(key, None)
            elif isinstance(posted, list) and isinstance(data, QueryDict):
                data.setlist(key, posted)
            else:
                data[key] = posted
        data[self.add_prefix("version_seen")] = str(current.version)  # type: ignore[attr-defined]
        self.data = data
