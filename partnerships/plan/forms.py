"""Forms of the collaboration plan: they validate input only; services write."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from config.forms import BoundedInputMixin

from ..concurrency import VersionedModelForm
from ..forms import CrispyMixin
from ..models import Partnership, Party
from . import rules, selectors
from .models import (
    PLAN_ACTIVITY_FIELDS,
    RISK_FIELDS,
    WAYS_OF_WORKING_FIELDS,
    PlanActivity,
    Risk,
    WaysOfWorking,
)

MONTH = re.compile(r"(\d{4})-(\d{1,2})(?:-\d{1,2})?")


class MonthInput(forms.DateInput):
    """A month picker (`<input type="month">`); browsers without one show a text field that
    takes "2025-03"."""

    input_type = "month"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%Y-%m", attrs={"placeholder": "2025-03"}, **kwargs)


class MonthField(forms.DateField):
    """A month, stored as its first day: "2025-03" (or a full date in it) is 1 March 2025."""

    widget = MonthInput

    def to_python(self, value: Any) -> date | None:
        if value in self.empty_values:
            return None
        if isinstance(value, date):
            return value.replace(day=1)
        match = MONTH.fullmatch(str(value).strip())
        if match is None:
            raise ValidationError(_("Write the month as year and month, for example 2025-03."))
        year, month = int(match.group(1)), int(match.group(2))
        if not (1 <= month <= 12 and 1900 <= year <= 2200):
            raise ValidationError(_("Write the month as year and month, for example 2025-03."))
        return date(year, month, 1)


class NodeChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.title)


class PersonChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.display_name)


class PartyChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.organisation.name)


class PlanActivityForm(CrispyMixin, VersionedModelForm):
    """A plan activity: the chain activity it carries out, its period, status, who is
    responsible, and the guide's three questions (what, who, how)."""

    class Meta:
        model = PlanActivity
        fields = list(PLAN_ACTIVITY_FIELDS)
        field_classes = {
            "start_month": MonthField,
            "end_month": MonthField,
            "node": NodeChoiceField,
            "responsible_person": PersonChoiceField,
            "responsible_party": PartyChoiceField,
        }
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "what": forms.Textarea(attrs={"rows": 3}),
            "who": forms.Textarea(attrs={"rows": 3}),
            "how": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "node": _("The activity of the theory of change this plan activity carries out."),
            "start_month": _("Year and month, for example 2025-03."),
            "end_month": _("Year and month, for example 2025-12."),
        }

    def __init__(self, *args: Any, partnership: Partnership, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["node"].queryset = selectors.chain_activities(partnership)  # type: ignore[attr-defined]
        self.fields["node"].empty_label = _("Not linked to the chain")  # type: ignore[attr-defined]
        self.fields["responsible_party"].queryset = selectors.parties_of(partnership)  # type: ignore[attr-defined]
        self.fields["responsible_person"].queryset = selectors.members_of(partnership)  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        start, end = cleaned.get("start_month"), cleaned.get("end_month")
        if start is not None and end is not None and end < start:
            self.add_error("end_month", _("The end month cannot be before the start month."))
        return cleaned


ROLE_CHOICES = [("", _("No role"))] + [
    (letter, f"{letter} – {name}") for letter, name in rules.ROLE_NAMES.items()
]


class RaciRowForm(BoundedInputMixin, forms.Form):
    """One row of the RACI matrix: a role per party. Only the parties posted are changed, so
    one cell (the matrix's script posts one) and the whole row (Save without it) are alike.
    A posted party that is not a current party of the partnership makes the form invalid."""

    def __init__(self, *args: Any, parties: list[Party], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.parties = {selectors.cell_field_name(party): party for party in parties}
        for name, party in self.parties.items():
            self.fields[name] = forms.ChoiceField(
                label=party.organisation.name, choices=ROLE_CHOICES, required=False
            )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        data: Any = self.data
        unknown = [key for key in data if key.startswith("party") and key not in self.parties]
        if unknown:
            raise ValidationError(_("The matrix names a party that is not in this partnership."))
        return cleaned

    def roles(self) -> dict[Party, str]:
        """The posted cells: {party: role}, only for the parties the request named."""
        data: Any = self.data
        return {
            party: self.cleaned_data.get(name) or ""
            for name, party in self.parties.items()
            if name in data
        }


class RiskForm(CrispyMixin, VersionedModelForm):
    """A risk: what could go wrong, how likely and how serious (low, medium, high), which party
    owns it, and what is done about it."""

    class Meta:
        model = Risk
        fields = list(RISK_FIELDS)
        field_classes = {"owner": PartyChoiceField}
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "mitigation": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args: Any, partnership: Partnership, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = selectors.parties_of(partnership)  # type: ignore[attr-defined]


class WaysOfWorkingForm(CrispyMixin, VersionedModelForm):
    class Meta:
        model = WaysOfWorking
        fields = list(WAYS_OF_WORKING_FIELDS)
        widgets = {
            name: forms.Textarea(attrs={"rows": 3})
            for name in (
                "channels",
                "operational_participants",
                "strategic_participants",
                "conflict_process",
                "decision_recording",
            )
        }
