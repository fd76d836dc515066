"""The theory-of-change page, the shared picture, and editing the chain in place."""

from __future__ import annotations

from functools import partial
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.forms import BaseForm
from django.http import HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from config.forms import parse_int
from config.http import AuthedRequest
from partnerships.access import get_partnership_for_user
from partnerships.models import Partnership

from .. import selectors, services
from ..forms import IndicatorForm, LinkAddForm, LinkForm, NodeAddForm, NodeForm, SharedPictureForm
from ..models import Indicator, Link, Node
from .workspace import (
    Confirmation,
    Editing,
    confirm_delete,
    done,
    edit_in_place,
    invalid,
    refused,
    render_node_item,
    render_page,
)


def _node(partnership: Partnership, pk: int) -> Node:
    return get_object_or_404(Node.objects.filter(partnership=partnership), pk=pk)


@login_required
@require_safe
def page(request: AuthedRequest, key: str) -> HttpResponse:
    access = get_partnership_for_user(request.user, key)
    partnership = access.partnership
    node_pk = parse_int(request.GET.get("node", ""))
    if request.htmx and node_pk is not None:
        # "Cancel" on a form opened in place: the node as it was.
        return render_node_item(request, access, _node(partnership, node_pk).pk, None)
    return render_page(request, access)


@login_required
def shared_picture_edit(request: AuthedRequest, key: str) -> HttpResponse:
    access = get_partnership_for_user(request.user, key, need="edit")
    partnership = access.partnership
    toc = selectors.theory_of_change_for(partnership)
    form = SharedPictureForm(
        _posted(request),
        instance=toc,
        documents=selectors.steering_documents_of(partnership),
    )
    if (
        request.method == "POST"
        and form.is_valid()
        and form.submit(services.shared_picture_update, toc=toc) is not None
    ):
        messages.success(request, _("The shared picture was saved."))
        return redirect("theory_of_change:page", key=partnership.key)
    return render(
        request,
        "theory_of_change/shared_picture_form.html",
        {"partnership": partnership, "access": access, "form": form},
        status=400 if request.method == "POST" and form.errors and not form.conflict else 200,
    )


# Nodes -------------------------------------------------------------------------------------


def _posted(request: AuthedRequest) -> Any:
    return request.POST if request.method == "POST" else None


