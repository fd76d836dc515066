"""Forms of contacts and the relationship plan: they validate input only."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from ..concurrency import VersionedModelForm
from ..forms import CrispyMixin, DateInput
from ..models import Contact
from .models import CONTACT_FIELDS, RELATIONSHIP_ENTRY_FIELDS, RelationshipEntry


class UnitChoiceField(forms.ModelChoiceField):
    """Units named with their organisation, since the list holds several organisations'."""

    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.organisation}: {obj.name}"


class ContactForm(CrispyMixin, VersionedModelForm):
    class Meta:
        model = Contact
        fields = list(CONTACT_FIELDS)
        field_classes = {"unit": UnitChoiceField}
        help_texts = {
            "unit": _("Optional. Only a unit of the organisation chosen above is accepted."),
            "has_decision_mandate": _(
                "The person can decide on the matter, for example a head of unit or the chair "
                "of a committee."
            ),
        }

    def __init__(
        self, *args: Any, organisations: Any = None, units: Any = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        if organisations is not None:
            self.fields["organisation"].queryset = organisations  # type: ignore[attr-defined]
        if units is not None:
            self.fields["unit"].queryset = units  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        organisation, unit = cleaned.get("organisation"), cleaned.get("unit")
        if (
            organisation is not None
            and unit is not None
            and unit.organisation_id != organisation.pk
        ):
            self.add_error(
                "unit",
                _(
                    "The unit “%(unit)s” belongs to %(owner)s, not to %(organisation)s: choose "
                    "one of its own units, or none."
                )
                % {"unit": unit.name, "owner": unit.organisation, "organisation": organisation},
            )
        return cleaned


class ContactLabelField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.name} ({obj.organisation})"


class RelationshipEntryForm(CrispyMixin, VersionedModelForm):
    class Meta:
        model = RelationshipEntry
        fields = list(RELATIONSHIP_ENTRY_FIELDS)
        field_classes = {"contact": ContactLabelField}
        widgets = {"why": forms.Textarea(attrs={"rows": 3}), "next_action_date": DateInput()}

    def __init__(self, *args: Any, contacts: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if contacts is not None:
            self.fields["contact"].queryset = contacts  # type: ignore[attr-defined]
