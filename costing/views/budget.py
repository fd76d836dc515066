"""Ability to pay: the budget lines a proposal refers to, against the cost per year."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from config.http import AuthedRequest
from partnerships.access import get_partnership_for_user
from partnerships.models import SteeringDocument
from partnerships.views.editing import edit_page

from ..decision import ability, services
from ..decision.forms import BudgetLineForm
from ..decision.models import BudgetLine


@login_required
@require_safe
def budget(request: AuthedRequest, key: str) -> HttpResponse:
    access = get_partnership_for_user(request.user, key)
    partnership = access.partnership
    return render(
        request,
        "costing/budget.html",
        {
            "partnership": partnership,
            "access": access,
            "fit": ability.budget_fit(partnership),
            "has_budget_document": SteeringDocument.objects.filter(
                uses__partnership=partnership, kind=SteeringDocument.Kind.BUDGET
            ).exists(),
            "removed": ability.removed_budget_lines(partnership),
        },
    )


@login_required
def budget_create(request: AuthedRequest, key: str) -> HttpResponse:
    access = get_partnership_for_user(request.user, key, need="edit")
    partnership = access.partnership
    form = BudgetLineForm(
        request.POST if request.method == "POST" else None,
        instance=BudgetLine(partnership=partnership),
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.budget_line_create(partnership=partnership, **form.changes())
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The budget line was added."))
            return redirect("costing:budget", key=partnership.key)
    return render(
        request,
        "costing/budget_form.html",
        {"partnership": partnership, "access": access, "form": form},
        status=400 if form.errors else 200,
    )


@login_required
def budget_edit(request: AuthedRequest, key: str, pk: int) -> HttpResponse:
    access = get_partnership_for_user(request.user, key, need="edit")
    partnership = access.partnership
    row = get_object_or_404(BudgetLine.objects.filter(partnership=partnership), pk=pk)
    return edit_page(
        request,
        BudgetLineForm(request.POST if request.method == "POST" else None, instance=row),
        services.budget_line_update,
        template="costing/budget_form.html",
        context={"partnership": partnership, "access": access, "line": row},
        success_url=reverse("costing:budget", kwargs={"key": partnership.key}),
        line=row,
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def budget_remove(request: AuthedRequest, key: str, pk: int) -> HttpResponse:
    """GET: what removing the line changes; POST: remove it (softly, restorable)."""
    access = get_partnership_for_user(request.user, key, need="edit")
    partnership = access.partnership
    row = get_object_or_404(BudgetLine.objects.filter(partnership=partnership), pk=pk)
    if request.method == "POST":
        services.budget_line_remove(line=row)
        messages.success(
            request,
            _("“%(title)s” was removed. You can restore it under Removed budget lines.")
            % {"title": row.list_label},
        )
        return redirect("costing:budget", key=partnership.key)
    return render(
        request,
        "partnerships/confirm.html",
        {
            "partnership": partnership,
            "access": access,
            "heading": _("Remove the budget line “%(title)s”?") % {"title": row.list_label},
            "changes": [
                _(
                    "It leaves the ability to pay page, and its amount no longer counts in the year."
                ),
                _("The decision memo generated from now on no longer names it."),
            ],
            "undo": _("You can restore it, as it was, under Removed budget lines."),
            "confirm_label": _("Remove the budget line"),
            "cancel_url": reverse("costing:budget", kwargs={"key": partnership.key}),
        },
    )


@login_required
@require_POST
def budget_restore(request: AuthedRequest, key: str, pk: int) -> HttpResponse:
    access = get_partnership_for_user(request.user, key, need="edit")
    partnership = access.partnership
    row = get_object_or_404(ability.removed_budget_lines(partnership), pk=pk)
    services.budget_line_restore(line=row)
    messages.success(request, _("“%(title)s” was restored.") % {"title": row.list_label})
    return redirect("costing:budget", key=partnership.key)
