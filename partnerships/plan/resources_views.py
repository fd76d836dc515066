"""What each party brings and lacks, where a need meets an offer, and the fair-share view of
hours, costs and roles (step 4, resources and competences)."""

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

from ..access import get_partnership_for_user
from ..views.editing import edit_page
from . import resources_rules, resources_selectors, resources_services
from .resources import ResourceItem
from .resources_forms import ResourceItemForm


def _resources_url(key: str) -> str:
    return reverse("partnerships:plan_resources", kwargs={"key": key})


@login_required
@require_safe
def resources(request: AuthedRequest, key: str) -> HttpResponse:
    access = get_partnership_for_user(request.user, key)
    partnership = access.partnership
    page = resources_selectors.resources_page(partnership)
    return render(
        request,
        "partnerships/plan/resources.html",
        {
            "partnership": partnership,
            "access": access,
            "page": page,
            "share": resources_selectors.fair_share(partnership, page.parties),
            "unfair_share": resources_rules.UNFAIR_SHARE,
            "removed": resources_selectors.removed_items(partnership),
        },
    )


def _initial(request: AuthedRequest) -> dict[str, object]:
    """What the links of the page fill in: ?party=<id>&kind=<kind>&direction=<direction>."""
    initial: dict[str, object] = {}
    party = parse_int(request.GET.get("party", ""))
    if party is not None:
        initial["party"] = party
    kind = request.GET.get("kind", "")
    if kind in ResourceItem.Kind.values:
        initial["kind"] = kind
    direction = request.GET.get("direction", "")
    if direction in ResourceItem.Direction.values:
        initial["direction"] = direction
    return initial


@login_required
def resource_create(request: AuthedRequest, key: str) -> HttpResponse:
    access = get_partnership_for_user(request.user, key, need="edit")
    partnership = access.partnership
    form = ResourceItemForm(
        request.POST if request.method == "POST" else None,
        instance=ResourceItem(partnership=partnership),
        partnership=partnership,
        initial=_initial(request),
    )
    if request.method == "POST" and form.is_valid():
        try:
            resources_services.resource_item_create(partnership=partnership, **form.changes())
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Saved."))
            return redirect(_resources_url(key))
    return render(
        request,
        "partnerships/plan/resources_form.html",
        {"partnership": partnership, "access": access, "form": form},
        status=400 if form.errors else 200,
    )


@login_required
def resource_edit(request: AuthedRequest, key: str, pk: int) -> HttpResponse:
    access = get_partnership_for_user(request.user, key, need="edit")
    partnership = access.partnership
    item = get_object_or_404(ResourceItem.objects.filter(partnership=partnership), pk=pk)
    return edit_page(
        request,
        ResourceItemForm(
            request.POST if request.method == "POST" else None,
            instance=item,
            partnership=partnership,
        ),
        resources_services.resource_item_update,
        template="partnerships/plan/resources_form.html",
        context={"partnership": partnership, "access": access, "item": item},
        success_url=_resources_url(key),
        item=item,
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def resource_delete(request: AuthedRequest, key: str, pk: int) -> HttpResponse:
    """GET: what removing the item changes; POST: remove it (softly, restorable)."""
    access = get_partnership_for_user(request.user, key, need="edit")
    partnership = access.partnership
    item = get_object_or_404(
        ResourceItem.objects.filter(partnership=partnership).select_related("party__organisation"),
        pk=pk,
    )
    if request.method == "POST":
        resources_services.resource_item_remove(item=item)
        messages.success(
            request,
            _("“%(item)s” was removed. You can restore it under Removed resources.")
            % {"item": item.description},
        )
        return redirect(_resources_url(key))
    return render(
        request,
        "partnerships/confirm.html",
        {
            "partnership": partnership,
            "access": access,
            "heading": _("Remove “%(item)s”?") % {"item": item.description},
            "changes": [
                _(
                    "It leaves what %(party)s brings and lacks, and the matching of needs and "
                    "offers."
                )
                % {"party": item.party.organisation.name},
            ],
            "undo": _("You can restore it, as it was, under Removed resources."),
            "confirm_label": _("Remove"),
            "cancel_url": _resources_url(key),
        },
    )


@login_required
@require_POST
def resource_restore(request: AuthedRequest, key: str, pk: int) -> HttpResponse:
    access = get_partnership_for_user(request.user, key, need="edit")
    partnership = access.partnership
    item = get_object_or_404(resources_selectors.removed_items(partnership), pk=pk)
    resources_services.resource_item_restore(item=item)
    messages.success(request, _("“%(item)s” was restored.") % {"item": item.description})
    return redirect(_resources_url(key))
