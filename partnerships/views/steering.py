"""Steering documents (styrdokument) a partnership's goals can be anchored to."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import QuerySet
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from config.http import AuthedRequest

from ..access import get_partnership_for_user
from ..concurrency import VersionedModelForm
from ..forms import CrispyMixin
from ..models import Partnership, SteeringDocument


class SteeringDocumentForm(CrispyMixin, VersionedModelForm):
    class Meta:
        model = SteeringDocument
        fields = ["title", "kind", "year", "issuing_organisation", "url"]


def _documents(partnership: Partnership) -> QuerySet[SteeringDocument]:
    return SteeringDocument.objects.filter(partnership=partnership).order_by("kind", "title")


@login_required
@require_safe
def steering_list(request: AuthedRequest, key: str) -> HttpResponse:
    access = get_partnership_for_user(request.user, key)
    partnership = access.partnership
    return render(
        request,
        "partnerships/steering_list.html",
        {"partnership": partnership, "access": access, "documents": _documents(partnership)},
    )


@login_required
def steering_create(request: AuthedRequest, key: str) -> HttpResponse:
    access = get_partnership_for_user(request.user, key, need="edit")
    partnership = access.partnership
    form = SteeringDocumentForm(
        request.POST if request.method == "POST" else None,
        instance=SteeringDocument(partnership=partnership),
    )
    if request.method == "POST" and form.is_valid() and form.save_checked():
        messages.success(request, _("The steering document was added."))
        return redirect("partnerships:steering_list", key=partnership.key)
    return render(
        request,
        "partnerships/steering_form.html",
        {"partnership": partnership, "access": access, "form": form},
        status=400 if form.errors else 200,
    )


@login_required
def steering_edit(request: AuthedRequest, key: str, pk: int) -> HttpResponse:
    access = get_partnership_for_user(request.user, key, need="edit")
    partnership = access.partnership
    document = get_object_or_404(SteeringDocument.objects.filter(partnership=partnership), pk=pk)
    form = SteeringDocumentForm(
        request.POST if request.method == "POST" else None, instance=document
    )
    if request.method == "POST" and form.is_valid() and form.save_checked():
        messages.success(request, _("Saved."))
        return redirect("partnerships:steering_list", key=partnership.key)
    return render(
        request,
        "partnerships/steering_form.html",
        {"partnership": partnership, "access": access, "form": form, "document": document},
        status=400 if form.errors and not form.conflict else 200,
    )


@login_required
@require_POST
def steering_delete(request: AuthedRequest, key: str, pk: int) -> HttpResponse:
    access = get_partnership_for_user(request.user, key, need="edit")
    partnership = access.partnership
    document = get_object_or_404(SteeringDocument.objects.filter(partnership=partnership), pk=pk)
    document.delete()
    messages.success(request, _("“%(title)s” was removed.") % {"title": document.title})
    return redirect("partnerships:steering_list", key=partnership.key)
