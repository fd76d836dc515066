"""Step 5, discuss financing: the proposal names the budget lines it refers to."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from partnerships.models import Partnership
from partnerships.steps import Check, register

from .models import BudgetLine


@register(5, order=30)
def budget_lines(partnership: Partnership) -> list[Check]:
    """One check in one query."""
    named = BudgetLine.objects.filter(partnership=partnership).exists()
    return [
        Check(
            _("The proposal names the budget lines it refers to"),
            named,
            _("Name the budget lines that pay for the proposal"),
            reverse("costing:budget", kwargs={"key": partnership.key}),
        )
    ]
