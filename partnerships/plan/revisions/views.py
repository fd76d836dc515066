"""Revisions of the collaboration plan (publish, read, compare, approve), its timeline and its
printable version."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from config.http import AuthedRequest

from ...access import get_partnership_for_user
from ...models import Party
from . import selectors, services
from .compare import compare
from .forms import ApproveForm, CompareForm, PublishForm
from .serialise import PlanSnapshot, plan_from_snapshot, plan_to_dict
from .timeline import build

CURRENT = "current"


def _matrix_rows(snapshot: PlanSnapshot) -> list[tuple[object, list[str]]]:
    return [(activity, snapshot.cells(activity)) for activity in snapshot.activities]


@login_required
@require_safe
def revision_list(request: AuthedRequest, key: str) -> HttpResponse:
    access = get_partnership_for_user(request.user, key)
    partnership = access.partnership
    revisions = list(selectors.revisions_of(partnership))
    counts = selectors.approval_counts(partnership)
    return render(
        request,
        "partnerships/plan/revision_list.html",
        {
            "partnership": partnership,
            "access": access,
            "revisions": revisions,
            "rows": [(revision, counts.get(revision.pk, 0)) for revision in revisions],
            "status": selectors.plan_status(partnership),
        },
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def revision_publish(request: AuthedRequest, key: str) -> HttpResponse:
    access = get_partnership_for_user(request.user, key, need="edit")
    partnership = access.partnership
    form = PublishForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            revision = services.plan_revision_publish(
                partnership=partnership, user=request.user, reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("Revision %(number)s was published. Each party now approves it on its page.")
                % {"number": revision.number},
            )
            return redirect(revision)
    return render(
        request,
        "partnerships/plan/revision_form.html",
        {
            "partnership": partnership,
            "access": access,
            "form": form,
            "status": selectors.plan_status(partnership),
        },
        status=400 if form.errors else 200,
    )


@login_required
@require_safe
def revision_detail(request: AuthedRequest, key: str, number: int) -> HttpResponse:
    access = get_partnership_for_user(request.user, key)
    partnership = access.partnership
    revision = selectors.revision_by_number(partnership, number)
    if revision is None:
        raise Http404
    snapshot = plan_from_snapshot(revision.snapshot)
    status = selectors.plan_status(partnership)
    approvals = selectors.approvals_of(revision)
    approved = {approval.party_id for approval in approvals}
    return render(
        request,
        "partnerships/plan/revision_detail.html",
        {
            "partnership": partnership,
            "access": access,
            "revision": revision,
            "plan": snapshot,
            "matrix_rows": _matrix_rows(snapshot),
            "timeline": build(snapshot.activities),
            "approvals": approvals,
            "waiting": [p for p in snapshot.approvers_needed if p.id not in approved],
            "is_latest": status.latest is not None and status.latest.pk == revision.pk,
            "status": status,
        },
    )


@login_required
@require_safe
def revision_compare(request: AuthedRequest, key: str) -> HttpResponse:
    """Compare two revisions, or a revision with the plan as it is now."""
    access = get_partnership_for_user(request.user, key)
    partnership = access.partnership
    revisions = list(selectors.revisions_of(partnership))
    context: dict[str, object] = {
        "partnership": partnership,
        "access": access,
        "comparison": None,
        "form": None,
    }
    if not revisions:
        return render(request, "partnerships/plan/revision_compare.html", context)
    choices = [(CURRENT, _("Now (not yet published)"))] + [
        (
            str(revision.number),
            _("Revision %(number)s, %(date)s")
            % {"number": revision.number, "date": revision.published_at.date().isoformat()},
        )
        for revision in revisions
    ]
    initial = {
        "a": str(revisions[1].number) if len(revisions) > 1 else str(revisions[0].number),
        "b": str(revisions[0].number) if len(revisions) > 1 else CURRENT,
    }
    form = CompareForm(
        request.GET if "a" in request.GET else None, choices=choices, initial=initial
    )
    chosen = form.cleaned_data if form.is_bound and form.is_valid() else initial
    status = 400 if form.is_bound and not form.is_valid() else 200

    def load(choice: str) -> tuple[PlanSnapshot, str]:
        if choice == CURRENT:
            return plan_from_snapshot(plan_to_dict(partnership)), _("now")
        revision = selectors.revision_by_number(partnership, int(choice))
        if revision is None:
            raise Http404
        return plan_from_snapshot(revision.snapshot), _("revision %(number)s") % {
            "number": revision.number
        }

    old, old_label = load(chosen["a"])
    new, new_label = load(chosen["b"])
    context.update(
        {
            "form": form,
            "comparison": compare(old, new),
            "old_label": old_label,
            "new_label": new_label,
        }
    )
    return render(request, "partnerships/plan/revision_compare.html", context, status=status)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def revision_approve(request: AuthedRequest, key: str, number: int) -> HttpResponse:
    """GET: the rule, the parties this person may approve for, and the form; POST: approve."""
    access = get_partnership_for_user(request.user, key, need="edit")
    partnership = access.partnership
    revision = selectors.revision_by_number(partnership, number)
    if revision is None:
        raise Http404
    snapshot = plan_from_snapshot(revision.snapshot)
    approvals = selectors.approvals_of(revision)
    approved = {approval.party_id for approval in approvals}
    in_revision = {party.id for party in snapshot.parties}
    parties = [
        party
        for party in Party.objects.filter(partnership=partnership).select_related("organisation")
        if party.pk in in_revision
    ]
    mine = [
        party
        for party in parties
        if party.pk not in approved
        and selectors.may_approve(request.user, access.membership, party)
    ]
    status = selectors.plan_status(partnership)
    form = ApproveForm(request.POST if request.method == "POST" else None, parties=mine)
    response_status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.plan_approve(
                    revision=revision, party=form.chosen_party(), user=request.user
                )
            except (ValidationError, PermissionDenied) as error:
                form.add_error(None, " ".join(getattr(error, "messages", [str(error)])))
            else:
                messages.success(
                    request,
                    _("You approved revision %(number)s for %(party)s.")
                    % {"number": revision.number, "party": form.chosen_party().organisation.name},
                )
                return redirect(revision)
        response_status = 400
    return render(
        request,
        "partnerships/plan/revision_approve.html",
        {
            "partnership": partnership,
            "access": access,
            "revision": revision,
            "plan": snapshot,
            "approvals": approvals,
            "form": form,
            "mine": mine,
            "already": [
                approval.party_name
                for approval in approvals
                if selectors.may_approve(request.user, access.membership, approval.party)
            ],
            "is_latest": status.latest is not None and status.latest.pk == revision.pk,
            "status": status,
            "profile_organisation": request.user.organisation,
        },
        status=response_status,
    )


@login_required
@require_safe
def timeline(request: AuthedRequest, key: str) -> HttpResponse:
    """The activities on a month axis, and the same as a table."""
    access = get_partnership_for_user(request.user, key)
    partnership = access.partnership
    plan = plan_from_snapshot(plan_to_dict(partnership))
    return render(
        request,
        "partnerships/plan/timeline.html",
        {
            "partnership": partnership,
            "access": access,
            "plan": plan,
            "timeline": build(plan.activities),
        },
    )


@login_required
@require_safe
def plan_print(request: AuthedRequest, key: str) -> HttpResponse:
    """The whole plan on one page, laid out for A4 by a print stylesheet."""
    access = get_partnership_for_user(request.user, key)
    partnership = access.partnership
    status = selectors.plan_status(partnership)
    plan = plan_from_snapshot(status.current)
    return render(
        request,
        "partnerships/plan/print.html",
        {
            "partnership": partnership,
            "access": access,
            "plan": plan,
            "matrix_rows": _matrix_rows(plan),
            "status": status,
            "timeline": build(plan.activities),
        },
    )
