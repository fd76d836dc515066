"""The form of a resource item: it validates input only; services write."""

from __future__ import annotations

from typing import Any

from django import forms

from costing.forms import MoneyField

from ..concurrency import VersionedModelForm
from ..forms import CrispyMixin
from ..models import Partnership
from .forms import PartyChoiceField
from .resources import RESOURCE_ITEM_FIELDS, ResourceItem
from .selectors import parties_of


class AmountField(MoneyField):
    """A number as people write it: "40", "2,5", "1 500" (a decimal comma, grouped digits)."""


class ResourceItemForm(CrispyMixin, VersionedModelForm):
    """What a party brings or lacks: its kind, a description and, if it helps, an amount."""

    class Meta:
        model = ResourceItem
        fields = list(RESOURCE_ITEM_FIELDS)
        field_classes = {"party": PartyChoiceField, "amount": AmountField}
        widgets = {
            "description": forms.Textarea(attrs={"rows": 2}),
            "direction": forms.RadioSelect,
        }

    def __init__(self, *args: Any, partnership: Partnership, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["party"].queryset = parties_of(partnership)  # type: ignore[attr-defined]
        self.fields["party"].empty_label = None  # type: ignore[attr-defined]
