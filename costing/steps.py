"""Step 5, discuss financing: a financing form is chosen; the calculation has an estimate
with a cost per participant."""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Subquery
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from partnerships.models import Partnership
from partnerships.steps import Check, register

from .models import Calculation, CostLine, FinancingArrangement


@register(5, order=10)
def financing_and_costs(partnership: Partnership) -> list[Check]:
    """Two checks in one query, and one more for the theory of change's participants when the
    calculation gives none. An estimate has a cost per participant when it has a line and
    there are participants to divide by."""
    facts = (
        Partnership.objects.filter(pk=partnership.pk)
        .annotate(
            chosen=Exists(
                FinancingArrangement.objects.filter(
                    partnership=OuterRef("pk"),
                    status__in=[
                        FinancingArrangement.Status.PROPOSED,
                        FinancingArrangement.Status.DECIDED,
                        FinancingArrangement.Status.ACTIVE,
                    ],
                )
            ),
            estimated=Exists(
                CostLine.objects.filter(
                    partnership=OuterRef("pk"), scenario=CostLine.Scenario.ESTIMATE
                )
            ),
            participants=Subquery(
                Calculation.objects.filter(partnership=OuterRef("pk")).values("participants")[:1]
            ),
        )
        .values("chosen", "estimated", "participants")
        .first()
    ) or {"chosen": False, "estimated": False, "participants": None}
    participants = facts["participants"]
    if not participants and facts["estimated"]:
        from theory_of_change.selectors import participants_reached

        planned, actual = participants_reached(partnership)
        participants = actual or planned
    return [
        Check(
            _("A financing form is chosen (proposed, decided or active)"),
            bool(facts["chosen"]),
            _("Choose a financing form"),
            reverse("costing:financing", kwargs={"key": partnership.key}),
        ),
        Check(
            _("The cost calculation has an estimate with a cost per participant"),
            bool(facts["estimated"]) and bool(participants),
            _("Estimate the costs and give the number of participants"),
            reverse("costing:costs", kwargs={"key": partnership.key}),
        ),
    ]


# The tjänsteutlåtande's checks (order 50) live with the documents.
# The budget lines' check (order 30) lives with the ability to pay.
from .decision import steps as _decision_steps  # noqa: E402, F401
from .documents import steps as _documents_steps  # noqa: E402, F401
