"""Rendering the theory-of-change page and its workspace, for full pages and htmx swaps.

Every write answers an htmx request with the whole workspace (chain editor, SMART panel,
diagram: they all change together), a status message for the live region (out of band) and
an event telling toc.js where to put the focus. Without htmx the same views redirect back to
the page (or render it with the form and its errors), so everything works without JavaScript.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from django.contrib import messages
from django.forms import BaseForm, Form
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django_htmx.http import trigger_client_event

from config.http import AuthedRequest
from partnerships.access import Access
from partnerships.concurrency import VersionedModelForm
from partnerships.models import Partnership, SteeringDocument

from .. import rules, selectors
from ..chain import ChainNode, field_label
from ..diagram import level_labels, participants_text, render_outline, render_svg
from ..forms import LinkAddForm, NodeAddForm
from ..models import Indicator, Level, TheoryOfChange
from ..shape import PICTURE_FIELDS, NeedSource
from ..smart import EXPLANATIONS, LETTER_NAMES, SmartLetter, SmartResult

TEMPLATE = "theory_of_change/page.html"


@dataclass
class Confirmation:
    """A deletion waiting for its confirmation, saying what it takes with it."""

    pk: int
    node_pk: int  # the node whose item shows it in place
    action: str  # the URL the confirmed deletion is posted to
    heading: str
    summary: str
    button: str
    items: list[str] = field(default_factory=list)


@dataclass
class Editing:
    """What is open in place: a node, a link, an indicator, a new indicator, or a deletion to
    confirm."""

    kind: str  # "node" | "link" | "indicator" | "indicator_add" | "delete"
    pk: int
    form: BaseForm
    node_pk: int  # the node whose item shows the form
    # The update service the form is submitted to (`form.submit`), given its record.
    save: Callable[..., object] | None = None
    confirm: Confirmation | None = None


# Texts repeated for every node: translated once per page, not once per node.
LABELS = {
    "goal": gettext_lazy("Goal:"),
    "smart_goal": gettext_lazy("SMART goal ✓"),
    "what_is_missing": gettext_lazy("what is missing"),
    "no_goal": gettext_lazy("No goal yet."),
    "indicator": gettext_lazy("Indicator"),
    "baseline": gettext_lazy("Baseline"),
    "target": gettext_lazy("Target"),
    "data_source": gettext_lazy("Data source"),
    "frequency": gettext_lazy("Frequency"),
    "responsible": gettext_lazy("Responsible"),
    "actions": gettext_lazy("Actions"),
    "by": gettext_lazy("by"),
    "edit": gettext_lazy("Edit"),
    "delete": gettext_lazy("Delete"),
    "leads_to": gettext_lazy("Leads to:"),
    "assumptions": gettext_lazy("Assumptions:"),
    "edit_assumptions": gettext_lazy("Edit assumptions"),
    "remove_link": gettext_lazy("Remove link"),
    "add_indicator": gettext_lazy("Add indicator"),
    "write_goal": gettext_lazy("Write the goal"),
    "move_up": gettext_lazy("Move up"),
    "move_down": gettext_lazy("Move down"),
    "answers_needs": gettext_lazy("Answers the needs:"),
    "qualitative": gettext_lazy("Qualitative"),
    "unlinked": gettext_lazy("Not linked: add a link to or from this node."),
    "unreached": gettext_lazy(
        "No activity leads here: link an activity to it, directly or through other steps."
    ),
}
PK = 2147483647  # a stand-in pk, replaced in the reversed URL
FRAGMENT_VERSION = 2  # raise when the node's markup changes, so no cached fragment outlives it


class Urls:
    """URLs of a partnership's chain records, reversed once per page instead of per record."""

    def __init__(self, key: str) -> None:
        self.patterns = {
            name: reverse(f"theory_of_change:{name}", kwargs={"key": key, "pk": PK})
            for name in (
                "node_edit",
                "node_delete",
                "node_move",
                "indicator_add",
                "indicator_edit",
                "indicator_delete",
                "link_edit",
                "link_delete",
                "need_edit",
                "need_delete",
            )
        }

    def __call__(self, name: str, pk: int) -> str:
        return self.patterns[name].replace(str(PK), str(pk))


