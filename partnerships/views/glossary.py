"""The shared glossary (step 2): we mean the same thing when we use different words."""

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

from .. import selectors, services
from ..access import get_partnership_for_user
from ..forms import GlossaryTermForm
from ..models import GlossaryTerm
from .editing import edit_page


@login_required
@require_safe
def glossary_list(request: AuthedRequest, key: str) -> HttpResponse:
    access = get_partnership_for_user(request.user, key)
    partnership = access.partnership
    parties = list(selectors.partnership_parties(partnership))
    terms = list(selectors.glossary_terms(partnership))
    # A column per party that has written a meaning of some term: a partnership with many
    # parties keeps the table readable; the others are named below it.
    shown = [p for p in parties if any(term.meaning_for(p.pk) for term in terms)] or parties
    silent = [party.organisation.name for party in parties if party not in shown]
    rows = [(term, [term.meaning_for(party.pk) for party in shown]) for term in terms]
    return render(
        request,
        "partnerships/glossary_list.html",
        {
            "partnership": partnership,
            "access": access,
            "parties": shown,
            "silent_parties": silent,
            "rows": rows,
            "removed": selectors.removed_glossary_terms(partnership),
        },
    )


@login_required
def glossary_create(request: AuthedRequest, key: str) -> HttpResponse:
    access = get_partnership_for_user(request.user, key, need="edit")
    partnership = access.partnership
    form = GlossaryTermForm(
        request.POST if request.method == "POST" else None,
        instance=GlossaryTerm(partnership=partnership),
        parties=selectors.partnership_parties(partnership),
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.glossary_term_create(partnership=partnership, **form.changes())
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The term was added to the glossary."))
            return redirect("partnerships:glossary_list", key=partnership.key)
    return render(
        request,
        "partnerships/glossary_form.html",
        {"partnership": partnership, "access": access, "form": form},
        status=400 if form.errors else 200,
    )


@login_required
def glossary_edit(request: AuthedRequest, key: str, pk: int) -> HttpResponse:
    access = get_partnership_for_user(request.user, key, need="edit")
    partnership = access.partnership
    term = get_object_or_404(GlossaryTerm.objects.filter(partnership=partnership), pk=pk)
    return edit_page(
        request,
        GlossaryTermForm(
            request.POST if request.method == "POST" else None,
            instance=term,
            parties=selectors.partnership_parties(partnership),
        ),
        services.glossary_term_update,
        template="partnerships/glossary_form.html",
        context={"partnership": partnership, "access": access, "term": term},
        success_url=reverse("partnerships:glossary_list", kwargs={"key": partnership.key}),
        glossary_term=term,
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def glossary_delete(request: AuthedRequest, key: str, pk: int) -> HttpResponse:
    """GET: what removing the term changes; POST: remove it (softly, restorable)."""
    access = get_partnership_for_user(request.user, key, need="edit")
    partnership = access.partnership
    term = get_object_or_404(GlossaryTerm.objects.filter(partnership=partnership), pk=pk)
    if request.method == "POST":
        services.glossary_term_remove(glossary_term=term)
        messages.success(
            request,
            _("“%(term)s” was removed. You can restore it under Removed terms.")
            % {"term": term.term},
        )
        return redirect("partnerships:glossary_list", key=partnership.key)
    return render(
        request,
        "partnerships/confirm.html",
        {
            "partnership": partnership,
            "access": access,
            "heading": _("Remove the term “%(term)s” from the glossary?") % {"term": term.term},
            "changes": [
                _("The term, each party's meaning and the agreed meaning leave the glossary."),
            ],
            "undo": _("You can restore the term, as it was, under Removed terms."),
            "confirm_label": _("Remove the term"),
            "cancel_url": reverse("partnerships:glossary_list", kwargs={"key": partnership.key}),
        },
    )


@login_required
@require_POST
def glossary_restore(request: AuthedRequest, key: str, pk: int) -> HttpResponse:
    access = get_partnership_for_user(request.user, key, need="edit")
    partnership = access.partnership
    term = get_object_or_404(selectors.removed_glossary_terms(partnership), pk=pk)
    try:
        services.glossary_term_restore(glossary_term=term)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("“%(term)s” was restored.") % {"term": term.term})
    return redirect("partnerships:glossary_list", key=partnership.key)
