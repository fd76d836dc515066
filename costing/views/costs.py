"""The cost calculation: the page, its lines, staff categories, settings and the baseline."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from config.http import AuthedRequest
from partnerships.access import Access, get_partnership_for_user
from partnerships.views.editing import edit_page

from .. import calculation as calc
from .. import selectors, services
from ..calculation import format_sek
from ..forms import CalculationForm, CostLineForm, StaffCategoryForm
from ..models import CostLine, StaffCategory


def _costs_url(access: Access) -> str:
    return reverse("costing:costs", kwargs={"key": access.partnership.key})


def _staff_url(access: Access) -> str:
    return reverse("costing:staff", kwargs={"key": access.partnership.key})


@login_required
@require_safe
def costs(request: AuthedRequest, key: str) -> HttpResponse:
    access = get_partnership_for_user(request.user, key)
    partnership = access.partnership
    page = selectors.cost_page(partnership)
    baseline = page.calculation.baseline or None
    comparison = page.comparison
    tables = [
        {
            "id": "per-activity",
            "heading": _("Per activity"),
            "column": _("Activity"),
            "rows": selectors.variance_rows(
                comparison.per_activity, baseline, "per_activity", _("(no activity)")
            ),
        },
        {
            "id": "per-party",
            "heading": _("Per party"),
            "column": _("Party"),
            "rows": selectors.variance_rows(
                comparison.per_party, baseline, "per_party", _("No party named")
            ),
        },
        {
            "id": "per-year",
            "heading": _("Per year"),
            "column": _("Year"),
            "rows": selectors.variance_rows(comparison.per_year, baseline, "per_year", ""),
        },
    ]
    estimate, actual = comparison.estimate.amounts, comparison.actual.amounts
    frozen = baseline or {}
    totals = [
        selectors.TableRow(
            str(label),
            calc.Variance(label, getattr(estimate, part), getattr(actual, part)),
            Decimal(frozen[part]) if frozen.get(part) is not None else None,
        )
        for label, part in (
            (_("Amount excluding VAT"), "net"),
            (_("Overhead"), "overhead"),
            (_("VAT"), "vat"),
            (_("Total"), "total"),
        )
    ]
    return render(
        request,
        "costing/costs.html",
        {
            "partnership": partnership,
            "access": access,
            "page": page,
            "comparison": page.comparison,
            "estimate_rows": [(row, page.amounts[row.pk]) for row in page.estimate_lines],
            "actual_rows": [(row, page.amounts[row.pk]) for row in page.actual_lines],
            "baseline": baseline,
            "tables": tables,
            "totals": totals,
            "removed": selectors.removed_lines(partnership),
            "uncosted": list(selectors.uncosted_plan_activities(partnership)),
        },
    )


@login_required
def calculation_edit(request: AuthedRequest, key: str) -> HttpResponse:
    access = get_partnership_for_user(request.user, key, need="edit")
    partnership = access.partnership
    calculation = selectors.calculation_of(partnership)
    return edit_page(
        request,
        CalculationForm(request.POST if request.method == "POST" else None, instance=calculation),
        services.calculation_update,
        template="costing/calculation_form.html",
        context={"partnership": partnership, "access": access},
        success_url=_costs_url(access),
        partnership=partnership,
    )


def _activity_names(partnership: Any) -> list[str]:
    names = selectors.lines_of(partnership).values_list("activity", flat=True).distinct()
    return sorted(set(names))


@login_required
def line_create(request: AuthedRequest, key: str) -> HttpResponse:
    access = get_partnership_for_user(request.user, key, need="edit")
    partnership = access.partnership
    scenario = request.GET.get("scenario", "")
    initial = {"scenario": scenario} if scenario in CostLine.Scenario.values else {}
    form = CostLineForm(
        request.POST if request.method == "POST" else None,
        instance=CostLine(partnership=partnership),
        initial=initial,
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.cost_line_create(partnership=partnership, **form.changes())
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The cost line was added."))
            return redirect("costing:costs", key=partnership.key)
    return render(
        request,
        "costing/line_form.html",
        {
            "partnership": partnership,
            "access": access,
            "form": form,
            "activity_names": _activity_names(partnership),
        },
        status=400 if form.errors else 200,
    )


@login_required
def line_edit(request: AuthedRequest, key: str, pk: int) -> HttpResponse:
    access = get_partnership_for_user(request.user, key, need="edit")
    partnership = access.partnership
    line = get_object_or_404(CostLine.objects.filter(partnership=partnership), pk=pk)
    return edit_page(
        request,
        CostLineForm(request.POST if request.method == "POST" else None, instance=line),
        services.cost_line_update,
        template="costing/line_form.html",
        context={
            "partnership": partnership,
            "access": access,
            "line": line,
            "activity_names": _activity_names(partnership),
        },
        success_url=_costs_url(access),
        line=line,
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def line_remove(request: AuthedRequest, key: str, pk: int) -> HttpResponse:
    access = get_partnership_for_user(request.user, key, need="edit")
    partnership = access.partnership
    line = get_object_or_404(
        CostLine.objects.filter(partnership=partnership).select_related("staff_category"), pk=pk
    )
    if request.method == "POST":
        services.cost_line_remove(line=line)
        messages.success(
            request,
            _("“%(title)s” was removed. You can restore it under Removed cost lines.")
            % {"title": line},
        )
        return redirect("costing:costs", key=partnership.key)
    calculation = selectors.calculation_of(partnership)
    amounts = calc.line_amounts(
        selectors.as_line(line, calculation.vat_rate), calculation.overhead_percent
    )
    return render(
        request,
        "partnerships/confirm.html",
        {
            "partnership": partnership,
            "access": access,
            "heading": _("Remove the cost line “%(title)s”?") % {"title": line},
            "changes": [
                _("%(total)s (%(scenario)s) leaves the totals of the calculation.")
                % {"total": format_sek(amounts.total), "scenario": line.get_scenario_display()},
                _("A baseline already frozen keeps it."),
            ],
            "undo": _("You can restore the line, as it was, under Removed cost lines."),
            "confirm_label": _("Remove the cost line"),
            "cancel_url": _costs_url(access),
        },
    )


@login_required
@require_POST
def line_restore(request: AuthedRequest, key: str, pk: int) -> HttpResponse:
    access = get_partnership_for_user(request.user, key, need="edit")
    partnership = access.partnership
    line = get_object_or_404(selectors.removed_lines(partnership), pk=pk)
    services.cost_line_restore(line=line)
    messages.success(request, _("“%(title)s” was restored.") % {"title": line})
    return redirect("costing:costs", key=partnership.key)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def baseline_freeze(request: AuthedRequest, key: str) -> HttpResponse:
    """GET: what freezing does; POST: freeze the estimate's totals as the baseline."""
    access = get_partnership_for_user(request.user, key, need="edit")
    partnership = access.partnership
    if request.method == "POST":
        services.baseline_freeze(partnership=partnership)
        messages.success(request, _("The estimate was frozen as the baseline."))
        return redirect("costing:costs", key=partnership.key)
    page = selectors.cost_page(partnership)
    changes = [
        _(
            "The estimate's totals today (%(total)s) are kept as the baseline, shown beside "
            "the estimate from now on."
        )
        % {"total": format_sek(page.comparison.estimate.amounts.total)},
    ]
    if page.calculation.frozen_at:
        changes.append(_("It replaces the baseline frozen earlier; that one stays in the history."))
    return render(
        request,
        "partnerships/confirm.html",
        {
            "partnership": partnership,
            "access": access,
            "heading": _("Freeze the estimate as the baseline?"),
            "changes": changes,
            "undo": _("The lines are not changed. You can freeze again at any time."),
            "confirm_label": _("Freeze the estimate"),
            "cancel_url": _costs_url(access),
        },
    )


