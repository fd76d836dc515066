"""Organisations: the register of actors a user works with."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from accounts.models import User
from config.http import AuthedRequest

from .. import selectors, services
from ..access import (
    get_organisation_for_user,
    organisations_editable_by,
    organisations_visible_to,
    people_known_to,
)
from ..concurrency import EditConflict
from ..forms import OrganisationForm
from ..models import Organisation
from ..orgchart.selectors import organisation_documents
from .editing import edit_page


@login_required
@require_safe
def organisation_list(request: AuthedRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()[:100]
    organisations = organisations_visible_to(request.user).select_related("home_municipality")
    if query:
        organisations = organisations.filter(name__icontains=query)
    page = Paginator(organisations.order_by("name"), 50).get_page(request.GET.get("page"))
    return render(request, "partnerships/organisation_list.html", {"page": page, "query": query})


@login_required
def organisation_create(request: AuthedRequest) -> HttpResponse:
    form = OrganisationForm(request.POST or None)
    # Registering on the way somewhere (adding a candidate): go back there afterwards.
    back = request.GET.get("next", "")[:500]
    if not back.startswith("/") or not url_has_allowed_host_and_scheme(
        back, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        back = ""
    if request.method == "POST" and form.is_valid():
        try:
            organisation = services.organisation_create(user=request.user, **form.field_values())
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The organisation was registered."))
            return redirect(back or organisation)
    status = 400 if request.method == "POST" else 200
    return render(request, "partnerships/organisation_form.html", {"form": form}, status=status)


@login_required
@require_safe
def organisation_detail(request: AuthedRequest, pk: str) -> HttpResponse:
    organisation = get_organisation_for_user(request.user, pk)
    can_edit = organisations_editable_by(request.user).filter(pk=organisation.pk).exists()
    return render(
        request,
        "partnerships/organisation_detail.html",
        {
            "organisation": organisation,
            "can_edit": can_edit,
            "parties": selectors.organisation_parties_for(organisation, request.user),
            "changes": selectors.organisation_changes(organisation, request.user),
            "documents": organisation_documents(organisation),
        },
    )


def _update_as_seen_by(viewer: User) -> Callable[..., Organisation]:
    """organisation_update, with a conflict naming its author only if `viewer` may know them."""

    def update(**kwargs: Any) -> Organisation:
        try:
            return services.organisation_update(**kwargs)
        except EditConflict as conflict:
            latest = conflict.current.history.first()  # type: ignore[attr-defined]
            author = latest.history_user_id if latest is not None else None
            if author is not None and not people_known_to(viewer, {author}):
                conflict.by = str(_("someone outside your partnerships"))
            raise

    return update


@login_required
def organisation_edit(request: AuthedRequest, pk: str) -> HttpResponse:
    organisation = get_organisation_for_user(request.user, pk, need="edit")
    return edit_page(
        request,
        OrganisationForm(request.POST or None, instance=organisation),
        _update_as_seen_by(request.user),
        template="partnerships/organisation_form.html",
        context={"organisation": organisation},
        success_url=organisation,
        organisation=organisation,
    )
