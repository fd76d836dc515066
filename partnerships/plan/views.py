"""The collaboration plan (step 4): its activities, kept in step with the chain, and the RACI
matrix, edited in place by keyboard (static/js/raci.js) or row by row without JavaScript."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from config.http import AuthedRequest

from ..access import Access, get_partnership_for_user
from ..views.editing import edit_page
from . import selectors, services
from .forms import PlanActivityForm, RaciRowForm, RiskForm, WaysOfWorkingForm
from .models import PlanActivity, Risk
from .revisions.selectors import plan_status


def _plan_url(key: str) -> str:
    return reverse("partnerships:plan", kwargs={"key": key})


def _raci_url(key: str) -> str:
    return reverse("partnerships:plan_raci", kwargs={"key": key})


@login_required
@require_safe
def plan(request: AuthedRequest, key: str) -> HttpResponse:
    """The plan's activities, flagged where they and the chain's activities do not match."""
    access = get_partnership_for_user(request.user, key)
    partnership = access.partnership
    return render(
        request,
        "partnerships/plan/plan.html",
        {
            "partnership": partnership,
            "access": access,
            "activities": selectors.plan_activities(partnership),
            "sync": selectors.chain_sync(partnership),
            "removed": selectors.removed_plan_activities(partnership),
            "ways": selectors.ways_of_working(partnership),
            "pdf": _pdf_versions(access),
            "status": plan_status(partnership),
        },
    )


def _pdf_versions(access: Access) -> dict[str, object]:
    """The plan's PDF versions (the shared document pipeline in costing.documents)."""
    from costing.documents.views import versions_context

    return versions_context(access, "collaboration_plan")


@login_required
@require_POST
def plan_from_chain(request: AuthedRequest, key: str) -> HttpResponse:
    access = get_partnership_for_user(request.user, key, need="edit")
    created = services.plan_activities_from_chain(partnership=access.partnership)
    if created:
        messages.success(
            request,
            ngettext(
                "%(count)d plan activity was created from the chain.",
                "%(count)d plan activities were created from the chain.",
                len(created),
            )
            % {"count": len(created)},
        )
    else:
        messages.info(request, _("Every activity of the chain has a plan activity already."))
    return redirect(_plan_url(key))


