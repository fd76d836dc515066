"""Reads that are more than a filter()."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.conf import settings
from django.db.models import (
    Case,
    Count,
    IntegerField,
    Model,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
    prefetch_related_objects,
)
from django.db.models.functions import Coalesce, Lower
from django.utils import timezone

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
    # Open ones, and those declined lately so that the owners learn the answer.
    declined_since = timezone.now() - timedelta(days=settings.INVITATION_MAX_AGE_DAYS)
    invitations = (
        partnership.invitations.filter(accepted_at__isnull=True, revoked_at__isnull=True)
        .filter(Q(declined_at__isnull=True) | Q(declined_at__gte=declined_since))
        .select_related("invited_by")
    )
    return members, invitations


def pending_invitations_for_user(user: Any) -> QuerySet[Invitation]:
    """Open, unexpired invitations sent to one of the user's verified addresses.

    Only verified addresses count: anyone can add an address to their account, and an
    invitation must reach the person who reads that mailbox. Partnerships the user already
    belongs to are left out.
    """
    from allauth.account.models import EmailAddress

    addresses = (
        EmailAddress.objects.filter(user=user, verified=True)
        .annotate(address=Lower("email"))
        .values("address")
    )
    cutoff = timezone.now() - timedelta(days=settings.INVITATION_MAX_AGE_DAYS)
    return (
        Invitation.objects.annotate(address=Lower("email"), dated=Coalesce("sent_at", "created_at"))
        .filter(
            address__in=addresses,
            dated__gt=cutoff,
            accepted_at__isnull=True,
            revoked_at__isnull=True,
            declined_at__isnull=True,
        )
        .exclude(partnership__memberships__user=user)
        .select_related("partnership", "partnership__municipality", "invited_by")
        .order_by("-created_at")
    )
