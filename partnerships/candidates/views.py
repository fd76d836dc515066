"""Candidate partners (step 1): the list, the fit assessment, the side-by-side comparison,
the conversation guide, and choosing a candidate, which makes it a party."""

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

from ..access import Access, get_partnership_for_user
from ..models import Party
from ..views.editing import edit_page
from . import criteria as c
from . import selectors, services
from .forms import CandidateConversationForm, CandidateCreateForm, CandidateForm
from .models import Candidate


def _candidate(access: Access, pk: int) -> Candidate:
    return get_object_or_404(
        Candidate.objects.filter(partnership=access.partnership).select_related(
            "organisation", "party"
        ),
        pk=pk,
    )


def _list_url(access: Access) -> str:
    return reverse("partnerships:candidate_list", kwargs={"key": access.partnership.key})


def _detail_url(access: Access, candidate: Candidate) -> str:
    return reverse(
        "partnerships:candidate_detail",
        kwargs={"key": access.partnership.key, "pk": candidate.pk},
    )


def _side(request: AuthedRequest) -> str:
    side = request.GET.get("side", "")
    return side if side in Candidate.Side.values else ""


@login_required
@require_safe
def candidate_list(request: AuthedRequest, key: str) -> HttpResponse:
    access = get_partnership_for_user(request.user, key)
    partnership = access.partnership
    return render(
        request,
        "partnerships/candidates/list.html",
        {
            "partnership": partnership,
            "access": access,
            "candidates": list(selectors.candidates(partnership)),
            "removed": selectors.removed_candidates(partnership),
            "criteria_count": len(c.criteria_for(c.PUBLIC)),
        },
    )


@login_required
@require_safe
def candidate_compare(request: AuthedRequest, key: str) -> HttpResponse:
    access = get_partnership_for_user(request.user, key)
    partnership = access.partnership
    side = _side(request)
    rows = list(selectors.candidates(partnership, side=side))
    return render(
        request,
        "partnerships/candidates/compare.html",
        {
            "partnership": partnership,
            "access": access,
            "candidates": rows,
            "rows": selectors.comparison_rows(rows),
            "side": side,
            "sides": Candidate.Side.choices,
        },
    )


@login_required
def candidate_create(request: AuthedRequest, key: str) -> HttpResponse:
    access = get_partnership_for_user(request.user, key, need="edit")
    partnership = access.partnership
    form = CandidateCreateForm(
        request.POST if request.method == "POST" else None,
        instance=Candidate(partnership=partnership),
        organisations=selectors.organisations_to_pick(request.user, partnership),
    )
    if request.method == "POST" and form.is_valid():
        try:
            candidate = services.candidate_create(partnership=partnership, **form.field_values())
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("%(organisation)s was added as a candidate. Assess it on the criteria next.")
                % {"organisation": candidate.organisation},
            )
            return redirect(_detail_url(access, candidate))
    return render(
        request,
        "partnerships/candidates/create.html",
        {"partnership": partnership, "access": access, "form": form},
        status=400 if form.errors else 200,
    )


@login_required
@require_safe
def candidate_detail(request: AuthedRequest, key: str, pk: int) -> HttpResponse:
    access = get_partnership_for_user(request.user, key)
    candidate = _candidate(access, pk)
    return render(
        request,
        "partnerships/candidates/detail.html",
        {
            "partnership": access.partnership,
            "access": access,
            "candidate": candidate,
            "questions": [(q, candidate.answer_for(q.key)) for q in c.QUESTIONS],
        },
    )


@login_required
def candidate_edit(request: AuthedRequest, key: str, pk: int) -> HttpResponse:
    access = get_partnership_for_user(request.user, key, need="edit")
    candidate = _candidate(access, pk)
    return edit_page(
        request,
        CandidateForm(request.POST if request.method == "POST" else None, instance=candidate),
        services.candidate_update,
        template="partnerships/candidates/edit.html",
        context={"partnership": access.partnership, "access": access, "candidate": candidate},
        success_url=_detail_url(access, candidate),
        candidate=candidate,
    )


