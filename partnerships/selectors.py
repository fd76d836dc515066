"""Reads that are more than a filter()."""

from __future__ import annotations

from typing import Any

from django.db.models import (
    Case,
    Count,
    IntegerField,
    Model,
    OuterRef,
    Prefetch,
    QuerySet,
    Subquery,
    Value,
    When,
    prefetch_related_objects,
)
from django.db.models.functions import Coalesce

from .models import Invitation, Membership, Partnership, Party


def _count_per_partnership(model: type[Model]) -> Coalesce:
    """A correlated COUNT of `model` rows of the membership's partnership (0 when none)."""
    counted = (
        model._default_manager.filter(partnership=OuterRef("partnership"))
        .order_by()
        .values("partnership")
        .annotate(count=Count("pk"))
        .values("count")
    )
    return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))


def partnerships_for_user(user: Any) -> QuerySet[Membership]:
    """The user's memberships with their partnerships, parties counted, for the dashboard."""
    # Subqueries, not Count() over two joins: joining parties and memberships multiplies the
    # rows (parties × members per partnership) before DISTINCT; measured in bench/README.md.
    return (
        Membership.objects.filter(user=user)
        .select_related("partnership", "partnership__municipality")
        .annotate(
            party_count=_count_per_partnership(Party),
            member_count=_count_per_partnership(Membership),
        )
        .order_by("partnership__title")
    )


# Parties listed in the order of their parts (lead municipality first), then by name.
PART_ORDER = Case(
    *(When(part=value, then=Value(index)) for index, value in enumerate(Party.Part.values)),
    default=Value(len(Party.Part.values)),
    output_field=IntegerField(),
)


def partnership_parties(partnership: Partnership) -> QuerySet[Party]:
    return partnership.parties.select_related(
        "organisation", "organisation__home_municipality"
    ).order_by(PART_ORDER, "organisation__name")


def with_overview_data(partnership: Partnership) -> Partnership:
    """Attach the parties to the partnership (one query) for the overview and step 1."""
    prefetch_related_objects(
        [partnership],
        Prefetch(
            "parties",
            queryset=Party.objects.select_related("organisation").order_by(
                PART_ORDER, "organisation__name"
            ),
        ),
    )
    return partnership


def members_and_invitations(
    partnership: Partnership,
) -> tuple[QuerySet[Membership], QuerySet[Invitation]]:
    members = partnership.memberships.select_related("user").order_by("role", "user__email")
    invitations = partnership.invitations.filter(
        accepted_at__isnull=True, revoked_at__isnull=True
    ).select_related("invited_by")
    return members, invitations
