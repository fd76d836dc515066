"""The tjänsteutlåtande: the draft, a preview of its data parts, and its PDF versions."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from config.forms import parse_int
from config.http import AuthedRequest
from partnerships.access import Access, get_partnership_for_user
from partnerships.models import Partnership
from partnerships.views.editing import edit_page

from .. import tasks
from . import selectors, services
from .forms import CommitteeDecisionForm, MemoDraftForm
from .memo_data import memo_data
from .models import CommitteeDecision, GeneratedDocument

MEMO = GeneratedDocument.Kind.TJANSTEUTLATANDE
# The memo goes to a Swedish committee: its PDF is written in Swedish whatever the interface.
MEMO_LANGUAGE = "sv"


def _versions_context(request: AuthedRequest, access: Access) -> dict[str, object]:
    versions = list(selectors.documents_of(access.partnership))
    return {
        "partnership": access.partnership,
        "access": access,
        "versions": versions,
        "polling": any(version.in_progress for version in versions),
    }


@login_required
@require_safe
def memo_page(request: AuthedRequest, key: str) -> HttpResponse:
    access = get_partnership_for_user(request.user, key)
    partnership = access.partnership
    # Versions a dead worker or a down broker left behind are sent again.
    tasks.requeue_stuck(partnership_id=partnership.pk)
    memo = selectors.memo_for(partnership)
    return render(
        request,
        "costing/memo_page.html",
        {
            **_versions_context(request, access),
            "memo": memo,
            "data": memo_data(partnership, memo),
        },
    )


@login_required
@require_safe
def memo_versions(request: AuthedRequest, key: str) -> HttpResponse:
    """The versions table alone: htmx polls it while a version is waiting or rendering."""
    access = get_partnership_for_user(request.user, key)
    return render(request, "costing/_memo_versions.html", _versions_context(request, access))


@login_required
def memo_edit(request: AuthedRequest, key: str) -> HttpResponse:
    access = get_partnership_for_user(request.user, key, need="edit")
    partnership = access.partnership
    memo = selectors.memo_for(partnership)
    form = MemoDraftForm(request.POST if request.method == "POST" else None, instance=memo)
    context = {"partnership": partnership, "access": access}
    success_url = reverse("costing:memo", kwargs={"key": partnership.key})
    if memo.pk is not None:
        return edit_page(
            request,
            form,
            services.memo_update,
            template="costing/memo_form.html",
            context=context,
            success_url=success_url,
            memo=memo,
        )
    if request.method == "POST" and form.is_valid():
        if form.submit(
            lambda expected_version, **fields: services.memo_create(
                partnership=partnership, **fields
            )
        ):
            messages.success(request, _("Saved."))
            return redirect(success_url)
    return render(
        request,
        "costing/memo_form.html",
        {**context, "form": form},
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def memo_generate(request: AuthedRequest, key: str) -> HttpResponse:
    """Freeze today's data into a new numbered version and queue its rendering."""
    access = get_partnership_for_user(request.user, key, need="edit")
    partnership = access.partnership
    # The frozen texts (dates, labels of levels and parties) in the document's language.
    with translation.override(MEMO_LANGUAGE):
        data = memo_data(partnership)
    document = services.document_generate(
        partnership=partnership,
        kind=MEMO,
        data=data,
        language=MEMO_LANGUAGE,
        created_by=request.user,
    )
    tasks.enqueue_render(document.pk)
    messages.info(
        request,
        _("Version %(number)s is being prepared. It appears in the list below when it is ready.")
        % {"number": document.number},
    )
    return redirect(reverse("costing:memo", kwargs={"key": partnership.key}) + "#versions")


def _version(partnership: Partnership, number: int) -> GeneratedDocument:
    # A number beyond the database's range is no version (SQLite would overflow).
    bounded = parse_int(number)
    document = selectors.document_by_number(partnership, bounded) if bounded else None
    if document is None:
        raise Http404
    return document


@login_required
@require_POST
def memo_retry(request: AuthedRequest, key: str, number: int) -> HttpResponse:
    access = get_partnership_for_user(request.user, key, need="edit")
    document = _version(access.partnership, number)
    if services.document_retry(document=document):
        tasks.enqueue_render(document.pk)
        messages.info(
            request, _("Version %(number)s is being prepared again.") % {"number": number}
        )
    else:
        messages.info(
            request,
            _("Version %(number)s has not failed: nothing to try again.") % {"number": number},
        )
    return redirect(reverse("costing:memo", kwargs={"key": access.partnership.key}) + "#versions")


def download_name(document: GeneratedDocument) -> str:
    """Tjansteutlatande-KS-2026-123-v3.pdf: ASCII, safe in any header."""
    registration = slugify(document.data.get("memo", {}).get("registration_number", ""))
    parts = [
        "Tjansteutlatande",
        registration.upper() if registration else "",
        f"v{document.number}",
    ]
    return "-".join(part for part in parts if part) + ".pdf"


@login_required
@require_safe
def memo_download(request: AuthedRequest, key: str, number: int) -> HttpResponseBase:
    """The PDF of one version, for members only (checked on every request; the stored file has
    no public address)."""
    access = get_partnership_for_user(request.user, key)
    document = _version(access.partnership, number)
    if not document.is_ready:
        raise Http404
    try:
        handle = document.file.open("rb")
    except FileNotFoundError as error:
        raise Http404 from error
    response = FileResponse(
        handle, as_attachment=True, filename=download_name(document), content_type="application/pdf"
    )
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
def memo_decision(request: AuthedRequest, key: str, number: int) -> HttpResponse:
    """Record, or correct, what the committee decided on a version."""
    access = get_partnership_for_user(request.user, key, need="edit")
    partnership = access.partnership
    document = _version(partnership, number)
    decision = CommitteeDecision.objects.filter(partnership=partnership, document=document).first()
    form = CommitteeDecisionForm(
        request.POST if request.method == "POST" else None,
        instance=decision or CommitteeDecision(partnership=partnership, document=document),
    )
    context = {"partnership": partnership, "access": access, "document": document}
    success_url = reverse("costing:memo", kwargs={"key": partnership.key}) + "#versions"
    if decision is not None:
        return edit_page(
            request,
            form,
            services.decision_update,
            template="costing/decision_form.html",
            context=context,
            success_url=success_url,
            decision=decision,
        )
    if request.method == "POST" and form.is_valid():
        if form.submit(
            lambda expected_version, **fields: services.decision_create(document=document, **fields)
        ):
            messages.success(request, _("Saved."))
            return redirect(success_url)
    return render(
        request,
        "costing/decision_form.html",
        {**context, "form": form},
        status=400 if form.errors else 200,
    )
