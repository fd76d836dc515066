"""Forms of the budget lines, the value assumptions and the portfolio's date: validation only."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from partnerships.concurrency import VersionedModelForm
from partnerships.forms import CrispyMixin, DateInput
from partnerships.models import OrgUnit, Party, SteeringDocument

from ..forms import MoneyField
from .models import BUDGET_LINE_FIELDS, VALUE_ASSUMPTION_FIELDS, BudgetLine, ValueAssumption


class DocumentChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        owner = obj.owner_label
        return f"{obj} · {owner}" if owner else str(obj)


class UnitChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.name} · {obj.organisation}"


class BudgetLineForm(CrispyMixin, VersionedModelForm):
    class Meta:
        model = BudgetLine
        fields = list(BUDGET_LINE_FIELDS)
        field_classes = {
            "yearly_amount": MoneyField,
            "steering_document": DocumentChoiceField,
            "administration": UnitChoiceField,
        }
        widgets = {
            "priority": forms.Textarea(attrs={"rows": 3}),
            "note": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        partnership = self.instance.partnership
        document = cast(forms.ModelChoiceField, self.fields["steering_document"])
        document.queryset = SteeringDocument.objects.filter(
            uses__partnership=partnership, kind=SteeringDocument.Kind.BUDGET
        ).select_related("organisation", "unit")
        document.required = True
        unit = cast(forms.ModelChoiceField, self.fields["administration"])
        unit.queryset = (
            OrgUnit.objects.filter(
                organisation__in=Party.objects.filter(partnership=partnership).values(
                    "organisation"
                )
            )
            .select_related("organisation")
            .order_by("organisation__name", "name")
        )


class ValueAssumptionForm(CrispyMixin, VersionedModelForm):
    class Meta:
        model = ValueAssumption
        fields = list(VALUE_ASSUMPTION_FIELDS)
        field_classes = {"value": MoneyField}
        widgets = {"note": forms.Textarea(attrs={"rows": 3})}


class PortfolioDateForm(CrispyMixin, forms.Form):
    """The day the portfolio is seen from (today by default): what ends within six months."""

    on = forms.DateField(
        label=_("As of"),
        required=False,
        widget=DateInput(),
        help_text=_("Leave empty for today."),
    )

    def clean_on(self) -> Any:
        on = self.cleaned_data.get("on")
        if on is not None and not 2000 <= on.year <= 2100:
            raise forms.ValidationError(_("Choose a date between 2000 and 2100."))
        return on
