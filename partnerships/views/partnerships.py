"""Dashboard, creating and editing a partnership, its overview and parties."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from config.http import AuthedRequest

from .. import selectors, services
from ..access import Access, get_partnership_for_user, organisations_visible_to
from ..contacts.selectors import overdue_relationship_actions
from ..forms import PartnershipForm, PartyForm
from ..meetings import selectors as meeting_selectors
from ..steps import evaluate_steps, suggested_next
from .editing import edit_page


@require_safe
def home(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("partnerships:dashboard")
    return render(request, "home.html")


@require_safe
def accessibility(request: HttpRequest) -> HttpResponse:
    return render(request, "accessibility.html")


@login_required
@require_safe
def dashboard(request: AuthedRequest) -> HttpResponse:
    memberships = selectors.partnerships_for_user(request.user)
    invitations = selectors.pending_invitations_for_user(request.user)
    return render(
        request,
        "partnerships/dashboard.html",
        {
            "memberships": memberships,
            "invitations": invitations,
            "deadlines": selectors.funding_deadlines_soon(user=request.user),
            "soon_days": selectors.DEADLINE_SOON_DAYS,
        },
    )


@login_required
def partnership_create(request: AuthedRequest) -> HttpResponse:
    form = PartnershipForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        partnership = services.partnership_create(user=request.user, **form.field_values())
        messages.success(request, _("The partnership was created. You are its owner."))
        return redirect(partnership)
    return render(request, "partnerships/partnership_form.html", {"form": form})


@login_required
@require_safe
def overview(request: AuthedRequest, key: str) -> HttpResponse:
    access = get_partnership_for_user(request.user, key)
    partnership = selectors.with_overview_data(access.partnership)
    steps = evaluate_steps(partnership)
    return render(
        request,
        "partnerships/overview.html",
        {
            "partnership": partnership,
            "access": access,
            "steps": steps,
            "next": suggested_next(steps),
            "parties": partnership.parties.all(),
            "deadlines": selectors.funding_deadlines_soon(partnership=partnership),
            "soon_days": selectors.DEADLINE_SOON_DAYS,
            "overdue_relationship_actions": overdue_relationship_actions(partnership),
            "action_counts": meeting_selectors.action_counts(partnership),
        },
    )


@login_required
def partnership_edit(request: AuthedRequest, key: str) -> HttpResponse:
    access = get_partnership_for_user(request.user, key, need="edit")
    partnership = access.partnership
    return edit_page(
        request,
        PartnershipForm(request.POST or None, instance=partnership),
        services.partnership_update,
        template="partnerships/partnership_form.html",
        context={"partnership": partnership, "access": access},
        success_url=partnership,
        partnership=partnership,
    )


def _parties_page(
    request: AuthedRequest, access: Access, form: PartyForm | None, status: int = 200
) -> HttpResponse:
    partnership = access.partnership
    return render(
        request,
        "partnerships/parties.html",
        {
            "partnership": partnership,
            "access": access,
            "parties": selectors.partnership_parties(partnership),
            "removed": selectors.removed_parties(partnership),
            "form": form,
        },
        status=status,
    )


@login_required
@require_safe
def parties(request: AuthedRequest, key: str) -> HttpResponse:
    access = get_partnership_for_user(request.user, key)
    form = None
    if access.can_edit:
        form = PartyForm(organisations=organisations_visible_to(request.user))
    return _parties_page(request, access, form)


@login_required
@require_POST
def party_add(request: AuthedRequest, key: str) -> HttpResponse:
    access = get_partnership_for_user(request.user, key, need="edit")
    partnership = access.partnership
    form = PartyForm(request.POST, organisations=organisations_visible_to(request.user))
    if form.is_valid():
        try:
            services.party_add(partnership=partnership, **form.party_values())
        except ValidationError as error:
            form.add_error("organisation", error)
        else:
            messages.success(request, _("The party was added."))
            return redirect("partnerships:parties", key=partnership.key)
    return _parties_page(request, access, form, status=400)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def party_remove(request: AuthedRequest, key: str, pk: int) -> HttpResponse:
    """GET: what removing the party changes; POST: remove it (softly, restorable)."""
    access = get_partnership_for_user(request.user, key, need="edit")
    partnership = access.partnership
    party = get_object_or_404(partnership.parties.select_related("organisation"), pk=pk)
    if request.method == "POST":
        services.party_remove(party=party)
        messages.success(
            request,
            _("%(organisation)s is no longer a party. You can restore it under Removed parties.")
            % {"organisation": party.organisation},
        )
        return redirect("partnerships:parties", key=partnership.key)
    return render(
        request,
        "partnerships/confirm.html",
        {
            "partnership": partnership,
            "access": access,
            "heading": _("Remove %(organisation)s as a party?")
            % {"organisation": party.organisation},
            "changes": [
                _(
                    "%(organisation)s (%(part)s) leaves the list of parties and the choices for "
                    "a responsible party."
                )
                % {"organisation": party.organisation, "part": party.get_part_display()},
                _(
                    "The organisation stays in the organisation registry, and the partnership's "
                    "members can still find it there."
                ),
                _("Records that name it as responsible keep it, marked as a removed party."),
            ],
            "referring": selectors.records_referring_to(party),
            "referring_intro": _("These records name the party and keep it:"),
            "undo": _("You can restore the party, as it was, under Removed parties."),
            "confirm_label": _("Remove the party"),
            "cancel_url": reverse("partnerships:parties", kwargs={"key": partnership.key}),
        },
    )


@login_required
@require_POST
def party_restore(request: AuthedRequest, key: str, pk: int) -> HttpResponse:
    access = get_partnership_for_user(request.user, key, need="edit")
    partnership = access.partnership
    party = get_object_or_404(selectors.removed_parties(partnership), pk=pk)
    services.party_restore(party=party)
    messages.success(
        request,
        _("%(organisation)s is a party again.") % {"organisation": party.organisation},
    )
    return redirect("partnerships:parties", key=partnership.key)
