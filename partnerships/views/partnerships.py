"""Dashboard, creating and editing a partnership, its overview and parties."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from config.http import AuthedRequest

from .. import selectors, services
from ..access import get_partnership_for_user, organisations_visible_to
from ..forms import PartnershipForm, PartyForm
from ..steps import evaluate_steps, suggested_next


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
        {"memberships": memberships, "invitations": invitations},
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
        },
    )


@login_required
def partnership_edit(request: AuthedRequest, key: str) -> HttpResponse:
    access = get_partnership_for_user(request.user, key, need="edit")
    partnership = access.partnership
    form = PartnershipForm(request.POST or None, instance=partnership)
    if request.method == "POST" and form.is_valid() and form.save_checked():
        messages.success(request, _("Saved."))
        return redirect(partnership)
    return render(
        request,
        "partnerships/partnership_form.html",
        {"form": form, "partnership": partnership, "access": access},
    )


@login_required
@require_safe
def parties(request: AuthedRequest, key: str) -> HttpResponse:
    access = get_partnership_for_user(request.user, key)
    partnership = access.partnership
    form = None
    if access.can_edit:
        form = PartyForm(organisations=organisations_visible_to(request.user))
    return render(
        request,
        "partnerships/parties.html",
        {
            "partnership": partnership,
            "access": access,
            "parties": selectors.partnership_parties(partnership),
            "form": form,
        },
    )


@login_required
@require_POST
def party_add(request: AuthedRequest, key: str) -> HttpResponse:
    access = get_partnership_for_user(request.user, key, need="edit")
    partnership = access.partnership
    form = PartyForm(request.POST, organisations=organisations_visible_to(request.user))
    if form.is_valid():
        try:
            services.party_add(partnership=partnership, **form.cleaned_data)
        except ValidationError as error:
            form.add_error("organisation", error)
        else:
            messages.success(request, _("The party was added."))
            return redirect("partnerships:parties", key=partnership.key)
    return render(
        request,
        "partnerships/parties.html",
        {
            "partnership": partnership,
            "access": access,
            "parties": selectors.partnership_parties(partnership),
            "form": form,
        },
        status=400,
    )


@login_required
@require_POST
def party_remove(request: AuthedRequest, key: str, pk: int) -> HttpResponse:
    access = get_partnership_for_user(request.user, key, need="edit")
    partnership = access.partnership
    party = get_object_or_404(partnership.parties, pk=pk)
    services.party_remove(party=party)
    messages.success(
        request, _("%(organisation)s is no longer a party.") % {"organisation": party.organisation}
    )
    return redirect("partnerships:parties", key=partnership.key)
