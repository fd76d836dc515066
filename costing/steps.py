"""Step 5, discuss financing: a financing form is chosen; the calculation has an estimate
with a cost per participant."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from partnerships.models import Partnership
from partnerships.steps import Check, register

from .models import FinancingArrangement
from .selectors import cost_page


@register(5, order=10)
def financing_and_costs(partnership: Partnership) -> list[Check]:
    """Two checks in a fixed number of queries (arrangements counted once, the calculation
    read once)."""
    chosen = (
        FinancingArrangement.objects.filter(partnership=partnership)
        .exclude(status__in=[FinancingArrangement.Status.IDEA, FinancingArrangement.Status.ENDED])
        .exists()
    )
    page = cost_page(partnership)
    estimate = page.comparison.estimate
    return [
        Check(
            _("A financing form is chosen (proposed, decided or active)"),
            chosen,
            _("Choose a financing form"),
            reverse("costing:financing", kwargs={"key": partnership.key}),
        ),
        Check(
            _("The cost calculation has an estimate with a cost per participant"),
            estimate.line_count > 0 and estimate.per_participant is not None,
            _("Estimate the costs and give the number of participants"),
            reverse("costing:costs", kwargs={"key": partnership.key}),
        ),
    ]
