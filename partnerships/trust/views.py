"""Step 2's perspectives and organisational contexts: side by side, and one party's edit page."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe

from config.http import AuthedRequest

from ..access import get_partnership_for_user
from ..models import Party
from ..views.editing import edit_page
from . import selectors, services
from .forms import OrganisationalContextForm, PerspectiveForm
from .models import OrganisationalContext, Perspective


@dataclass(frozen=True)
class Kind:
    model: type[Perspective] | type[OrganisationalContext]
    form: type[PerspectiveForm] | type[OrganisationalContextForm]
    service: Any
    list_url: str
    edit_url: str
    template: str
    edit_heading: str | Promise
    # The other parties' answers shown beside the form, to write with them in mind.
    beside: tuple[str, ...]


PERSPECTIVES = Kind(
    Perspective,
    PerspectiveForm,
    services.perspective_save,
    "partnerships:perspective_list",
    "partnerships:perspective_edit",
    "partnerships/trust/perspectives.html",
    _("Perspective of %(party)s"),
    ("brings", "needs"),
)
CONTEXTS = Kind(
    OrganisationalContext,
    OrganisationalContextForm,
    services.organisational_context_save,
    "partnerships:context_list",
    "partnerships:context_edit",
    "partnerships/trust/contexts.html",
    _("Organisational context of %(party)s"),
    ("current_work",),
)


@login_required
@require_safe
def perspective_list(request: AuthedRequest, key: str) -> HttpResponse:
    access = get_partnership_for_user(request.user, key)
    table = selectors.side_by_side(access.partnership, Perspective)
    needs = selectors.needs_and_offers(table)
    return render(
        request,
        PERSPECTIVES.template,
        {
            "partnership": access.partnership,
            "access": access,
            "table": table,
            "edit_url": PERSPECTIVES.edit_url,
            "met": [need for need in needs if need.offers],
            "unmet": [need for need in needs if not need.offers],
            "constraints": selectors.said(table, "constraints"),
        },
    )


@login_required
@require_safe
def context_list(request: AuthedRequest, key: str) -> HttpResponse:
    access = get_partnership_for_user(request.user, key)
    table = selectors.side_by_side(access.partnership, OrganisationalContext)
    return render(
        request,
        CONTEXTS.template,
        {
            "partnership": access.partnership,
            "access": access,
            "table": table,
            "edit_url": CONTEXTS.edit_url,
            "overlaps": selectors.said(table, "overlaps"),
            "shared_work": selectors.shared_work(table),
            "harm": selectors.said(table, "possible_harm"),
        },
    )


def _edit(request: AuthedRequest, key: str, pk: int, kind: Kind) -> HttpResponse:
    access = get_partnership_for_user(request.user, key, need="edit")
    partnership = access.partnership
    party = get_object_or_404(
        Party.objects.filter(partnership=partnership).select_related("organisation"), pk=pk
    )
    record = selectors.party_answers(partnership, party, kind.model)
    table = selectors.side_by_side(partnership, kind.model)
    questions = [q for q in table.questions if q.field in kind.beside]
    others = [
        (column.name, [(q.label, column.answers[q.field]) for q in questions])
        for column in table.columns
        if column.party.pk != party.pk and any(column.answers[q.field] for q in questions)
    ]
    heading = kind.edit_heading % {"party": party.organisation.name}
    list_url = reverse(kind.list_url, kwargs={"key": partnership.key})
    return edit_page(
        request,
        kind.form(request.POST if request.method == "POST" else None, instance=record),
        kind.service,
        template="partnerships/trust/answers_form.html",
        context={
            "partnership": partnership,
            "access": access,
            "party": party,
            "heading": heading,
            "list_url": list_url,
            "others": others,
        },
        success_url=list_url,
        partnership=partnership,
        party=party,
    )


@login_required
def perspective_edit(request: AuthedRequest, key: str, pk: int) -> HttpResponse:
    return _edit(request, key, pk, PERSPECTIVES)


@login_required
def context_edit(request: AuthedRequest, key: str, pk: int) -> HttpResponse:
    return _edit(request, key, pk, CONTEXTS)
