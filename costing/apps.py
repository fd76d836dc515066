from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CostingConfig(AppConfig):
    name = "costing"
    verbose_name = _("Financing and costs")

    def ready(self) -> None:
        from partnerships.history import SOFT_RESTORE_URLS, register_history

        from .models import Calculation, CostLine, FinancingArrangement, StaffCategory, TimeReport

        # `describe` receives a historical record: fields and choices only, no properties.
        register_history(
            FinancingArrangement,
            describe=lambda r: (
                f"{r.get_form_display()} · {r.funder}" if r.funder else str(r.get_form_display())
            ),
        )
        register_history(StaffCategory, describe=lambda r: r.name)
        register_history(
            CostLine,
            describe=lambda r: (
                f"{r.activity}: {r.description or r.get_kind_display()} ({r.year}, "
                f"{r.get_scenario_display()})"
            ),
        )
        register_history(TimeReport, describe=lambda r: f"{r.person}, {r.worked_on}: {r.hours} h")
        register_history(Calculation, describe=lambda r: str(_("Cost calculation")))
        # Softly removed records come back through their own restore, from the history too.
        SOFT_RESTORE_URLS.update(
            {
                "costing.financingarrangement": "costing:financing_restore",
                "costing.staffcategory": "costing:staff_restore",
                "costing.costline": "costing:line_restore",
                "costing.timereport": "costing:time_restore",
            }
        )
        from .documents.models import CommitteeDecision, GeneratedDocument, MemoDraft

        register_history(MemoDraft, describe=lambda r: r.subject)
        register_history(GeneratedDocument, describe=str)
        register_history(CommitteeDecision, related=("document",), describe=str)
        from .decision.models import BudgetLine, ValueAssumption

        register_history(BudgetLine, describe=lambda r: f"{r.title} ({r.year})")
        register_history(ValueAssumption, describe=lambda r: r.label)
        SOFT_RESTORE_URLS.update(
            {
                "costing.budgetline": "costing:budget_restore",
                "costing.valueassumption": "costing:assumption_restore",
            }
        )
