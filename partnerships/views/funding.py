"""Funding calls (utlysningar) a partnership watches and applies to."""

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

from .. import selectors, services
from ..access import get_partnership_for_user
from ..forms import FundingCallForm
from ..models import FundingCall
from ..selectors import DEADLINE_SOON_DAYS
from .editing import edit_page


@login_required
@require_safe
def funding_list(request: AuthedRequest, key: str) -> HttpResponse:
    access = get_partnership_for_user(request.user, key)
    partnership = access.partnership
    return render(
        request,
        "partnerships/funding_list.html",
        {
            "partnership": partnership,
            "access": access,
            "rows": selectors.funding_call_rows(partnership),
            "removed": selectors.removed_funding_calls(partnership),
            "soon_days": DEADLINE_SOON_DAYS,
        },
    )


@login_required
def funding_create(request: AuthedRequest, key: str) -> HttpResponse:
    access = get_partnership_for_user(request.user, key, need="edit")
    partnership = access.partnership
    form = FundingCallForm(
        request.POST if request.method == "POST" else None,
        instance=FundingCall(partnership=partnership),
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.funding_call_create(partnership=partnership, **form.changes())
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The funding call was added."))
            return redirect("partnerships:funding_list", key=partnership.key)
    return render(
        request,
        "partnerships/funding_form.html",
        {"partnership": partnership, "access": access, "form": form},
        status=400 if form.errors else 200,
    )


@login_required
def funding_edit(request: AuthedRequest, key: str, pk: int) -> HttpResponse:
    access = get_partnership_for_user(request.user, key, need="edit")
    partnership = access.partnership
    call = get_object_or_404(FundingCall.objects.filter(partnership=partnership), pk=pk)
    return edit_page(
        request,
        FundingCallForm(request.POST if request.method == "POST" else None, instance=call),
        services.funding_call_update,
        template="partnerships/funding_form.html",
        context={"partnership": partnership, "access": access, "call": call},
        success_url=reverse("partnerships:funding_list", kwargs={"key": partnership.key}),
        call=call,
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def funding_delete(request: AuthedRequest, key: str, pk: int) -> HttpResponse:
    """GET: what removing the call changes; POST: remove it (softly, restorable)."""
    access = get_partnership_for_user(request.user, key, need="edit")
    partnership = access.partnership
    call = get_object_or_404(FundingCall.objects.filter(partnership=partnership), pk=pk)
    if request.method == "POST":
        services.funding_call_remove(call=call)
        messages.success(
            request,
            _("“%(title)s” was removed. You can restore it under Removed funding calls.")
            % {"title": call.title},
        )
        return redirect("partnerships:funding_list", key=partnership.key)
    return render(
        request,
        "partnerships/confirm.html",
        {
            "partnership": partnership,
            "access": access,
            "heading": _("Remove the funding call “%(title)s”?") % {"title": call.title},
            "changes": [
                _("The call (%(funder)s, status: %(status)s) leaves the list of funding calls.")
                % {"funder": call.funder, "status": call.get_status_display()},
                _("Its deadline no longer stands out on the overview and the dashboard."),
            ],
            "undo": _("You can restore the call, as it was, under Removed funding calls."),
            "confirm_label": _("Remove the funding call"),
            "cancel_url": reverse("partnerships:funding_list", kwargs={"key": partnership.key}),
        },
    )


@login_required
@require_POST
def funding_restore(request: AuthedRequest, key: str, pk: int) -> HttpResponse:
    access = get_partnership_for_user(request.user, key, need="edit")
    partnership = access.partnership
    call = get_object_or_404(selectors.removed_funding_calls(partnership), pk=pk)
    services.funding_call_restore(call=call)
    messages.success(request, _("“%(title)s” was restored.") % {"title": call.title})
    return redirect("partnerships:funding_list", key=partnership.key)