@login_required
def candidate_conversation(request: AuthedRequest, key: str, pk: int) -> HttpResponse:
    access = get_partnership_for_user(request.user, key, need="edit")
    candidate = _candidate(access, pk)
    return edit_page(
        request,
        CandidateConversationForm(
            request.POST if request.method == "POST" else None, instance=candidate
        ),
        services.candidate_update,
        template="partnerships/candidates/conversation.html",
        context={"partnership": access.partnership, "access": access, "candidate": candidate},
        success_url=_detail_url(access, candidate) + "#conversation",
        candidate=candidate,
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def candidate_choose(request: AuthedRequest, key: str, pk: int) -> HttpResponse:
    """GET: what choosing the candidate does; POST: choose it (it becomes a party)."""
    access = get_partnership_for_user(request.user, key, need="edit")
    partnership = access.partnership
    candidate = _candidate(access, pk)
    if request.method == "POST":
        chosen = services.candidate_choose(candidate=candidate)
        messages.success(
            request,
            _("%(organisation)s was chosen and is a party of the partnership.")
            % {"organisation": chosen.organisation},
        )
        return redirect(_detail_url(access, chosen))
    existing = partnership.parties.filter(organisation=candidate.organisation).first()
    removed = (
        existing is None
        and Party.all_objects.filter(
            partnership=partnership, organisation=candidate.organisation
        ).exists()
    )
    part = (
        existing.get_part_display() if existing else Party.Part(services.part_for(candidate)).label
    )
    changes = [
        _("%(organisation)s gets the status Chosen.") % {"organisation": candidate.organisation},
        _("It is already a party (%(part)s): the candidate is linked to that party.")
        % {"part": part}
        if existing
        else _("Its earlier party, removed before, comes back as %(part)s.") % {"part": part}
        if removed
        else _("It becomes a party of the partnership, as %(part)s.") % {"part": part},
    ]
    if not candidate.fully_assessed:
        changes.append(
            _(
                "It has been assessed on %(assessed)s of %(total)s criteria. The step check "
                "asks for a full assessment of a chosen candidate."
            )
            % {"assessed": candidate.assessed_count, "total": candidate.criteria_count}
        )
    return render(
        request,
        "partnerships/confirm.html",
        {
            "partnership": partnership,
            "access": access,
            "heading": _("Choose %(organisation)s as a partner?")
            % {"organisation": candidate.organisation},
            "changes": changes,
            "undo": _(
                "Yes: remove the party on the Parties page (it can be restored there), and set "
                "the candidate's status back on its edit page."
            ),
            "confirm_label": _("Choose and make it a party"),
            "confirm_class": "btn-primary",
            "cancel_url": _detail_url(access, candidate),
        },
    )


@login_required
@require_POST
def candidate_decline(request: AuthedRequest, key: str, pk: int) -> HttpResponse:
    access = get_partnership_for_user(request.user, key, need="edit")
    candidate = _candidate(access, pk)
    try:
        services.candidate_decline(candidate=candidate)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("%(organisation)s was marked declined. Its assessment is kept.")
            % {"organisation": candidate.organisation},
        )
    return redirect(_detail_url(access, candidate))


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def candidate_delete(request: AuthedRequest, key: str, pk: int) -> HttpResponse:
    """GET: what removing the candidate changes; POST: remove it (softly, restorable)."""
    access = get_partnership_for_user(request.user, key, need="edit")
    candidate = _candidate(access, pk)
    if request.method == "POST":
        services.candidate_remove(candidate=candidate)
        messages.success(
            request,
            _(
                "%(organisation)s was removed from the candidates. You can restore it under "
                "Removed candidates."
            )
            % {"organisation": candidate.organisation},
        )
        return redirect(_list_url(access))
    changes = [
        _("The candidate, its assessment and the conversation answers leave the list."),
    ]
    if candidate.party_id is not None:
        changes.append(
            _("It stays a party of the partnership: remove the party on the Parties page.")
        )
    return render(
        request,
        "partnerships/confirm.html",
        {
            "partnership": access.partnership,
            "access": access,
            "heading": _("Remove %(organisation)s from the candidates?")
            % {"organisation": candidate.organisation},
            "changes": changes,
            "undo": _("You can restore the candidate, as it was, under Removed candidates."),
            "confirm_label": _("Remove the candidate"),
            "cancel_url": _detail_url(access, candidate),
        },
    )


@login_required
@require_POST
def candidate_restore(request: AuthedRequest, key: str, pk: int) -> HttpResponse:
    access = get_partnership_for_user(request.user, key, need="edit")
    candidate = get_object_or_404(selectors.removed_candidates(access.partnership), pk=pk)
    try:
        services.candidate_restore(candidate=candidate)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request, _("%(organisation)s was restored.") % {"organisation": candidate.organisation}
        )
    return redirect(_list_url(access))
