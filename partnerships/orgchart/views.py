"""The organisation chart, a party's responsible unit, and picking steering documents."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from config.forms import parse_int
from config.http import AuthedRequest

from ..access import get_organisation_for_user, get_partnership_for_user, organisations_editable_by
from ..models import Organisation, OrgUnit, Party
from ..views.editing import edit_page
from . import selectors, services
from .forms import OrgUnitForm, PartyUnitForm


def _chart_url(organisation: Organisation) -> str:
    return reverse("partnerships:organisation_chart", kwargs={"pk": organisation.pk})


@login_required
@require_safe
def organisation_chart(request: AuthedRequest, pk: str) -> HttpResponse:
    """The chart as an indented tree; `q` highlights the units whose name or legal
    responsibility areas contain every word."""
    organisation = get_organisation_for_user(request.user, pk)
    can_edit = organisations_editable_by(request.user).filter(pk=organisation.pk).exists()
    query = request.GET.get("q", "").strip()[:100]
    tree, matches = selectors.chart(organisation, query)
    return render(
        request,
        "partnerships/orgchart/chart.html",
        {
            "organisation": organisation,
            "can_edit": can_edit,
            "tree": tree,
            "query": query,
            "matches": matches,
            "removed": selectors.removed_units(organisation),
            "documents": selectors.organisation_documents(organisation),
            "changes": selectors.unit_changes(organisation, request.user),
        },
    )


@login_required
def unit_create(request: AuthedRequest, pk: str) -> HttpResponse:
    organisation = get_organisation_for_user(request.user, pk, need="edit")
    parent_id = parse_int(request.GET.get("parent", ""))
    parent = (
        OrgUnit.objects.filter(organisation=organisation, pk=parent_id).first()
        if parent_id is not None
        else None
    )
    form = OrgUnitForm(
        request.POST if request.method == "POST" else None,
        instance=OrgUnit(organisation=organisation),
        initial={"parent": parent},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.unit_create(organisation=organisation, **form.changes())
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The unit was added to the chart."))
            return redirect(_chart_url(organisation))
    return render(
        request,
        "partnerships/orgchart/unit_form.html",
        {"organisation": organisation, "form": form},
        status=400 if form.errors else 200,
    )


@login_required
def unit_edit(request: AuthedRequest, pk: str, unit_pk: int) -> HttpResponse:
    organisation = get_organisation_for_user(request.user, pk, need="edit")
    unit = get_object_or_404(OrgUnit.objects.filter(organisation=organisation), pk=unit_pk)
    return edit_page(
        request,
        OrgUnitForm(request.POST if request.method == "POST" else None, instance=unit),
        services.unit_update,
        template="partnerships/orgchart/unit_form.html",
        context={"organisation": organisation, "unit": unit},
        success_url=_chart_url(organisation),
        unit=unit,
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def unit_remove(request: AuthedRequest, pk: str, unit_pk: int) -> HttpResponse:
    """GET: what removing the unit (and the units under it) changes; POST: remove them."""
    organisation = get_organisation_for_user(request.user, pk, need="edit")
    unit = get_object_or_404(OrgUnit.objects.filter(organisation=organisation), pk=unit_pk)
    if request.method == "POST":
        removed = services.unit_remove(unit=unit)
        messages.success(
            request,
            _("“%(name)s” was removed (%(count)s units in all). You can restore it below.")
            % {"name": unit.name, "count": len(removed)},
        )
        return redirect(_chart_url(organisation))
    below = services.subtree_of(unit)
    named_by_a_party = Party.all_objects.filter(unit=unit).exists()
    changes = [
        _("The unit leaves the chart and the choices of units."),
        _(
            "Parties and steering documents that name it keep the link, shown as removed, "
            "until it is restored."
        ),
    ]
    if named_by_a_party:
        changes.append(_("At least one party names it as its responsible unit."))
    return render(
        request,
        "partnerships/orgchart/confirm.html",
        {
            "organisation": organisation,
            "heading": _("Remove the unit “%(name)s”?") % {"name": unit.name},
            "changes": changes,
            "below": below,
            "undo": _("You can restore the unit, with the units under it, under Removed units."),
            "confirm_label": _("Remove the unit"),
            "cancel_url": _chart_url(organisation),
        },
    )


@login_required
@require_POST
def unit_restore(request: AuthedRequest, pk: str, unit_pk: int) -> HttpResponse:
    organisation = get_organisation_for_user(request.user, pk, need="edit")
    unit = get_object_or_404(selectors.removed_units(organisation), pk=unit_pk)
    try:
        services.unit_restore(unit=unit)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("“%(name)s” was restored.") % {"name": unit.name})
    return redirect(_chart_url(organisation))


# A party's responsible unit ----------------------------------------------------------------


@login_required
def party_unit(request: AuthedRequest, key: str, pk: int) -> HttpResponse:
    """Name the unit of a party's organisation that carries the legal responsibility."""
    access = get_partnership_for_user(request.user, key, need="edit")
    partnership = access.partnership
    party = get_object_or_404(
        Party.objects.filter(partnership=partnership).select_related("organisation"), pk=pk
    )
    return edit_page(
        request,
        PartyUnitForm(request.POST if request.method == "POST" else None, instance=party),
        services.party_unit_update,
        template="partnerships/orgchart/party_unit_form.html",
        context={"partnership": partnership, "access": access, "party": party},
        success_url=reverse("partnerships:parties", kwargs={"key": partnership.key}),
        party=party,
    )


# Steering documents a partnership uses -----------------------------------------------------


@login_required
@require_POST
def steering_use(request: AuthedRequest, key: str, pk: int) -> HttpResponse:
    """Use a document of one of the parties' organisations."""
    access = get_partnership_for_user(request.user, key, need="edit")
    partnership = access.partnership
    document = get_object_or_404(selectors.documents_available(partnership), pk=pk)
    services.steering_document_use(partnership=partnership, document=document)
    messages.success(
        request,
        _("The partnership now uses “%(title)s”: goals can be anchored in it.")
        % {"title": document.title},
    )
    return redirect("partnerships:steering_list", key=partnership.key)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def steering_drop(request: AuthedRequest, key: str, pk: int) -> HttpResponse:
    """GET: what stopping to use the document changes; POST: stop (refused while anchored)."""
    access = get_partnership_for_user(request.user, key, need="edit")
    partnership = access.partnership
    document = get_object_or_404(selectors.documents_used(partnership), pk=pk)
    list_url = reverse("partnerships:steering_list", kwargs={"key": partnership.key})
    anchored = services.anchored_goals(partnership, document)
    if request.method == "POST":
        try:
            services.steering_document_drop(partnership=partnership, document=document)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request,
                _("The partnership no longer uses “%(title)s”.") % {"title": document.title},
            )
        return redirect(list_url)
    blocked = ""
    if anchored:
        blocked = _(
            "Goals of this partnership are anchored in it: %(goals)s. Remove the anchoring in "
            "the theory of change first."
        ) % {"goals": ", ".join(anchored)}
    return render(
        request,
        "partnerships/confirm.html",
        {
            "partnership": partnership,
            "access": access,
            "heading": _("Stop using “%(title)s”?") % {"title": document.title},
            "changes": [
                _("The document leaves this partnership's list and the choices for anchoring."),
                _("It stays with %(owner)s, for other partnerships and to pick again later.")
                % {"owner": document.owner_label or _("the partnership where it was entered")},
            ],
            "undo": _("You can pick it again under Documents of your parties."),
            "blocked": blocked,
            "confirm_label": _("Stop using it"),
            "cancel_url": list_url,
        },
    )
