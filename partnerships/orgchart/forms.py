"""Forms of the organisation chart and of a party's responsible unit (they validate only)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from ..concurrency import VersionedModelForm
from ..forms import CrispyMixin
from ..models import ORG_UNIT_FIELDS, PARTY_UNIT_FIELDS, OrgUnit, Party
from .rules import ancestors_of


class UnitChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: OrgUnit) -> str:
        return f"{obj.name} ({obj.get_kind_display()})"


class OrgUnitForm(CrispyMixin, VersionedModelForm):
    """A unit of the chart; its parent is chosen among the organisation's other units, those
    under it left out (the model's rule refuses a loop all the same)."""

    class Meta:
        model = OrgUnit
        fields = list(ORG_UNIT_FIELDS)
        field_classes = {"parent": UnitChoiceField}
        widgets = {"responsibility_areas": forms.Textarea(attrs={"rows": 5})}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        units = OrgUnit.objects.filter(organisation_id=self.instance.organisation_id)
        if self.instance.pk is not None:
            rows = list(units.values_list("id", "parent_id"))
            parents = dict(rows)
            below = {pk for pk, _parent in rows if self.instance.pk in ancestors_of(parents, pk)}
            units = units.exclude(pk__in=below)
        self.fields["parent"].queryset = units.order_by("name")  # type: ignore[attr-defined]
        self.fields["parent"].empty_label = _("— at the top of the chart —")  # type: ignore[attr-defined]
        self.fields["parent"].help_text = _("The committee, administration or unit it is part of.")


class PartyUnitForm(CrispyMixin, VersionedModelForm):
    """Which unit of the party's organisation carries the legal responsibility."""

    class Meta:
        model = Party
        fields = list(PARTY_UNIT_FIELDS)
        field_classes = {"unit": UnitChoiceField}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = OrgUnit.objects.filter(  # type: ignore[attr-defined]
            organisation_id=self.instance.organisation_id
        ).order_by("name")
        self.fields["unit"].empty_label = _("— not named yet —")  # type: ignore[attr-defined]