def _fingerprint(key: str, can_edit: bool, node: ChainNode) -> str:
    smart = node.smart_result  # type: ignore[attr-defined]
    links = [
        (link.id, link.target, link.assumptions, link.target_node.title, link.target_node.level)
        for link in node.outgoing_links  # type: ignore[attr-defined]
    ]
    facts = (
        FRAGMENT_VERSION,
        get_language(),
        key,
        can_edit,
        node.is_first,  # type: ignore[attr-defined]
        node.is_last,  # type: ignore[attr-defined]
        repr(node),
        smart.passed_count if smart else None,
        links,
        node.loose,  # type: ignore[attr-defined]
        node.need_texts,  # type: ignore[attr-defined]
    )
    return hashlib.sha256(repr(facts).encode()).hexdigest()


def _fix_url(letter: SmartLetter, node: ChainNode, urls: Urls) -> str:
    """Where the field that fixes a failing SMART letter is: the node's form (opened at the
    field) or the indicator to complete (or a new one)."""
    if letter.passed or not letter.field:
        return ""
    if letter.field == "indicator":
        if letter.indicator is None:
            return urls("indicator_add", node.id) + f"#edit-form-indicator_add-{node.id}"
        return urls("indicator_edit", letter.indicator) + f"#edit-form-indicator-{letter.indicator}"
    anchor = f"div_id_{letter.field}" if letter.field in ("needs", "steering_documents") else ""
    return urls("node_edit", node.id) + f"#{anchor or 'id_' + letter.field}"


def _with_fixes(
    result: SmartResult | None, node: ChainNode, urls: Urls, can_edit: bool
) -> SmartResult | None:
    if result is None or not can_edit:
        return result
    return SmartResult(
        tuple(replace(letter, fix_url=_fix_url(letter, node, urls)) for letter in result.letters)
    )


def picture_rows(picture: Mapping[str, str]) -> list[tuple[str, str]]:
    """(label, text) of every field of the shared picture, in its declared order."""
    return [(field_label(TheoryOfChange, name), picture.get(name, "")) for name in PICTURE_FIELDS]


def diagram_title(partnership: Partnership) -> str:
    return _("Theory of change of %(title)s") % {"title": partnership.title}


