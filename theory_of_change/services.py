"""Writes on the theory of change. Every rule is checked here, whatever the caller."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from partnerships.models import Partnership, Party, SteeringDocument

from . import rules, selectors
from .chain import PICTURE_FIELDS, RECORD_INDICATOR_FIELDS, Chain, chain_from_dict, chain_to_dict
from .models import Indicator, Level, Link, Node, Revision, TheoryOfChange

TEMPLATE_PATH = Path(__file__).parent / "templates_data" / "eskilstuna_youth_employment.json"


def _next_order(partnership: Partnership, level: int) -> int:
    highest = Node.objects.filter(partnership=partnership, level=level).aggregate(Max("order"))[
        "order__max"
    ]
    return 0 if highest is None else highest + 1


def node_create(
    *,
    partnership: Partnership,
    level: int,
    title: str,
    description: str = "",
    order: int | None = None,
    **goal: Any,
) -> Node:
    """Add a node at the end of its level; `goal` takes the goal fields of an outcome."""
    node = Node(
        partnership=partnership,
        level=level,
        title=title,
        description=description,
        order=_next_order(partnership, level) if order is None else order,
        **goal,
    )
    node.full_clean()
    node.save()
    return node


def node_delete(*, node: Node) -> None:
    """Delete a node; its links and indicators go with it."""
    node.delete()


@transaction.atomic
def link_create(
    *, partnership: Partnership, source: Node, target: Node, assumptions: str = ""
) -> Link:
    """Add "source leads to target", refusing links backwards, to itself, twice or in a loop."""
    if source.partnership_id != partnership.pk or target.partnership_id != partnership.pk:
        raise ValidationError(_("Both nodes must belong to this partnership."))
    if source.pk == target.pk:
        raise ValidationError(rules.self_link_error())
    message = rules.link_level_error(source.level, target.level, source.title, target.title)
    if message:
        raise ValidationError(message)
    if Link.objects.filter(source=source, target=target).exists():
        raise ValidationError(
            _("“%(source)s” already leads to “%(target)s”.")
            % {"source": source.title, "target": target.title}
        )
    existing = Link.objects.filter(partnership=partnership).values_list("source_id", "target_id")
    if rules.creates_cycle(existing, source.pk, target.pk):
        raise ValidationError(
            _(
                "“%(target)s” already leads back to “%(source)s”: the chain cannot go round in a circle."
            )
            % {"source": source.title, "target": target.title}
        )
    link = Link(partnership=partnership, source=source, target=target, assumptions=assumptions)
    link.full_clean()
    link.save()
    return link


def link_delete(*, link: Link) -> None:
    link.delete()


def indicator_create(*, node: Node, **fields: Any) -> Indicator:
    if not rules.indicator_allowed(node.level):
        raise ValidationError(rules.indicator_level_error(node.get_level_display()))
    indicator = Indicator(partnership_id=node.partnership_id, node=node, **fields)
    indicator.full_clean()
    indicator.save()
    return indicator


def indicator_delete(*, indicator: Indicator) -> None:
    indicator.delete()


# Revisions ---------------------------------------------------------------------------------


def current_snapshot(partnership: Partnership) -> dict[str, Any]:
    return chain_to_dict(selectors.load_chain(partnership), title=partnership.title)


@transaction.atomic
def revision_create(
    *, partnership: Partnership, revised_on: dt.date, reason: str, user: Any
) -> Revision:
    """Keep the whole theory of change as it is now, numbered, dated and with its reason."""
    # Lock the partnership row so two revisions made at once do not get the same number.
    Partnership.objects.select_for_update().filter(pk=partnership.pk).first()
    highest = Revision.objects.filter(partnership=partnership).aggregate(Max("number"))[
        "number__max"
    ]
    return Revision.objects.create(
        partnership=partnership,
        number=(highest or 0) + 1,
        revised_on=revised_on,
        reason=reason,
        snapshot=current_snapshot(partnership),
        created_by=user if getattr(user, "is_authenticated", False) else None,
    )


# Import ------------------------------------------------------------------------------------


def parse_import(raw: bytes) -> Chain:
    """Read an uploaded JSON file; ValidationError with a readable reason if it is not usable."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ValidationError(
            _("The file is not UTF-8 text. Export it again from Samverkan.")
        ) from error
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise ValidationError(
            _("The file is not valid JSON (line %(line)s, column %(column)s: %(problem)s).")
            % {"line": error.lineno, "column": error.colno, "problem": error.msg}
        ) from error
    except RecursionError as error:  # absurdly deep nesting: no export looks like that
        raise ValidationError(
            _(
                "The file is nested too deeply to be a theory of change. Export it again from Samverkan."
            )
        ) from error
    return chain_from_dict(data)