@login_required
@require_POST
def node_add(request: AuthedRequest, key: str) -> HttpResponse:
    access = get_partnership_for_user(request.user, key, need="edit")
    partnership = access.partnership
    form = NodeAddForm(request.POST)
    if form.is_valid():
        try:
            node = services.node_create(partnership=partnership, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            message = _("“%(title)s” was added as %(level)s.") % {
                "title": node.title,
                "level": node.get_level_display().lower(),
            }
            return done(request, access, message, node_pk=node.pk)
    return invalid(
        request,
        access,
        _("The node was not added: %(reason)s") % {"reason": _reason(form)},
        node_form=form,
        focus="#node-add-form",
    )


@login_required
def node_edit(request: AuthedRequest, key: str, pk: int) -> HttpResponse:
    access = get_partnership_for_user(request.user, key, need="edit")
    partnership = access.partnership
    node = _node(partnership, pk)
    documents = selectors.steering_documents_of(partnership)
    form = NodeForm(
        _posted(request),
        instance=node,
        documents=documents,
        needs=selectors.needs_of(partnership),
    )
    return edit_in_place(
        request,
        access,
        Editing("node", node.pk, form, node.pk, partial(services.node_update, node=node)),
        lambda: _("“%(title)s” was saved.") % {"title": node.title},
    )


@login_required
@require_POST
def node_move(request: AuthedRequest, key: str, pk: int) -> HttpResponse:
    """POST direction=up|down: the node changes place with its neighbour in the level."""
    access = get_partnership_for_user(request.user, key, need="edit")
    node = _node(access.partnership, pk)
    direction = request.POST.get("direction", "")
    if direction not in ("up", "down"):
        return HttpResponseBadRequest(_("Say whether to move the node up or down."))
    if services.node_move(node=node, direction=direction):
        message = (
            _("“%(title)s” was moved up.")
            if direction == "up"
            else _("“%(title)s” was moved down.")
        ) % {"title": node.title}
    else:
        message = (
            _("“%(title)s” is already first in its level.")
            if direction == "up"
            else _("“%(title)s” is already last in its level.")
        ) % {"title": node.title}
    return done(request, access, message, node_pk=node.pk)


UNDO = gettext_lazy("You can bring it back from the history page.")


def _confirmed(request: AuthedRequest) -> bool:
    return request.method == "POST" and request.POST.get("confirm") == "1"


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def node_delete(request: AuthedRequest, key: str, pk: int) -> HttpResponse:
    """GET (or a POST without `confirm`) asks first, saying what goes; POST confirm=1 deletes."""
    access = get_partnership_for_user(request.user, key, need="edit")
    partnership = access.partnership
    node = _node(partnership, pk)
    links, indicators = selectors.node_dependants(node)
    with_links = ngettext("%(count)d link", "%(count)d links", len(links)) % {"count": len(links)}
    with_indicators = ngettext("%(count)d indicator", "%(count)d indicators", len(indicators)) % {
        "count": len(indicators)
    }
    if not _confirmed(request):
        return confirm_delete(
            request,
            access,
            Confirmation(
                pk=node.pk,
                node_pk=node.pk,
                action=request.path,
                heading=_("Delete “%(title)s”?") % {"title": node.title},
                summary=_("The node goes, and with it %(links)s and %(indicators)s:")
                % {"links": with_links, "indicators": with_indicators}
                if links or indicators
                else _("The node goes; it has no links or indicators."),
                button=_("Delete the node"),
                items=links + [_("Indicator: %(name)s") % {"name": name} for name in indicators],
            ),
        )
    services.node_delete(node=node)
    message = _("“%(title)s” was deleted, with %(links)s and %(indicators)s. %(undo)s") % {
        "title": node.title,
        "links": with_links,
        "indicators": with_indicators,
        "undo": UNDO,
    }
    return done(request, access, message, level=node.level)


# Links -------------------------------------------------------------------------------------


def _link(partnership: Partnership, pk: int) -> Link:
    links = Link.objects.filter(partnership=partnership).select_related("source", "target")
    return get_object_or_404(links, pk=pk)


def _link_words(link: Link) -> dict[str, str]:
    return {"source": link.source.title, "target": link.target.title}


@login_required
@require_POST
def link_add(request: AuthedRequest, key: str) -> HttpResponse:
    access = get_partnership_for_user(request.user, key, need="edit")
    partnership = access.partnership
    form = LinkAddForm(request.POST, nodes=Node.objects.filter(partnership=partnership))
    if form.is_valid():
        try:
            link = services.link_create(partnership=partnership, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            message = _("“%(source)s” now leads to “%(target)s”.") % _link_words(link)
            return done(request, access, message, node_pk=link.source_id)
    return invalid(
        request,
        access,
        _("The link was not added: %(reason)s") % {"reason": _reason(form)},
        link_form=form,
        focus="#link-add-form",
    )


@login_required
def link_edit(request: AuthedRequest, key: str, pk: int) -> HttpResponse:
    access = get_partnership_for_user(request.user, key, need="edit")
    partnership = access.partnership
    link = _link(partnership, pk)
    form = LinkForm(_posted(request), instance=link)
    return edit_in_place(
        request,
        access,
        Editing("link", link.pk, form, link.source_id, partial(services.link_update, link=link)),
        lambda: _("The assumptions of “%(source)s” → “%(target)s” were saved.") % _link_words(link),
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def link_delete(request: AuthedRequest, key: str, pk: int) -> HttpResponse:
    access = get_partnership_for_user(request.user, key, need="edit")
    partnership = access.partnership
    link = _link(partnership, pk)
    if not _confirmed(request):
        return confirm_delete(
            request,
            access,
            Confirmation(
                pk=link.pk,
                node_pk=link.source_id,
                action=request.path,
                heading=_("Remove the link from “%(source)s” to “%(target)s”?") % _link_words(link),
                summary=_("Both nodes stay; the link and its assumptions go.")
                if link.assumptions
                else _("Both nodes stay; only the link goes."),
                button=_("Remove the link"),
                items=[link.assumptions] if link.assumptions else [],
            ),
        )
    services.link_delete(link=link)
    message = _("“%(source)s” no longer leads to “%(target)s”. %(undo)s") % {
        **_link_words(link),
        "undo": UNDO,
    }
    return done(request, access, message, node_pk=link.source_id)


# Indicators --------------------------------------------------------------------------------


@login_required
def indicator_add(request: AuthedRequest, key: str, pk: int) -> HttpResponse:
    access = get_partnership_for_user(request.user, key, need="edit")
    partnership = access.partnership
    node = _node(partnership, pk)
    form = IndicatorForm(
        _posted(request), instance=Indicator(node=node), parties=selectors.parties_of(partnership)
    )
    editing = Editing("indicator_add", node.pk, form, node.pk)
    if request.method != "POST":
        return render_node_item(request, access, node.pk, editing)
    if form.is_valid():
        try:
            indicator = services.indicator_create(node=node, **form.field_values())
        except ValidationError as error:
            form.add_error(None, error)
        else:
            message = _("The indicator “%(name)s” was added to “%(title)s”.") % {
                "name": indicator.name,
                "title": node.title,
            }
            return done(request, access, message, node_pk=node.pk)
    return refused(request, access, editing)


def _indicator(partnership: Partnership, pk: int) -> Indicator:
    indicators = Indicator.objects.filter(partnership=partnership).select_related("node")
    return get_object_or_404(indicators, pk=pk)


@login_required
def indicator_edit(request: AuthedRequest, key: str, pk: int) -> HttpResponse:
    access = get_partnership_for_user(request.user, key, need="edit")
    partnership = access.partnership
    indicator = _indicator(partnership, pk)
    form = IndicatorForm(
        _posted(request), instance=indicator, parties=selectors.parties_of(partnership)
    )
    return edit_in_place(
        request,
        access,
        Editing(
            "indicator",
            indicator.pk,
            form,
            indicator.node_id,
            partial(services.indicator_update, indicator=indicator),
        ),
        lambda: _("The indicator “%(name)s” was saved.") % {"name": indicator.name},
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def indicator_delete(request: AuthedRequest, key: str, pk: int) -> HttpResponse:
    access = get_partnership_for_user(request.user, key, need="edit")
    partnership = access.partnership
    indicator = _indicator(partnership, pk)
    if not _confirmed(request):
        return confirm_delete(
            request,
            access,
            Confirmation(
                pk=indicator.pk,
                node_pk=indicator.node_id,
                action=request.path,
                heading=_("Delete the indicator “%(name)s” of “%(title)s”?")
                % {"name": indicator.name, "title": indicator.node.title},
                summary=_(
                    "The indicator goes with its baseline, target, data source and frequency; "
                    "the outcome stays."
                ),
                button=_("Delete the indicator"),
            ),
        )
    services.indicator_delete(indicator=indicator)
    message = _("The indicator “%(name)s” was deleted. %(undo)s") % {
        "name": indicator.name,
        "undo": UNDO,
    }
    return done(request, access, message, node_pk=indicator.node_id)


def _reason(form: BaseForm) -> str:
    """The first error of a refused form, for the live region (the form shows them all)."""
    for name, errors in form.errors.items():
        if errors and name in form.fields:
            return f"{form.fields[name].label}: {errors[0]}"
        if errors:
            return str(errors[0])
    return _("see the form.")