def workspace_context(
    request: AuthedRequest,
    access: Access,
    *,
    editing: Editing | None = None,
    node_form: NodeAddForm | None = None,
    link_form: LinkAddForm | None = None,
) -> dict[str, Any]:
    """Everything the page shows, with a fixed number of queries however long the chain.

    The page shows the chain as plain data (selectors.load_chain: rows, not model instances,
    which matters for a long chain); only the record being edited is a model instance.
    """
    partnership = access.partnership
    chain = selectors.load_chain(partnership)
    nodes = chain.nodes
    smart = chain.smart_results()
    by_id: dict[int, ChainNode] = {}
    urls = Urls(partnership.key)
    levels = level_labels()
    frequencies = {value: str(label) for value, label in Indicator.Frequency.choices}
    methods = {value: str(label) for value, label in Indicator.EvidenceMethod.choices}
    # Display values hung on the chain's items for the template.
    loose = chain.loose_ends()
    for node in nodes:
        node.level_name = levels[node.level]  # type: ignore[attr-defined]
        node.outgoing_links = []  # type: ignore[attr-defined]
        node.smart_result = _with_fixes(smart.get(node.id), node, urls, access.can_edit)  # type: ignore[attr-defined]
        node.takes_indicators = rules.indicator_allowed(node.level)  # type: ignore[attr-defined]
        node.participants = participants_text(node)  # type: ignore[attr-defined]
        node.need_texts = chain.need_texts(node.needs)  # type: ignore[attr-defined]
        node.loose = (  # type: ignore[attr-defined]
            "unlinked"
            if node.id in loose.unlinked
            else "unreached"
            if node.id in loose.unreached
            else ""
        )
        node.urls = {  # type: ignore[attr-defined]
            "edit": urls("node_edit", node.id),
            "delete": urls("node_delete", node.id),
            "move": urls("node_move", node.id),
            "indicator_add": urls("indicator_add", node.id),
        }
        for indicator in node.indicators:
            indicator.frequency_name = frequencies.get(indicator.frequency, "")  # type: ignore[attr-defined]
            indicator.method_name = (  # type: ignore[attr-defined]
                methods.get(indicator.evidence_method, "—")
                if indicator.kind == Indicator.Kind.QUALITATIVE
                else ""
            )
            indicator.edit_url = urls("indicator_edit", indicator.id)  # type: ignore[attr-defined]
            indicator.delete_url = urls("indicator_delete", indicator.id)  # type: ignore[attr-defined]
        by_id[node.id] = node
    for link in chain.links:
        link.target_node = by_id.get(link.target)  # type: ignore[attr-defined]
        link.edit_url = urls("link_edit", link.id)  # type: ignore[attr-defined]
        link.delete_url = urls("link_delete", link.id)  # type: ignore[attr-defined]
        if link.source in by_id:
            by_id[link.source].outgoing_links.append(link)  # type: ignore[attr-defined]
    # Which nodes can move up or down within their level (the page offers only possible moves).
    by_level: dict[int, list[ChainNode]] = {}
    for node in nodes:
        by_level.setdefault(node.level, []).append(node)
    for siblings in by_level.values():
        for index, node in enumerate(siblings):
            node.is_first = index == 0  # type: ignore[attr-defined]
            node.is_last = index == len(siblings) - 1  # type: ignore[attr-defined]
    can_edit = access.can_edit
    for node in nodes:
        # A node shown as it is (not open for editing) is rendered once and cached under
        # everything it shows: a change to the node, its goal, indicators or links, to a
        # linked node's title, the language or the user's right to edit gives a new key.
        if not editing or editing.node_pk != node.id:
            node.fingerprint = _fingerprint(partnership.key, can_edit, node)  # type: ignore[attr-defined]
    kinds = dict(SteeringDocument.Kind.choices)
    picture_documents = [
        {**document, "kind_name": kinds.get(document["kind"], "")}
        for document in chain.steering_documents
        if document["id"] in set(chain.picture_documents)
    ]
    if can_edit:
        node_form = node_form or NodeAddForm()
        link_form = link_form or LinkAddForm(nodes=nodes)
    outcomes = [node for node in nodes if node.is_outcome]
    sources = dict(NeedSource.choices)
    needs = [
        {
            **need,
            "source_name": sources.get(need["source"], ""),
            "edit_url": urls("need_edit", need["id"]),
            "delete_url": urls("need_delete", need["id"]),
        }
        for need in chain.needs
    ]
    planned, actual = chain.participants()
    return {
        "partnership": partnership,
        "access": access,
        "picture": chain.picture,
        "picture_rows": picture_rows(chain.picture),
        "picture_documents": picture_documents,
        "needs": needs,
        "participants": {"planned": planned, "actual": actual},
        "loose_nodes": [node for node in nodes if node.loose],  # type: ignore[attr-defined]
        "smart_letters": [
            (letter, LETTER_NAMES[letter], EXPLANATIONS[letter]) for letter in "SMART"
        ],
        "nodes": nodes,
        "levels": [
            {"value": value, "label": label, "nodes": [n for n in nodes if n.level == value]}
            for value, label in Level.choices
        ],
        "goals": [node for node in outcomes if node.smart_result is not None],  # type: ignore[attr-defined]
        "outcomes_without_goal": [node for node in outcomes if node.smart_result is None],  # type: ignore[attr-defined]
        "smart_count": sum(1 for result in smart.values() if result.passed),
        "can_edit": can_edit,
        "editing": editing,
        "open_pk": editing.node_pk if editing else 0,
        "node_form": node_form,
        "link_form": link_form,
        "svg": render_svg(chain, title=diagram_title(partnership), id_prefix="toc-diagram"),
        "outline": render_outline(chain),
        "page_url": reverse("theory_of_change:page", kwargs={"key": partnership.key}),
        "labels": {name: str(label) for name, label in LABELS.items()},
    }


