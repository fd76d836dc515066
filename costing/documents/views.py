"""The tjänsteutlåtande: the draft, a preview of its data parts, and its PDF versions."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from config.forms import parse_int
from config.http import AuthedRequest
from partnerships.access import Access, get_partnership_for_user
from partnerships.models import Partnership
from partnerships.views.editing import edit_page

from .. import tasks
from . import selectors, services
from .forms import CommitteeDecisionForm, DocumentOptionsForm, MemoDraftForm
from .kinds import KINDS
from .memo_data import memo_data
from .models import CommitteeDecision, GeneratedDocument

MEMO = GeneratedDocument.Kind.TJANSTEUTLATANDE


def versions_context(access: Access, kind: str) -> dict[str, object]:
    """The versions of one kind of document, for its page and its htmx-polled list. Versions a
    dead worker or a down broker left behind are sent again first."""
    tasks.requeue_stuck(partnership_id=access.partnership.pk)
    versions = list(selectors.documents_of(access.partnership, kind))
    return {
        "partnership": access.partnership,
        "access": access,
        "spec": KINDS[kind],
        "versions": versions,
        "polling": any(version.in_progress for version in versions),
    }


@login_required
@require_safe
def memo_page(request: AuthedRequest, key: str) -> HttpResponse:
    access = get_partnership_for_user(request.user, key)
    partnership = access.partnership
    memo = selectors.memo_for(partnership)
    return render(
        request,
        "costing/memo_page.html",
        {
            **versions_context(access, MEMO),
            "memo": memo,
            "data": memo_data(partnership, memo),
        },
    )


# Any kind of document: the views below take the kind from the URL pattern (costing/urls.py).


@login_required
@require_safe
def document_versions(request: AuthedRequest, key: str, kind: str) -> HttpResponse:
    """The versions table alone: htmx polls it while a version is waiting or rendering."""
    access = get_partnership_for_user(request.user, key)
    return render(request, "costing/_document_versions.html", versions_context(access, kind))


@login_required
@require_POST
def document_generate(request: AuthedRequest, key: str, kind: str) -> HttpResponse:
    """Freeze today's data into a new numbered version and queue its rendering."""
    access = get_partnership_for_user(request.user, key, need="edit")
    partnership = access.partnership
    spec = KINDS[kind]
    form = DocumentOptionsForm(request.POST, spec=spec)
    if not form.is_valid():
        messages.error(request, _("Choose one of the paper sizes offered."))
        return redirect(spec.page_url(partnership))
    language = spec.language or (translation.get_language() or "sv")[:2]
    # The frozen texts (dates, labels of levels and parties) in the document's language.
    with translation.override(language):
        data = spec.data(partnership, form.cleaned_data)
    document = services.document_generate(
        partnership=partnership,
        kind=kind,
        data=data,
        language=language,
        created_by=request.user,
    )
    tasks.enqueue_render(document.pk)
    messages.info(
        request,
        _("Version %(number)s is being prepared. It appears in the list below when it is ready.")
        % {"number": document.number},
    )
    return redirect(spec.page_url(partnership))


def _version(partnership: Partnership, number: int, kind: str) -> GeneratedDocument:
    # A number beyond the database's range is no version (SQLite would overflow).
    bounded = parse_int(number)
    document = selectors.document_by_number(partnership, bounded, kind) if bounded else None
    if document is None:
        raise Http404
    return document


@login_required
@require_POST
def document_retry(request: AuthedRequest, key: str, number: int, kind: str) -> HttpResponse:
    access = get_partnership_for_user(request.user, key, need="edit")
    document = _version(access.partnership, number, kind)
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
    return redirect(KINDS[kind].page_url(access.partnership))


def download_name(document: GeneratedDocument) -> str:
    """Tjansteutlatande-KS-2026-123-v3.pdf, Samverkansplan-<title>-v2.pdf: ASCII, safe in any
    header."""
    spec = KINDS[document.kind]
    parts = [spec.file_stem, spec.reference(document.data), f"v{document.number}"]
    return "-".join(part for part in parts if part) + ".pdf"


@login_required
@require_safe
def document_download(request: AuthedRequest, key: str, number: int, kind: str) -> HttpResponseBase:
    """The PDF of one version, for members only (checked on every request; the stored file has
    no public address)."""
    access = get_partnership_for_user(request.user, key)
    document = _version(access.partnership, number, kind)
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
def memo_decision(request: AuthedRequest, key: str, number: int) -> HttpResponse:
    """Record, or correct, what the committee decided on a version."""
    access = get_partnership_for_user(request.user, key, need="edit")
    partnership = access.partnership
    document = _version(partnership, number, MEMO)
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
