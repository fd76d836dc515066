"""Steering documents (styrdokument) a partnership uses and its goals can be anchored to.

A document belongs to an organisation (or one of its units) and is entered once; each
partnership picks the documents of its parties' organisations that it uses."""

from __future__ import annotations

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

from .. import selectors, services
from ..access import get_partnership_for_user
from ..forms import SteeringDocumentForm
from ..models import Partnership, SteeringDocument
from ..orgchart import selectors as orgchart_selectors
from ..orgchart.services import anchored_goals
from .editing import edit_page


@login_required
@require_safe
def steering_list(request: AuthedRequest, key: str) -> HttpResponse:
    access = get_partnership_for_user(request.user, key)
    partnership = access.partnership
    return render(
        request,
        "partnerships/steering_list.html",
        {
            "partnership": partnership,
            "access": access,
            "documents": orgchart_selectors.documents_used(partnership),
            "available": orgchart_selectors.documents_available(partnership)
            if access.can_edit
            else [],
            "removed": selectors.removed_steering_documents(partnership),
        },
    )


@login_required
def steering_create(request: AuthedRequest, key: str) -> HttpResponse:
    access = get_partnership_for_user(request.user, key, need="edit")
    partnership = access.partnership
    form = SteeringDocumentForm(
        request.POST if request.method == "POST" else None,
        instance=SteeringDocument(partnership=partnership),
        organisations=orgchart_selectors.party_organisations(partnership),
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.steering_document_create(partnership=partnership, **form.changes())
        except ValidationError as error:
            form.add_error(None, error)
        else:
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
    document = get_object_or_404(orgchart_selectors.documents_used(partnership), pk=pk)
    return edit_page(
        request,
        SteeringDocumentForm(
            request.POST if request.method == "POST" else None,
            instance=document,
            organisations=orgchart_selectors.party_organisations(partnership),
        ),
        services.steering_document_update,
        template="partnerships/steering_form.html",
        context={"partnership": partnership, "access": access, "document": document},
        success_url=reverse("partnerships:steering_list", kwargs={"key": partnership.key}),
        document=document,
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def steering_delete(request: AuthedRequest, key: str, pk: int) -> HttpResponse:
    """GET: what removing the document changes; POST: remove it (softly, restorable)."""
    access = get_partnership_for_user(request.user, key, need="edit")
    partnership = access.partnership
    document = get_object_or_404(orgchart_selectors.documents_used(partnership), pk=pk)
    if request.method == "POST":
        services.steering_document_delete(document=document)
        messages.success(
            request,
            _("“%(title)s” was removed. You can restore it under Removed documents.")
            % {"title": document.title},
        )
        return redirect("partnerships:steering_list", key=partnership.key)
    return render(
        request,
        "partnerships/confirm.html",
        {
            "partnership": partnership,
            "access": access,
            "heading": _("Remove the steering document “%(title)s”?") % {"title": document.title},
            "changes": [
                _(
                    "The document leaves the list of steering documents and the choices for "
                    "anchoring a goal."
                ),
                _("Goals anchored in it no longer show it as an anchor while it is removed."),
                *_shared_note(document, partnership),
            ],
            "referring": _anchored_here(document, partnership),
            "referring_intro": _(
                "Anchored in this document (the links are kept and come back with it):"
            ),
            "undo": _(
                "You can restore the document, with its links to goals, under Removed documents."
            ),
            "confirm_label": _("Remove the document"),
            "cancel_url": reverse("partnerships:steering_list", kwargs={"key": partnership.key}),
        },
    )


def _shared_note(document: SteeringDocument, partnership: Partnership) -> list[str]:
    others = orgchart_selectors.other_uses(document, partnership)
    if not others:
        return []
    return [
        _(
            "The document belongs to %(owner)s and %(count)s other partnerships use it: it is "
            "removed for them too. To stop using it here only, choose “Stop using” instead."
        )
        % {"owner": document.owner_label or "—", "count": others}
    ]


def _anchored_here(document: SteeringDocument, partnership: Partnership) -> list[Any]:
    """This partnership's goals anchored in the document (another partnership's are not
    everyone's to see)."""
    goals = anchored_goals(partnership, document)
    if not goals:
        return []
    return [
        selectors.Referring(label=_("Anchored goals"), items=goals, count=len(goals)),
    ]


@login_required
@require_POST
def steering_restore(request: AuthedRequest, key: str, pk: int) -> HttpResponse:
    access = get_partnership_for_user(request.user, key, need="edit")
    partnership = access.partnership
    document = get_object_or_404(selectors.removed_steering_documents(partnership), pk=pk)
    services.steering_document_restore(document=document)
    messages.success(request, _("“%(title)s” was restored.") % {"title": document.title})
    return redirect("partnerships:steering_list", key=partnership.key)