@login_required
def activity_create(request: AuthedRequest, key: str) -> HttpResponse:
    access = get_partnership_for_user(request.user, key, need="edit")
    partnership = access.partnership
    form = PlanActivityForm(
        request.POST if request.method == "POST" else None,
        instance=PlanActivity(partnership=partnership),
        partnership=partnership,
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.plan_activity_create(partnership=partnership, **form.changes())
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The activity was added to the plan."))
            return redirect(_plan_url(key))
    return render(
        request,
        "partnerships/plan/activity_form.html",
        {"partnership": partnership, "access": access, "form": form},
        status=400 if form.errors else 200,
    )


@login_required
def activity_edit(request: AuthedRequest, key: str, pk: int) -> HttpResponse:
    access = get_partnership_for_user(request.user, key, need="edit")
    partnership = access.partnership
    activity = get_object_or_404(PlanActivity.objects.filter(partnership=partnership), pk=pk)
    return edit_page(
        request,
        PlanActivityForm(
            request.POST if request.method == "POST" else None,
            instance=activity,
            partnership=partnership,
        ),
        services.plan_activity_update,
        template="partnerships/plan/activity_form.html",
        context={"partnership": partnership, "access": access, "activity": activity},
        success_url=_plan_url(key),
        activity=activity,
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def activity_delete(request: AuthedRequest, key: str, pk: int) -> HttpResponse:
    """GET: what removing the activity changes; POST: remove it (softly, restorable)."""
    access = get_partnership_for_user(request.user, key, need="edit")
    partnership = access.partnership
    activity = get_object_or_404(PlanActivity.objects.filter(partnership=partnership), pk=pk)
    if request.method == "POST":
        services.plan_activity_remove(activity=activity)
        messages.success(
            request,
            _("“%(title)s” was removed. You can restore it under Removed plan activities.")
            % {"title": activity.title},
        )
        return redirect(_plan_url(key))
    return render(
        request,
        "partnerships/confirm.html",
        {
            "partnership": partnership,
            "access": access,
            "heading": _("Remove the plan activity “%(title)s”?") % {"title": activity.title},
            "changes": [
                _("The activity leaves the plan and its row leaves the RACI matrix."),
                _(
                    "If it carries out an activity of the chain, that chain activity is flagged "
                    "as having no plan activity."
                ),
            ],
            "undo": _(
                "You can restore the activity, with its RACI roles, under Removed plan activities."
            ),
            "confirm_label": _("Remove the plan activity"),
            "cancel_url": _plan_url(key),
        },
    )


@login_required
@require_POST
def activity_restore(request: AuthedRequest, key: str, pk: int) -> HttpResponse:
    access = get_partnership_for_user(request.user, key, need="edit")
    partnership = access.partnership
    activity = get_object_or_404(selectors.removed_plan_activities(partnership), pk=pk)
    services.plan_activity_restore(activity=activity)
    messages.success(request, _("“%(title)s” was restored.") % {"title": activity.title})
    return redirect(_plan_url(key))


# The RACI matrix ----------------------------------------------------------------------------


@login_required
@require_safe
def raci(request: AuthedRequest, key: str) -> HttpResponse:
    access = get_partnership_for_user(request.user, key)
    partnership = access.partnership
    matrix = selectors.raci_matrix(partnership)
    return render(
        request,
        "partnerships/plan/raci.html",
        {"partnership": partnership, "access": access, "matrix": matrix},
    )


@login_required
@require_POST
def raci_row(request: AuthedRequest, key: str, pk: int) -> HttpResponse:
    """Save cells of one row. The script posts one cell (`party_<id>=A`) with htmx and gets
    the row's new state back (its validation message, the idle-party flags of the columns and
    the announcement), swapped out of band so the cell that has the focus is never replaced;
    the row form without JavaScript posts the whole row and is redirected to the matrix."""
    access = get_partnership_for_user(request.user, key, need="edit")
    partnership = access.partnership
    activity = get_object_or_404(PlanActivity.objects.filter(partnership=partnership), pk=pk)
    parties = list(selectors.parties_of(partnership))
    form = RaciRowForm(request.POST, parties=parties)
    if not form.is_valid():
        message = " ".join(str(e) for errors in form.errors.values() for e in errors)
        if request.htmx:
            return HttpResponse(message, status=400, content_type="text/plain; charset=utf-8")
        messages.error(request, _("The row was not saved: %(reason)s") % {"reason": message})
        return render(
            request,
            "partnerships/plan/raci.html",
            {
                "partnership": partnership,
                "access": access,
                "matrix": selectors.raci_matrix(partnership),
            },
            status=400,
        )
    try:
        services.raci_set_row(activity=activity, roles=form.roles())
    except ValidationError as error:  # pragma: no cover - the form names current parties only
        return HttpResponse(" ".join(error.messages), status=400, content_type="text/plain")
    matrix = selectors.raci_matrix(partnership)
    if request.htmx:
        return render(
            request,
            "partnerships/plan/_raci_row_state.html",
            {"partnership": partnership, "matrix": matrix, "row": matrix.row_for(activity.pk)},
        )
    messages.success(request, _("Saved."))
    return redirect(f"{_raci_url(key)}#raci-row-{activity.pk}")


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def raci_pattern(request: AuthedRequest, key: str) -> HttpResponse:
    """GET: what the starting pattern fills in; POST: fill the empty cells with it."""
    access = get_partnership_for_user(request.user, key, need="edit")
    partnership = access.partnership
    if request.method == "POST":
        filled = services.raci_apply_pattern(partnership=partnership)
        messages.success(
            request,
            ngettext(
                "The starting pattern filled %(count)d empty cell.",
                "The starting pattern filled %(count)d empty cells.",
                filled,
            )
            % {"count": filled},
        )
        return redirect(_raci_url(key))
    return render(
        request,
        "partnerships/confirm.html",
        {
            "partnership": partnership,
            "access": access,
            "heading": _("Fill the empty cells with the typical roles?"),
            "changes": [
                _("The social entrepreneur is responsible (R): it runs the operation."),
                _(
                    "The lead municipality is accountable (A): it anchors the work in its own "
                    "organisation, opens doors and steps in when the entrepreneur flags a "
                    "problem. Where a row already has an accountable party, the municipality "
                    "is consulted (C) instead."
                ),
                _("A facilitator and a private actor are consulted (C)."),
                _("A funder and other parties are kept informed (I)."),
                _("Only empty cells are filled: roles already chosen stay as they are."),
            ],
            "undo": _(
                "Every cell can be changed or cleared afterwards, and the history shows what "
                "the pattern filled."
            ),
            "confirm_label": _("Fill the empty cells"),
            "cancel_url": _raci_url(key),
        },
    )


# Risks ---------------------------------------------------------------------------------------


def _risks_url(key: str) -> str:
    return reverse("partnerships:plan_risks", kwargs={"key": key})


@login_required
@require_safe
def risks(request: AuthedRequest, key: str) -> HttpResponse:
    """The plan's risks on a 3 × 3 grid of likelihood and consequence, and as a list."""
    access = get_partnership_for_user(request.user, key)
    partnership = access.partnership
    rows = list(selectors.risks_of(partnership))
    return render(
        request,
        "partnerships/plan/risks.html",
        {
            "partnership": partnership,
            "access": access,
            "risks": rows,
            "grid": selectors.risk_grid(rows),
            "removed": selectors.removed_risks(partnership),
        },
    )


@login_required
def risk_create(request: AuthedRequest, key: str) -> HttpResponse:
    access = get_partnership_for_user(request.user, key, need="edit")
    partnership = access.partnership
    form = RiskForm(
        request.POST if request.method == "POST" else None,
        instance=Risk(partnership=partnership),
        partnership=partnership,
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.risk_create(partnership=partnership, **form.changes())
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The risk was added."))
            return redirect(_risks_url(key))
    return render(
        request,
        "partnerships/plan/risk_form.html",
        {"partnership": partnership, "access": access, "form": form},
        status=400 if form.errors else 200,
    )


@login_required
def risk_edit(request: AuthedRequest, key: str, pk: int) -> HttpResponse:
    access = get_partnership_for_user(request.user, key, need="edit")
    partnership = access.partnership
    risk = get_object_or_404(Risk.objects.filter(partnership=partnership), pk=pk)
    return edit_page(
        request,
        RiskForm(
            request.POST if request.method == "POST" else None,
            instance=risk,
            partnership=partnership,
        ),
        services.risk_update,
        template="partnerships/plan/risk_form.html",
        context={"partnership": partnership, "access": access, "risk": risk},
        success_url=_risks_url(key),
        risk=risk,
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def risk_delete(request: AuthedRequest, key: str, pk: int) -> HttpResponse:
    """GET: what removing the risk changes; POST: remove it (softly, restorable)."""
    access = get_partnership_for_user(request.user, key, need="edit")
    partnership = access.partnership
    risk = get_object_or_404(Risk.objects.filter(partnership=partnership), pk=pk)
    if request.method == "POST":
        services.risk_remove(risk=risk)
        messages.success(
            request,
            _("“%(title)s” was removed. You can restore it under Removed risks.")
            % {"title": risk.title},
        )
        return redirect(_risks_url(key))
    return render(
        request,
        "partnerships/confirm.html",
        {
            "partnership": partnership,
            "access": access,
            "heading": _("Remove the risk “%(title)s”?") % {"title": risk.title},
            "changes": [
                _("The risk (%(level)s) leaves the list and the grid of risks.")
                % {"level": risk.level_label}
            ],
            "undo": _("You can restore the risk, as it was, under Removed risks."),
            "confirm_label": _("Remove the risk"),
            "cancel_url": _risks_url(key),
        },
    )


@login_required
@require_POST
def risk_restore(request: AuthedRequest, key: str, pk: int) -> HttpResponse:
    access = get_partnership_for_user(request.user, key, need="edit")
    partnership = access.partnership
    risk = get_object_or_404(selectors.removed_risks(partnership), pk=pk)
    services.risk_restore(risk=risk)
    messages.success(request, _("“%(title)s” was restored.") % {"title": risk.title})
    return redirect(_risks_url(key))


# Ways of working ---------------------------------------------------------------------------


@login_required
def ways_of_working_edit(request: AuthedRequest, key: str) -> HttpResponse:
    access = get_partnership_for_user(request.user, key, need="edit")
    partnership = access.partnership
    ways = selectors.ways_of_working(partnership)
    return edit_page(
        request,
        WaysOfWorkingForm(request.POST if request.method == "POST" else None, instance=ways),
        services.ways_of_working_update,
        template="partnerships/plan/ways_form.html",
        context={"partnership": partnership, "access": access},
        success_url=f"{_plan_url(key)}#ways",
        partnership=partnership,
    )