def render_page(
    request: AuthedRequest,
    access: Access,
    *,
    status: int = 200,
    message: str = "",
    focus: str = "",
    **context: Any,
) -> HttpResponse:
    """The full page, or for htmx the workspace with a status message and a focus target."""
    data = workspace_context(request, access, **context)
    if request.htmx:
        data["status_message"] = message
        response = render(request, f"{TEMPLATE}#workspace", data)
        if focus:
            # Sent to <body>: the element that made the request is usually swapped away.
            trigger_client_event(
                response, "tocFocus", {"selector": focus, "target": "body"}, after="settle"
            )
        return response
    # The page ends with the latest revisions, so the history is one step from the top.
    data["latest_revisions"] = list(selectors.revisions_of(access.partnership)[:3])
    data["picture_empty"] = not any(text for _label, text in data["picture_rows"])
    # The PDF of the theory of change and its versions (the shared document pipeline).
    from costing.documents.views import versions_context

    data["pdf"] = versions_context(access, "theory_of_change")
    return render(request, TEMPLATE, data, status=status)


def render_node_item(
    request: AuthedRequest, access: Access, node_pk: int, editing: Editing | None
) -> HttpResponse:
    """One node of the chain (for htmx: opening a form in place), or the page without htmx."""
    if not request.htmx:
        return render_page(request, access, editing=editing)
    data = workspace_context(request, access, editing=editing)
    node = next((n for n in data["nodes"] if n.pk == node_pk), None)
    response = render(request, f"{TEMPLATE}#node_entry", {**data, "node": node})
    selector = f"#edit-form-{editing.kind}-{editing.pk}" if editing else f"#node-title-{node_pk}"
    return trigger_client_event(
        response, "tocFocus", {"selector": selector, "target": "body"}, after="settle"
    )


def done(
    request: AuthedRequest,
    access: Access,
    message: str,
    *,
    node_pk: int | None = None,
    level: int | None = None,
) -> HttpResponse:
    """After a successful write: the fresh workspace for htmx, a redirect otherwise.

    The focus (htmx) or the anchor (full page) goes to the node the write was about, or to
    the heading of its level when the node is gone.
    """
    anchor = f"node-{node_pk}" if node_pk else f"level-{level}" if level else ""
    if request.htmx:
        focus = f"#node-title-{node_pk}" if node_pk else f"#{anchor}" if anchor else ""
        return render_page(request, access, message=message, focus=focus)
    messages.success(request, message)
    url = reverse("theory_of_change:page", kwargs={"key": access.partnership.key})
    return redirect(f"{url}#{anchor}" if anchor else url)


def edit_in_place(
    request: AuthedRequest, access: Access, editing: Editing, saved: Callable[[], str]
) -> HttpResponse:
    """GET opens `editing.form` inside its node; POST saves it through the version check."""
    if request.method != "POST":
        return render_node_item(request, access, editing.node_pk, editing)
    form = editing.form
    if not isinstance(form, VersionedModelForm) or editing.save is None:
        raise TypeError("Editing in place needs a versioned form and the service it submits to.")
    if form.is_valid() and form.submit(editing.save) is not None:
        return done(request, access, saved(), node_pk=editing.node_pk)
    return refused(request, access, editing)


def confirm_delete(
    request: AuthedRequest, access: Access, confirmation: Confirmation
) -> HttpResponse:
    """Ask before deleting: in place inside its node (htmx), or as a page of its own."""
    if request.htmx:
        editing = Editing(
            "delete", confirmation.pk, Form(), confirmation.node_pk, confirm=confirmation
        )
        return render_node_item(request, access, confirmation.node_pk, editing)
    return render(
        request,
        "theory_of_change/confirm_delete.html",
        {
            "partnership": access.partnership,
            "access": access,
            "confirm": confirmation,
            "page_url": reverse("theory_of_change:page", kwargs={"key": access.partnership.key}),
        },
        status=400 if request.method == "POST" else 200,
    )


def invalid(request: AuthedRequest, access: Access, message: str, **context: Any) -> HttpResponse:
    """A write that was refused: the form again with its errors (400 for a full page)."""
    focus = context.pop("focus", "#toc-errors")
    return render_page(request, access, status=400, message=message, focus=focus, **context)


def refused(request: AuthedRequest, access: Access, editing: Editing) -> HttpResponse:
    """A form opened in place that could not be saved: an edit conflict or invalid input."""
    focus = f"#edit-form-{editing.kind}-{editing.pk}"
    if getattr(editing.form, "conflict", None):
        message = _("Someone else saved this first. Compare the two versions and save again.")
        return render_page(request, access, message=message, focus=focus, editing=editing)
    return invalid(request, access, _("Not saved: see the form."), editing=editing, focus=focus)
