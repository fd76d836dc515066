"""Co-financing time reports: hours worked, valued at the staff category's rate, summed per
party and month and compared with the hours each party committed."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from config.http import AuthedRequest
from partnerships.access import get_partnership_for_user
from partnerships.models import Partnership
from partnerships.views.editing import edit_page

from .. import selectors, services
from ..calculation import format_sek
from ..forms import TimeReportForm
from ..models import TimeReport
from ..spreadsheet import export_time_reports
from .exchange import XLSX


def _activity_names(partnership: Partnership) -> list[str]:
    """The calculation's activities, offered as suggestions."""
    names = selectors.lines_of(partnership).values_list("activity", flat=True).distinct()
    return sorted(set(names))


@login_required
@require_safe
def time_list(request: AuthedRequest, key: str) -> HttpResponse:
    access = get_partnership_for_user(request.user, key)
    partnership = access.partnership
    return render(
        request,
        "costing/time_list.html",
        {
            "partnership": partnership,
            "access": access,
            "page": selectors.time_page(partnership),
            "limit": selectors.TIME_LIST_LIMIT,
            "removed": selectors.removed_time_reports(partnership),
        },
    )


@login_required
def time_create(request: AuthedRequest, key: str) -> HttpResponse:
    access = get_partnership_for_user(request.user, key, need="edit")
    partnership = access.partnership
    form = TimeReportForm(
        request.POST if request.method == "POST" else None,
        instance=TimeReport(partnership=partnership),
        initial={"worked_on": timezone.localdate()},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.time_report_create(partnership=partnership, **form.changes())
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The hours were reported."))
            return redirect("costing:time_list", key=partnership.key)
    return render(
        request,
        "costing/time_form.html",
        {
            "partnership": partnership,
            "access": access,
            "form": form,
            "activity_names": _activity_names(partnership),
        },
        status=400 if form.errors else 200,
    )


@login_required
def time_edit(request: AuthedRequest, key: str, pk: int) -> HttpResponse:
    access = get_partnership_for_user(request.user, key, need="edit")
    partnership = access.partnership
    report = get_object_or_404(TimeReport.objects.filter(partnership=partnership), pk=pk)
    return edit_page(
        request,
        TimeReportForm(request.POST if request.method == "POST" else None, instance=report),
        services.time_report_update,
        template="costing/time_form.html",
        context={
            "partnership": partnership,
            "access": access,
            "report": report,
            "activity_names": _activity_names(partnership),
        },
        success_url=reverse("costing:time_list", kwargs={"key": partnership.key}),
        report=report,
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def time_remove(request: AuthedRequest, key: str, pk: int) -> HttpResponse:
    access = get_partnership_for_user(request.user, key, need="edit")
    partnership = access.partnership
    report = get_object_or_404(
        TimeReport.objects.filter(partnership=partnership).select_related("staff_category"),
        pk=pk,
    )
    if request.method == "POST":
        services.time_report_remove(report=report)
        messages.success(
            request,
            _("“%(title)s” was removed. You can restore it under Removed time reports.")
            % {"title": report},
        )
        return redirect("costing:time_list", key=partnership.key)
    return render(
        request,
        "partnerships/confirm.html",
        {
            "partnership": partnership,
            "access": access,
            "heading": _("Remove the time report “%(title)s”?") % {"title": report},
            "changes": [
                _("%(hours)s hours (%(value)s) leave the co-financing sums.")
                % {"hours": report.hours, "value": format_sek(selectors.report_value(report))},
            ],
            "undo": _("You can restore it, as it was, under Removed time reports."),
            "confirm_label": _("Remove the time report"),
            "cancel_url": reverse("costing:time_list", kwargs={"key": partnership.key}),
        },
    )


@login_required
@require_POST
def time_restore(request: AuthedRequest, key: str, pk: int) -> HttpResponse:
    access = get_partnership_for_user(request.user, key, need="edit")
    partnership = access.partnership
    report = get_object_or_404(selectors.removed_time_reports(partnership), pk=pk)
    services.time_report_restore(report=report)
    messages.success(request, _("“%(title)s” was restored.") % {"title": report})
    return redirect("costing:time_list", key=partnership.key)


@login_required
@require_safe
def time_export(request: AuthedRequest, key: str) -> HttpResponse:
    access = get_partnership_for_user(request.user, key)
    partnership = access.partnership
    response = HttpResponse(export_time_reports(partnership), content_type=XLSX)
    name = f"tidrapporter-{slugify(partnership.title)[:60]}-{timezone.localdate():%Y-%m-%d}"
    response["Content-Disposition"] = f'attachment; filename="{name}.xlsx"'
    return response
