"""Financing arrangements of a partnership, with guidance per form and flags."""

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

from .. import selectors, services
from ..forms import FinancingForm
from ..guidance import GUIDANCE
from ..models import FinancingArrangement


@login_required
@require_safe
def financing(request: AuthedRequest, key: str) -> HttpResponse:
    access = get_partnership_for_user(request.user, key)
    partnership = access.partnership
    page = selectors.financing_page(partnership)
    families = dict(FinancingArrangement.Family.choices)
    used = {row.family for row in page.arrangements}
    guidance = [
        {
            "family": family,
            "label": families[family],
            "points": points,
            "used": family in used,
        }
        for family, points in GUIDANCE.items()
    ]
    return render(
        request,
        "costing/financing.html",
        {
            "partnership": partnership,
            "access": access,
            "page": page,
            "rows": [(row, page.flags.get(row.pk, [])) for row in page.arrangements],
            "guidance": guidance,
            "removed": selectors.removed_arrangements(partnership),
            "dependence_share": selectors.DEPENDENCE_SHARE,
        },
    )


@login_required
def financing_create(request: AuthedRequest, key: str) -> HttpResponse:
    access = get_partnership_for_user(request.user, key, need="edit")
    partnership = access.partnership
    form = FinancingForm(
        request.POST if request.method == "POST" else None,
        instance=FinancingArrangement(partnership=partnership),
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.financing_create(partnership=partnership, **form.changes())
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The financing form was added."))
            return redirect("costing:financing", key=partnership.key)
    return render(
        request,
        "costing/financing_form.html",
        {"partnership": partnership, "access": access, "form": form},
        status=400 if form.errors else 200,
    )


@login_required
def financing_edit(request: AuthedRequest, key: str, pk: int) -> HttpResponse:
    access = get_partnership_for_user(request.user, key, need="edit")
    partnership = access.partnership
    row = get_object_or_404(FinancingArrangement.objects.filter(partnership=partnership), pk=pk)
    return edit_page(
        request,
        FinancingForm(request.POST if request.method == "POST" else None, instance=row),
        services.financing_update,
        template="costing/financing_form.html",
        context={"partnership": partnership, "access": access, "arrangement": row},
        success_url=reverse("costing:financing", kwargs={"key": partnership.key}),
        arrangement=row,
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def financing_remove(request: AuthedRequest, key: str, pk: int) -> HttpResponse:
    """GET: what removing the arrangement changes; POST: remove it (softly, restorable)."""
    access = get_partnership_for_user(request.user, key, need="edit")
    partnership = access.partnership
    row = get_object_or_404(FinancingArrangement.objects.filter(partnership=partnership), pk=pk)
    if request.method == "POST":
        services.financing_remove(arrangement=row)
        messages.success(
            request,
            _("“%(title)s” was removed. You can restore it under Removed financing forms.")
            % {"title": row.list_label},
        )
        return redirect("costing:financing", key=partnership.key)
    return render(
        request,
        "partnerships/confirm.html",
        {
            "partnership": partnership,
            "access": access,
            "heading": _("Remove the financing form “%(title)s”?") % {"title": row.list_label},
            "changes": [
                _("It leaves the financing page (status: %(status)s).")
                % {"status": row.get_status_display()},
                _("It no longer counts in the flags, the step's checks or the decision memo."),
            ],
            "undo": _("You can restore it, as it was, under Removed financing forms."),
            "confirm_label": _("Remove the financing form"),
            "cancel_url": reverse("costing:financing", kwargs={"key": partnership.key}),
        },
    )


@login_required
@require_POST
def financing_restore(request: AuthedRequest, key: str, pk: int) -> HttpResponse:
    access = get_partnership_for_user(request.user, key, need="edit")
    partnership = access.partnership
    row = get_object_or_404(selectors.removed_arrangements(partnership), pk=pk)
    services.financing_restore(arrangement=row)
    messages.success(request, _("“%(title)s” was restored.") % {"title": row.list_label})
    return redirect("costing:financing", key=partnership.key)
