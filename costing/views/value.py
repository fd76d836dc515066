"""Value: results against cost, and the socio-economic estimate with its assumptions."""

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
from partnerships.views.editing import edit_page

from ..decision import services
from ..decision import value as selectors
from ..decision.forms import ValueAssumptionForm
from ..decision.models import ValueAssumption


@login_required
@require_safe
def value(request: AuthedRequest, key: str) -> HttpResponse:
    access = get_partnership_for_user(request.user, key)
    partnership = access.partnership
    return render(
        request,
        "costing/value.html",
        {
            "partnership": partnership,
            "access": access,
            "page": selectors.value_page(partnership),
            "removed": selectors.removed_assumptions(partnership),
        },
    )


@login_required
def assumption_create(request: AuthedRequest, key: str) -> HttpResponse:
    access = get_partnership_for_user(request.user, key, need="edit")
    partnership = access.partnership
    form = ValueAssumptionForm(
        request.POST if request.method == "POST" else None,
        instance=ValueAssumption(partnership=partnership),
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.value_assumption_create(partnership=partnership, **form.changes())
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The assumption was added."))
            return redirect("costing:value", key=partnership.key)
    return render(
        request,
        "costing/assumption_form.html",
        {"partnership": partnership, "access": access, "form": form},
        status=400 if form.errors else 200,
    )


@login_required
def assumption_edit(request: AuthedRequest, key: str, pk: int) -> HttpResponse:
    access = get_partnership_for_user(request.user, key, need="edit")
    partnership = access.partnership
    row = get_object_or_404(ValueAssumption.objects.filter(partnership=partnership), pk=pk)
    return edit_page(
        request,
        ValueAssumptionForm(request.POST if request.method == "POST" else None, instance=row),
        services.value_assumption_update,
        template="costing/assumption_form.html",
        context={"partnership": partnership, "access": access, "assumption": row},
        success_url=reverse("costing:value", kwargs={"key": partnership.key}),
        assumption=row,
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def assumption_remove(request: AuthedRequest, key: str, pk: int) -> HttpResponse:
    """GET: what removing the assumption changes; POST: remove it (softly, restorable)."""
    access = get_partnership_for_user(request.user, key, need="edit")
    partnership = access.partnership
    row = get_object_or_404(ValueAssumption.objects.filter(partnership=partnership), pk=pk)
    if request.method == "POST":
        services.value_assumption_remove(assumption=row)
        messages.success(
            request,
            _("“%(title)s” was removed. You can restore it under Removed assumptions.")
            % {"title": row.list_label},
        )
        return redirect("costing:value", key=partnership.key)
    changes = [_("It leaves the value page and the decision memo generated from now on.")]
    if row.role != ValueAssumption.Role.OTHER:
        changes.append(_("The socio-economic estimate is not computed without it."))
    return render(
        request,
        "partnerships/confirm.html",
        {
            "partnership": partnership,
            "access": access,
            "heading": _("Remove the assumption “%(title)s”?") % {"title": row.list_label},
            "changes": changes,
            "undo": _("You can restore it, as it was, under Removed assumptions."),
            "confirm_label": _("Remove the assumption"),
            "cancel_url": reverse("costing:value", kwargs={"key": partnership.key}),
        },
    )


@login_required
@require_POST
def assumption_restore(request: AuthedRequest, key: str, pk: int) -> HttpResponse:
    access = get_partnership_for_user(request.user, key, need="edit")
    partnership = access.partnership
    row = get_object_or_404(selectors.removed_assumptions(partnership), pk=pk)
    try:
        services.value_assumption_restore(assumption=row)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("“%(title)s” was restored.") % {"title": row.list_label})
    return redirect("costing:value", key=partnership.key)
