"""Reads of the theory of change, each with a fixed number of queries however large the chain."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from django.db.models import QuerySet

from partnerships.models import Partnership, Party, SteeringDocument

from .chain import (
    PICTURE_FIELDS,
    RECORD_INDICATOR_FIELDS,
    Chain,
    ChainIndicator,
    ChainLink,
    ChainNode,
)
from .models import Indicator, Link, Node, Revision, TheoryOfChange


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


GOAL_FIELDS = ("goal_statement", "addresses_target_group", "achievability", "need")


def load_chain(partnership: Partnership) -> Chain:
    """The current theory of change as plain data, in six queries of plain rows.

    Rows instead of model instances make it several times cheaper for a long chain; the page,
    the step evaluator, the diagram file, the exports and revisions all read it.
    """
    picture = (
        TheoryOfChange.objects.filter(partnership=partnership).values("id", *PICTURE_FIELDS).first()
    )
    picture_documents = list(
        TheoryOfChange.steering_documents.through.objects.filter(
            theoryofchange__partnership=partnership
        ).values_list("steeringdocument_id", flat=True)
    )
    node_documents = defaultdict(list)
    for node_id, document_id in Node.steering_documents.through.objects.filter(
        node__partnership=partnership
    ).values_list("node_id", "steeringdocument_id"):
        node_documents[node_id].append(document_id)
    used = set(picture_documents) | {d for ids in node_documents.values() for d in ids}
    documents = [
        dict(document)
        for document in SteeringDocument.objects.filter(partnership=partnership)
        .order_by("kind", "title")
        .values("id", "title", "kind", "year", "url", "issuing_organisation")
        if document["id"] in used
    ]
    indicators = defaultdict(list)
    for row in (
        Indicator.objects.filter(partnership=partnership)
        .order_by("id")
        .values("id", "node_id", *RECORD_INDICATOR_FIELDS, "responsible_party__organisation__name")
    ):
        node_id = row.pop("node_id")
        party = row.pop("responsible_party__organisation__name") or ""
        indicators[node_id].append(ChainIndicator(**row, responsible_party=party))
    nodes = [
        ChainNode(
            **row,
            steering_documents=sorted(
                node_documents.get(row["id"], []), key=[d["id"] for d in documents].index
            ),
            indicators=indicators.get(row["id"], []),
        )
        for row in Node.objects.filter(partnership=partnership).values(
            "id", "level", "title", "description", "order", *GOAL_FIELDS
        )
    ]
    links = [
        ChainLink(id=pk, source=source, target=target, assumptions=assumptions)
        for pk, source, target, assumptions in Link.objects.filter(partnership=partnership)
        .order_by("id")
        .values_list("id", "source_id", "target_id", "assumptions")
    ]
    return Chain(
        picture={name: picture[name] for name in PICTURE_FIELDS} if picture else {},
        steering_documents=documents,
        picture_documents=sorted(picture_documents, key=[d["id"] for d in documents].index),
        nodes=nodes,
        links=links,
    )


def steering_documents_of(partnership: Partnership) -> QuerySet[SteeringDocument]:
    return SteeringDocument.objects.filter(partnership=partnership).order_by("kind", "title")


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
