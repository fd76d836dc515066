"""Optimistic locking shared by every edit form: a version number on the row.

The edit form carries the version the user started from. Saving compares it with the row,
locked for the update: if someone saved in between, the save is refused with the other
person's values so nothing is silently overwritten and the user's own input is kept.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, TypeVar

from django import forms
from django.db import models, transaction
from django.utils.translation import gettext_lazy as _

M = TypeVar("M", bound="VersionedModel")


class VersionedModel(models.Model):
    version = models.PositiveIntegerField(default=1, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True


@dataclass(frozen=True)
class FieldChange:
    label: str
    theirs: str
    yours: str


class EditConflict(Exception):
    """The row changed since the user opened the form."""

    def __init__(self, current: models.Model) -> None:
        super().__init__("edit conflict")
        self.current = current


def save_versioned(instance: M, *, expected_version: int) -> M:
    """Save `instance` if the stored row still has `expected_version`; bump the version."""
    model = type(instance)
    with transaction.atomic():
        current = model._default_manager.select_for_update().get(pk=instance.pk)
        if current.version != expected_version:
            raise EditConflict(current)
        instance.version = current.version + 1
        instance.save()
    return instance


def _display(form: forms.ModelForm, name: str, value: Any) -> str:
    field = form.fields[name]
    if isinstance(field, forms.ModelChoiceField):
        return str(value) if value is not None else "—"
    if hasattr(field, "choices") and value not in (None, ""):
        return str(dict(field.choices).get(value, value))  # type: ignore[attr-defined]
    return "—" if value in (None, "") else str(value)


class VersionedModelForm(forms.ModelForm):
    """A ModelForm that remembers which version of the row the user started from."""

    version_seen = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["version_seen"].initial = self.instance.version
        self.conflict: list[FieldChange] = []
        self.conflict_by: str = ""

    def field_values(self) -> dict[str, Any]:
        """The cleaned values of the model's fields, for a create service."""
        return {name: value for name, value in self.cleaned_data.items() if name != "version_seen"}

    def save_checked(self, **extra: Any) -> models.Model | None:
        """Save through the version check; on a conflict return None and explain on the form."""
        instance = self.save(commit=False)
        for name, value in extra.items():
            setattr(instance, name, value)
        if not instance.pk:
            instance.save()
            self.save_m2m()
            return instance
        seen = self.cleaned_data.get("version_seen") or instance.version
        try:
            saved = save_versioned(instance, expected_version=seen)
        except EditConflict as conflict:
            self._explain_conflict(conflict.current)
            return None
        self.save_m2m()
        return saved

    def _explain_conflict(self, current: models.Model) -> None:
        for name in self._meta.fields or []:
            if name not in self.fields:
                continue
            theirs = getattr(current, name)
            yours = self.cleaned_data.get(name)
            if theirs != yours:
                self.conflict.append(
                    FieldChange(
                        label=str(self.fields[name].label),
                        theirs=_display(self, name, theirs),
                        yours=_display(self, name, yours),
                    )
                )
        latest = getattr(current, "history", None)
        record = latest.select_related("history_user").first() if latest is not None else None
        if record is not None and record.history_user is not None:
            self.conflict_by = str(record.history_user)
        data = self.data.copy()  # type: ignore[attr-defined]
        data[self.add_prefix("version_seen")] = str(current.version)  # type: ignore[attr-defined]
        self.data = data
        self.add_error(
            None,
            _(
                "Someone else saved this while you were editing. Your changes are not saved yet: "
                "compare them with the saved version below and save again to keep yours."
            ),
        )
