from __future__ import annotations

from django.urls import path

from .documents import views as memo
from .documents.kinds import KINDS
from .views import budget, costs, exchange, financing, portfolio, time, value

app_name = "costing"

# Under /partnerships/, next to the partnership's other pages; every route names its key so
# the URL x role harness sees it.
P = "p/<str:key>/"

urlpatterns = [
    path(P + "financing/", financing.financing, name="financing"),
    path(P + "financing/add/", financing.financing_create, name="financing_create"),
    path(P + "financing/<int:pk>/edit/", financing.financing_edit, name="financing_edit"),
    path(P + "financing/<int:pk>/remove/", financing.financing_remove, name="financing_remove"),
    path(P + "financing/<int:pk>/restore/", financing.financing_restore, name="financing_restore"),
    path(P + "costs/", costs.costs, name="costs"),
    path(P + "costs/settings/", costs.calculation_edit, name="calculation_edit"),
    path(P + "costs/baseline/", costs.baseline_freeze, name="baseline_freeze"),
    path(P + "costs/lines/add/", costs.line_create, name="line_create"),
    path(P + "costs/lines/<int:pk>/edit/", costs.line_edit, name="line_edit"),
    path(P + "costs/lines/<int:pk>/remove/", costs.line_remove, name="line_remove"),
    path(P + "costs/lines/<int:pk>/restore/", costs.line_restore, name="line_restore"),
    path(P + "costs/staff/", costs.staff, name="staff"),
    path(P + "costs/staff/add/", costs.staff_create, name="staff_create"),
    path(P + "costs/staff/<int:pk>/edit/", costs.staff_edit, name="staff_edit"),
    path(P + "costs/staff/<int:pk>/remove/", costs.staff_remove, name="staff_remove"),
    path(P + "costs/staff/<int:pk>/restore/", costs.staff_restore, name="staff_restore"),
    path(P + "costs/export.xlsx", exchange.export_xlsx, name="export_xlsx"),
    path(P + "costs/import/", exchange.import_xlsx, name="import_xlsx"),
    path(P + "costs/time/", time.time_list, name="time_list"),
    path(P + "costs/time/add/", time.time_create, name="time_create"),
    path(P + "costs/time/<int:pk>/edit/", time.time_edit, name="time_edit"),
    path(P + "costs/time/<int:pk>/remove/", time.time_remove, name="time_remove"),
    path(P + "costs/time/<int:pk>/restore/", time.time_restore, name="time_restore"),
    path(P + "costs/time/export.xlsx", time.time_export, name="time_export"),
    path(P + "memo/", memo.memo_page, name="memo"),
    path(P + "memo/edit/", memo.memo_edit, name="memo_edit"),
    path(P + "memo/v<int:number>/decision/", memo.memo_decision, name="memo_decision"),
    # Ability to pay, value, and the municipality's portfolio (costing/decision/).
    path(P + "budget/", budget.budget, name="budget"),
    path(P + "budget/add/", budget.budget_create, name="budget_create"),
    path(P + "budget/<int:pk>/edit/", budget.budget_edit, name="budget_edit"),
    path(P + "budget/<int:pk>/remove/", budget.budget_remove, name="budget_remove"),
    path(P + "budget/<int:pk>/restore/", budget.budget_restore, name="budget_restore"),
    path(P + "value/", value.value, name="value"),
    path(P + "value/assumptions/add/", value.assumption_create, name="assumption_create"),
    path(P + "value/assumptions/<int:pk>/edit/", value.assumption_edit, name="assumption_edit"),
    path(
        P + "value/assumptions/<int:pk>/remove/", value.assumption_remove, name="assumption_remove"
    ),
    path(
        P + "value/assumptions/<int:pk>/restore/",
        value.assumption_restore,
        name="assumption_restore",
    ),
    path("portfolio/", portfolio.portfolio, name="portfolio"),
    path("portfolio/<str:code>/", portfolio.portfolio_municipality, name="portfolio_municipality"),
]

# Every kind of generated document has the same four routes, served by one set of views that
# take the kind as an argument (documents/kinds.py says where each kind's routes live).
for _spec in KINDS.values():
    _base = P + _spec.path
    _kind = {"kind": _spec.kind}
    urlpatterns += [
        path(_base + "generate/", memo.document_generate, _kind, name=f"{_spec.slug}_generate"),
        path(_base + "versions/", memo.document_versions, _kind, name=f"{_spec.slug}_versions"),
        path(
            _base + "v<int:number>/download/",
            memo.document_download,
            _kind,
            name=f"{_spec.slug}_download",
        ),
        path(
            _base + "v<int:number>/retry/", memo.document_retry, _kind, name=f"{_spec.slug}_retry"
        ),
    ]
