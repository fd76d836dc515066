"""Dashboard, creating and editing a partnership, its overview, parties and history."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from .. import selectors, services
from ..access import get_partnership_for_user, organisations_visible_to
from ..forms import PartnershipForm, PartyForm
from ..history import partnership_history
from ..models import Partnership
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
def dashboard(request: HttpRequest) -> HttpResponse:
    memberships = selectors.partnerships_for_user(request.user)
    invitations = selectors.pending_invitations_for_user(request.user)
    return render(
        request,
        "partnerships/dashboard.html",
        {"memberships": memberships, "invitations": invitations},
    )


@login_required
def partnership_create(request: HttpRequest) -> HttpResponse:
    form = PartnershipForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        partnership = services.partnership_create(user=request.user, **form.field_values())
        messages.success(request, _("The partnership was created. You are its owner."))
        return redirect(partnership)
    return render(request, "partnerships/partnership_form.html", {"form": form})


@login_required
@require_safe
def overview(request: HttpRequest, key: str) -> HttpResponse:
    partnership = selectors.with_overview_data(get_partnership_for_user(request.user, key))
    steps = evaluate_steps(partnership)
    return render(
        request,
        "partnerships/overview.html",
        {
            "partnership": partnership,
            "steps": steps,
            "next": suggested_next(steps),
            "parties": partnership.parties.all(),
        },
    )


@login_required
def partnership_edit(request: HttpRequest, key: str) -> HttpResponse:
    partnership = get_partnership_for_user(request.user, key, need="edit")
    form = PartnershipForm(request.POST or None, instance=partnership)
    if request.method == "POST" and form.is_valid() and form.save_checked():
        messages.success(request, _("Saved."))
        return redirect(partnership)
    return render(
        request, "partnerships/partnership_form.html", {"form": form, "partnership": partnership}
    )


@login_required
@require_safe
def parties(request: HttpRequest, key: str) -> HttpResponse:
    partnership = get_partnership_for_user(request.user, key)
    form = None
    if partnership.membership.can_edit:  # type: ignore[attr-defined]
        form = PartyForm(organisations=organisations_visible_to(request.user))
    return render(
        request,
        "partnerships/parties.html",
        {
            "partnership": partnership,
            "parties": selectors.partnership_parties(partnership),
            "form": form,
        },
    )


@login_required
@require_POST
def party_add(request: HttpRequest, key: str) -> HttpResponse:
    partnership = get_partnership_for_user(request.user, key, need="edit")
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
            "parties": selectors.partnership_parties(partnership),
            "form": form,
        },
        status=400,
    )


@login_required
@require_POST
def party_remove(request: HttpRequest, key: str, pk: int) -> HttpResponse:
    partnership = get_partnership_for_user(request.user, key, need="edit")
    party = get_object_or_404(partnership.parties, pk=pk)
    services.party_remove(party=party)
    messages.success(
        request, _("%(organisation)s is no longer a party.") % {"organisation": party.organisation}
    )
    return redirect("partnerships:parties", key=partnership.key)


@login_required
@require_safe
def history(request: HttpRequest, key: str) -> HttpResponse:
    partnership: Partnership = get_partnership_for_user(request.user, key)
    try:
        page = max(1, int(request.GET.get("page", "1")))
    except ValueError:
        page = 1
    page = min(page, 200)
    entries = partnership_history(partnership, page=page)
    return render(
        request,
        "partnerships/history.html",
        {
            "partnership": partnership,
            "entries": entries,
            "page": page,
            "has_next": len(entries) == 50,
        },
    )