# Staff categories ------------------------------------------------------------------------------


@login_required
@require_safe
def staff(request: AuthedRequest, key: str) -> HttpResponse:
    access = get_partnership_for_user(request.user, key)
    partnership = access.partnership
    return render(
        request,
        "costing/staff.html",
        {
            "partnership": partnership,
            "access": access,
            "categories": selectors.staff_categories_of(partnership),
            "removed": selectors.removed_staff_categories(partnership),
        },
    )


@login_required
def staff_create(request: AuthedRequest, key: str) -> HttpResponse:
    access = get_partnership_for_user(request.user, key, need="edit")
    partnership = access.partnership
    form = StaffCategoryForm(
        request.POST if request.method == "POST" else None,
        instance=StaffCategory(partnership=partnership),
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.staff_category_create(partnership=partnership, **form.changes())
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The staff category was added."))
            return redirect("costing:staff", key=partnership.key)
    return render(
        request,
        "costing/staff_form.html",
        {"partnership": partnership, "access": access, "form": form},
        status=400 if form.errors else 200,
    )


@login_required
def staff_edit(request: AuthedRequest, key: str, pk: int) -> HttpResponse:
    access = get_partnership_for_user(request.user, key, need="edit")
    partnership = access.partnership
    category = get_object_or_404(StaffCategory.objects.filter(partnership=partnership), pk=pk)
    return edit_page(
        request,
        StaffCategoryForm(request.POST if request.method == "POST" else None, instance=category),
        services.staff_category_update,
        template="costing/staff_form.html",
        context={"partnership": partnership, "access": access, "category": category},
        success_url=_staff_url(access),
        category=category,
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def staff_remove(request: AuthedRequest, key: str, pk: int) -> HttpResponse:
    access = get_partnership_for_user(request.user, key, need="edit")
    partnership = access.partnership
    category = get_object_or_404(StaffCategory.objects.filter(partnership=partnership), pk=pk)
    if request.method == "POST":
        services.staff_category_remove(category=category)
        messages.success(
            request,
            _("“%(title)s” was removed. You can restore it under Removed staff categories.")
            % {"title": category.name},
        )
        return redirect("costing:staff", key=partnership.key)
    lines = CostLine.objects.filter(partnership=partnership, staff_category=category).count()
    return render(
        request,
        "partnerships/confirm.html",
        {
            "partnership": partnership,
            "access": access,
            "heading": _("Remove the staff category “%(title)s”?") % {"title": category.name},
            "changes": [
                _("It can no longer be chosen for new staff lines."),
                _("%(count)s cost lines keep it and its hourly rate.") % {"count": lines},
            ],
            "undo": _("You can restore it, as it was, under Removed staff categories."),
            "confirm_label": _("Remove the staff category"),
            "cancel_url": _staff_url(access),
        },
    )


@login_required
@require_POST
def staff_restore(request: AuthedRequest, key: str, pk: int) -> HttpResponse:
    access = get_partnership_for_user(request.user, key, need="edit")
    partnership = access.partnership
    category = get_object_or_404(selectors.removed_staff_categories(partnership), pk=pk)
    services.staff_category_restore(category=category)
    messages.success(request, _("“%(title)s” was restored.") % {"title": category.name})
    return redirect("costing:staff", key=partnership.key)
