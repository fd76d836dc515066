"""The calculation as a spreadsheet: download it, and upload an edited file."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from config.http import AuthedRequest
from partnerships.access import get_partnership_for_user

from .. import services
from ..forms import ImportForm
from ..spreadsheet import check_workbook, export_workbook

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@login_required
@require_safe
def export_xlsx(request: AuthedRequest, key: str) -> HttpResponse:
    access = get_partnership_for_user(request.user, key)
    partnership = access.partnership
    response = HttpResponse(export_workbook(partnership), content_type=XLSX)
    name = f"kostnadsberakning-{slugify(partnership.title)[:60]}-{timezone.localdate():%Y-%m-%d}"
    response["Content-Disposition"] = f'attachment; filename="{name}.xlsx"'
    return response


@login_required
def import_xlsx(request: AuthedRequest, key: str) -> HttpResponse:
    """GET: the upload form; POST: check the whole file, then write all of it or nothing."""
    access = get_partnership_for_user(request.user, key, need="edit")
    partnership = access.partnership
    form = ImportForm(
        request.POST if request.method == "POST" else None,
        request.FILES if request.method == "POST" else None,
    )
    errors: list[str] = []
    if request.method == "POST" and form.is_valid():
        check = check_workbook(partnership, form.cleaned_data["file"].read())
        errors = check.errors
        if not errors:
            result = services.cost_lines_import(partnership=partnership, rows=check.rows)
            messages.success(
                request,
                _(
                    "The file was imported: %(created)s lines added, %(changed)s changed, "
                    "%(removed)s removed (restorable under Removed cost lines)."
                )
                % {
                    "created": result.created,
                    "changed": result.changed,
                    "removed": result.removed,
                },
            )
            return redirect("costing:costs", key=partnership.key)
    return render(
        request,
        "costing/import.html",
        {"partnership": partnership, "access": access, "form": form, "errors": errors},
        status=400 if (form.errors or errors) else 200,
    )
