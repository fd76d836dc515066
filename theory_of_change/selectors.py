"""Reads of the theory of change, each with a fixed number of queries however large the chain."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from partnerships.models import Partnership, Party, SteeringDocument

from . import rules
from .chain import RECORD_INDICATOR_FIELDS, Chain, ChainIndicator, ChainLink, ChainNode
from .models import Indicator, Link, Node, Revision, TargetGroupNeed, TheoryOfChange
from .shape import NEED_FIELDS, NODE, PICTURE_FIELDS, Level, names


def theory_of_change_for(partnership: Partnership) -> TheoryOfChange:
    """The partnership's shared picture, or an unsaved empty one (saved on the first edit)."""
    toc = (
        TheoryOfChange.objects.filter(partnership=partnership)
        .prefetch_related("steering_documents")
        .first()
    )
    if toc is None:
        toc = TheoryOfChange(partnership=partnership)
    toc.partnership = partnership  # avoid a query when templates reach the partnership
    return toc


# The node's columns (its steering documents are read separately).
NODE_COLUMNS = names(NODE, columns=True)
DOCUMENT_FIELDS = ("id", "title", "kind", "year", "url", "issuing_organisation")


def _documents_of(through: Any, owner: str, **lookup: Any) -> list[tuple[int, dict[str, Any]]]:
    """(owner id, steering document) for every document an owner is anchored in: one query."""
    # A removed (soft-deleted) document keeps its links, hidden until it is restored.
    rows = through.objects.filter(**lookup, steeringdocument__removed_at__isnull=True).values(
        owner, *(f"steeringdocument__{name}" for name in DOCUMENT_FIELDS)
    )
    return [
        (row[owner], {name: row[f"steeringdocument__{name}"] for name in DOCUMENT_FIELDS})
        for row in rows
    ]


def load_chain(partnership: Partnership) -> Chain:
    """The current theory of change as plain data: rows, not model instances.

    Four queries when the chain is empty (the shared picture, the needs, the nodes, the links)
    and eight when it is not (its steering documents, the nodes' steering documents, the
    needs the goals pick, the indicators), however long the chain. Rows make it several times cheaper than records for a long chain;
    the page, the step evaluator, the diagram file, the exports and revisions all read it.
    """
    picture = (
        TheoryOfChange.objects.filter(partnership=partnership).values("id", *PICTURE_FIELDS).first()
    )
    needs = list(
        TargetGroupNeed.objects.filter(partnership=partnership)
        .order_by("id")
        .values("id", *NEED_FIELDS)
    )
    node_rows = list(Node.objects.filter(partnership=partnership).values("id", *NODE_COLUMNS))
    links = [
        ChainLink(id=pk, source=source, target=target, assumptions=assumptions)
        for pk, source, target, assumptions in Link.objects.filter(partnership=partnership)
        .order_by("id")
        .values_list("id", "source_id", "target_id", "assumptions")
    ]
    documents: dict[int, dict[str, Any]] = {}
    picture_documents: list[int] = []
    if picture:
        for _owner, document in _documents_of(
            TheoryOfChange.steering_documents.through,
            "theoryofchange_id",
            theoryofchange_id=picture["id"],
        ):
            documents[document["id"]] = document
            picture_documents.append(document["id"])
    node_documents: dict[int, list[int]] = defaultdict(list)
    indicators: dict[int, list[ChainIndicator]] = defaultdict(list)
    node_needs: dict[int, list[int]] = defaultdict(list)
    if node_rows:
        for node_id, need_id in (
            Node.needs.through.objects.filter(node__partnership=partnership)
            .order_by("targetgroupneed_id")
            .values_list("node_id", "targetgroupneed_id")
        ):
            node_needs[node_id].append(need_id)
        for node_id, document in _documents_of(
            Node.steering_documents.through, "node_id", node__partnership=partnership
        ):
            documents[document["id"]] = document
            node_documents[node_id].append(document["id"])
        for row in (
            Indicator.objects.filter(partnership=partnership)
            .order_by("id")
            .values(
                "id",
                "node_id",
                *RECORD_INDICATOR_FIELDS,
                "responsible_party__organisation__name",
                "responsible_party__removed_at",
            )
        ):
            node_id = row.pop("node_id")
            party = row.pop("responsible_party__organisation__name") or ""
            if row.pop("responsible_party__removed_at") is not None:
                party = _("%(organisation)s (removed party)") % {"organisation": party}
            indicators[node_id].append(ChainIndicator(**row, responsible_party=party))
    ordered = sorted(documents.values(), key=lambda document: (document["kind"], document["title"]))
    position = {document["id"]: index for index, document in enumerate(ordered)}
    nodes = [
        ChainNode(
            **row,
            steering_documents=sorted(node_documents.get(row["id"], []), key=position.__getitem__),
            indicators=indicators.get(row["id"], []),
            needs=node_needs.get(row["id"], []),
        )
        for row in node_rows
    ]
    return Chain(
        picture={name: picture[name] for name in PICTURE_FIELDS} if picture else {},
        steering_documents=ordered,
        picture_documents=sorted(picture_documents, key=position.__getitem__),
        needs=needs,
        nodes=nodes,
        links=links,
    )


def participants_reached(partnership: Partnership) -> tuple[int | None, int | None]:
    """The participants the chain's outputs reach, (planned, actual), summed over the outputs;
    None where no output gives the figure. One query. Step 5's cost per participant reads it."""
    figures = Node.objects.filter(partnership=partnership, level=Level.OUTPUT).values_list(
        "planned_participants", "actual_participants"
    )
    return rules.participants(figures)


def needs_of(partnership: Partnership) -> QuerySet[TargetGroupNeed]:
    return TargetGroupNeed.objects.filter(partnership=partnership).order_by("id")


def steering_documents_of(partnership: Partnership) -> QuerySet[SteeringDocument]:
    """The documents the partnership uses: a goal anchors only to one of them."""
    return SteeringDocument.objects.filter(uses__partnership=partnership).order_by("kind", "title")


def parties_of(partnership: Partnership) -> QuerySet[Party]:
    return Party.objects.filter(partnership=partnership).select_related("organisation")


def revisions_of(partnership: Partnership) -> QuerySet[Revision]:
    return (
        Revision.objects.filter(partnership=partnership)
        .select_related("created_by")
        .defer("snapshot")
        .order_by("-number")
    )


def revision_by_number(partnership: Partnership, number: Any) -> Revision | None:
    return (
        Revision.objects.filter(partnership=partnership, number=number)
        .select_related("created_by")
        .first()
    )


def node_dependants(node: Node) -> tuple[list[str], list[str]]:
    """What deleting `node` takes with it: its links both ways ("A → B") and its indicators."""
    links = (
        Link.objects.filter(Q(source=node) | Q(target=node))
        .order_by("id")
        .values_list("source__title", "target__title")
    )
    indicators = node.indicators.order_by("id").values_list("name", flat=True)
    return [f"{source} → {target}" for source, target in links], list(indicators)
