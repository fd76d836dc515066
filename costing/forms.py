"""Forms of step 5: they validate input only; the services write."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any, cast

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from partnerships.concurrency import VersionedModelForm
from partnerships.forms import CrispyMixin, DateInput, PercentField
from partnerships.models import Party, PlanActivity

from .models import (
    CALCULATION_FIELDS,
    COST_LINE_FIELDS,
    FAMILY_OF,
    FINANCING_FIELDS,
    STAFF_CATEGORY_FIELDS,
    TIME_REPORT_FIELDS,
    Calculation,
    CostLine,
    FinancingArrangement,
    StaffCategory,
    TimeReport,
)

# Spaces (plain, no-break, narrow no-break) group digits in Swedish: "1 500 000".
_DIGIT_GROUPS = re.compile(r"[\s\u00a0\u202f]+")


def parse_decimal_text(value: str) -> str:
    """Money or a quantity as Swedes write it, reduced to "1234.50": "1 234,50 kr", "450:-"."""
    text = _DIGIT_GROUPS.sub("", value).lower()
    for suffix in (":-", "kronor", "kr", "sek", "h", "tim"):
        text = text.removesuffix(suffix)
    return text.replace(",", ".").removesuffix(".").strip()


def decimal_input(value: Decimal | None) -> str:
    """A decimal as a person edits it: "1 234,50" (plain spaces), "12" without zero öre."""
    if value is None:
        return ""
    value = Decimal(value)
    text = f"{value:,.2f}".replace(",", " ").replace(".", ",")
    return text.removesuffix(",00")


class MoneyField(forms.DecimalField):
    """Kronor and öre with a decimal comma and grouped digits: "1 234,50", "450 kr"."""

    widget = forms.TextInput

    def __init__(self, **kwargs: Any) -> None:
        kwargs.pop("localize", None)
        super().__init__(**kwargs)
        self.widget.attrs.setdefault("inputmode", "decimal")

    def to_python(self, value: Any) -> Any:
        if isinstance(value, str):
            value = parse_decimal_text(value)
        return super().to_python(value)

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, Decimal | int):
            return decimal_input(Decimal(value))
        return value


def _parties(partnership: Any) -> Any:
    return Party.objects.filter(partnership=partnership).select_related("organisation")


class PartyChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.organisation)


class FinancingForm(CrispyMixin, VersionedModelForm):
    class Meta:
        model = FinancingArrangement
        fields = list(FINANCING_FIELDS)
        field_classes = {"amount": MoneyField, "payer_party": PartyChoiceField}
        widgets = {
            "start_date": DateInput(),
            "end_date": DateInput(),
            "notes": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["payer_party"]).queryset = _parties(
            self.instance.partnership
        )
        # The forms grouped by family, as a person looks for them.
        groups: dict[str, list[tuple[str, Any]]] = {}
        for value, label in FinancingArrangement.Form.choices:
            groups.setdefault(FAMILY_OF[value], []).append((value, label))
        family_labels = dict(FinancingArrangement.Family.choices)
        cast(forms.ChoiceField, self.fields["form"]).choices = [("", "---------")] + [
            (family_labels[family], options) for family, options in groups.items()
        ]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        start, end = cleaned.get("start_date"), cleaned.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", _("The end date cannot be before the start date."))
        return cleaned


class StaffCategoryForm(CrispyMixin, VersionedModelForm):
    class Meta:
        model = StaffCategory
        fields = list(STAFF_CATEGORY_FIELDS)
        field_classes = {"hourly_rate": MoneyField, "party": PartyChoiceField}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["party"]).queryset = _parties(
            self.instance.partnership
        )


class CostLineForm(CrispyMixin, VersionedModelForm):
    class Meta:
        model = CostLine
        fields = list(COST_LINE_FIELDS)
        field_classes = {
            "quantity": MoneyField,
            "unit_price": MoneyField,
            "vat_rate": PercentField,
            "party": PartyChoiceField,
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        partnership = self.instance.partnership
        cast(forms.ModelChoiceField, self.fields["party"]).queryset = _parties(partnership)
        cast(
            forms.ModelChoiceField, self.fields["staff_category"]
        ).queryset = StaffCategory.objects.filter(partnership=partnership)
        self.fields["activity"].widget.attrs["list"] = "activity-names"
        # The plan's current activities, and the one the line points at even if it was removed
        # from the plan since (so editing such a line does not fail on its own link).
        linked = Q(pk=self.instance.plan_activity_id) if self.instance.plan_activity_id else Q()
        plan_field = cast(forms.ModelChoiceField, self.fields["plan_activity"])
        plan_field.queryset = PlanActivity.all_objects.filter(
            Q(removed_at__isnull=True) | linked, partnership=partnership
        ).order_by("order", "id")
        plan_field.empty_label = _("Not in the plan: name the activity below")

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        kind = cleaned.get("kind")
        if kind == CostLine.Kind.STAFF:
            if not cleaned.get("staff_category") and "staff_category" not in self.errors:
                self.add_error("staff_category", _("A staff line needs a staff category."))
            cleaned["unit_price"] = None
        elif kind:
            if cleaned.get("unit_price") is None and "unit_price" not in self.errors:
                self.add_error("unit_price", _("Enter the unit price."))
            cleaned["staff_category"] = None
        return cleaned


class TimeReportForm(CrispyMixin, VersionedModelForm):
    class Meta:
        model = TimeReport
        fields = list(TIME_REPORT_FIELDS)
        field_classes = {"party": PartyChoiceField}
        widgets = {"worked_on": DateInput()}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        partnership = self.instance.partnership
        cast(forms.ModelChoiceField, self.fields["party"]).queryset = _parties(partnership)
        cast(
            forms.ModelChoiceField, self.fields["staff_category"]
        ).queryset = StaffCategory.objects.filter(partnership=partnership)
        self.fields["activity"].widget.attrs["list"] = "activity-names"


class CalculationForm(CrispyMixin, VersionedModelForm):
    class Meta:
        model = Calculation
        fields = list(CALCULATION_FIELDS)
        field_classes = {"overhead_percent": PercentField, "vat_rate": PercentField}


class ImportForm(CrispyMixin, forms.Form):
    file = forms.FileField(
        label=_("Spreadsheet (.xlsx)"),
        help_text=_("A file exported from this page, with your changes."),
    )

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload.size > 5 * 1024 * 1024:
            raise forms.ValidationError(_("The file is larger than 5 MB."))
        if not upload.name.lower().endswith(".xlsx"):
            raise forms.ValidationError(_("Choose an .xlsx file."))
        return upload
