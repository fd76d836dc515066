"""Reads of the theory of change, each with a fixed number of queries however large the chain."""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch, QuerySet

from partnerships.models import Partnership, Party, SteeringDocument

from .chain import Chain, chain_from_records
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


def nodes_with_details(partnership: Partnership) -> QuerySet[Node]:
    """The chain's nodes with their indicators and steering documents: three queries."""
    return Node.objects.filter(partnership=partnership).prefetch_related(
        Prefetch(
            "indicators",
            queryset=Indicator.objects.select_related("responsible_party__organisation").order_by(
                "id"
            ),
        ),
        Prefetch("steering_documents", queryset=SteeringDocument.objects.order_by("kind", "title")),
    )


def links_of(partnership: Partnership) -> QuerySet[Link]:
    return Link.objects.filter(partnership=partnership).order_by("id")


def chain_records(partnership: Partnership) -> tuple[TheoryOfChange, list[Node], list[Link]]:
    return (
        theory_of_change_for(partnership),
        list(nodes_with_details(partnership)),
        list(links_of(partnership)),
    )


def load_chain(partnership: Partnership) -> Chain:
    """The current theory of change as plain data (six queries)."""
    return chain_from_records(*chain_records(partnership))


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