def template_chain() -> Chain:
    return chain_from_dict(json.loads(TEMPLATE_PATH.read_text(encoding="utf-8")))


@transaction.atomic
def chain_import(*, partnership: Partnership, chain: Chain) -> dict[str, int]:
    """Add an imported chain to the partnership's theory of change.

    Nodes, links and indicators are added next to what exists. Shared-picture texts fill only
    empty fields, so nothing written by the partnership is overwritten. Steering documents are
    matched by title (or added); responsible parties by organisation name (or left empty).
    """
    toc = TheoryOfChange.objects.select_for_update().filter(partnership=partnership).first()
    if toc is None:
        toc = TheoryOfChange.objects.create(partnership=partnership)
    filled = [
        name
        for name in PICTURE_FIELDS
        if not getattr(toc, name).strip() and chain.picture.get(name)
    ]
    for name in filled:
        setattr(toc, name, chain.picture[name])
    if filled:
        toc.version += 1
        toc.save()

    existing = {
        document.title.casefold(): document for document in partnership.steering_documents.all()
    }
    documents: dict[int, SteeringDocument] = {}
    for data in chain.steering_documents:
        document = existing.get(data["title"].casefold())
        if document is None:
            kind = data.get("kind")
            document = SteeringDocument(
                partnership=partnership,
                title=data["title"],
                kind=kind if kind in SteeringDocument.Kind.values else SteeringDocument.Kind.OTHER,
                year=data.get("year"),
                url=data.get("url", ""),
                issuing_organisation=data.get("issuing_organisation", ""),
            )
            try:
                document.full_clean(exclude=["partnership"])
            except ValidationError:
                document.url = ""  # keep the document, drop a link that does not validate
            document.save()
            existing[document.title.casefold()] = document
        documents[data["id"]] = document
    toc.steering_documents.add(*[documents[i] for i in chain.picture_documents if i in documents])

    parties = {
        party.organisation.name.casefold(): party
        for party in Party.objects.filter(partnership=partnership).select_related("organisation")
    }
    nodes: dict[int, Node] = {}
    start_order = {level: _next_order(partnership, level) for level in Level.values}
    counts = {
        "nodes": 0,
        "links": 0,
        "indicators": 0,
        "documents": len(documents),
        "picture_fields": len(filled),
    }
    for chain_node in sorted(chain.nodes, key=lambda n: (n.level, n.order)):
        node = Node.objects.create(
            partnership=partnership,
            level=chain_node.level,
            title=chain_node.title,
            description=chain_node.description,
            order=start_order[chain_node.level],
            goal_statement=chain_node.goal_statement,
            addresses_target_group=chain_node.addresses_target_group,
            achievability=chain_node.achievability,
            need=chain_node.need,
        )
        start_order[chain_node.level] += 1
        node.steering_documents.add(
            *[documents[i] for i in chain_node.steering_documents if i in documents]
        )
        nodes[chain_node.id] = node
        counts["nodes"] += 1
        for indicator in chain_node.indicators:
            Indicator.objects.create(
                partnership=partnership,
                node=node,
                **{name: getattr(indicator, name) for name in RECORD_INDICATOR_FIELDS},
                responsible_party=parties.get(indicator.responsible_party.casefold()),
            )
            counts["indicators"] += 1
    for chain_link in chain.links:
        Link.objects.create(
            partnership=partnership,
            source=nodes[chain_link.source],
            target=nodes[chain_link.target],
            assumptions=chain_link.assumptions,
        )
        counts["links"] += 1
    return counts
