"""Reads that are more than a filter()."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
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
from django.utils.translation import gettext_lazy as _

from accounts.models import User

from .access import people_known_to
from .display import swedish_sort_key
from .models import (
    FundingCall,
    GlossaryTerm,
    Invitation,
    Membership,
    Organisation,
    Partnership,
    Party,
    Role,
    SteeringDocument,
)


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


def partnerships_for_user(user: User) -> QuerySet[Membership]:
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
        "organisation", "organisation__home_municipality", "unit"
    ).order_by(PART_ORDER, "organisation__name")


def with_overview_data(partnership: Partnership) -> Partnership:
    """Attach the parties to the partnership (one query) for the overview and step 1."""
    prefetch_related_objects(
        [partnership],
        Prefetch(
            "parties",
            queryset=Party.objects.select_related("organisation", "unit").order_by(
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


def pending_invitations_for_user(user: User) -> QuerySet[Invitation]:
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


# Funding calls -----------------------------------------------------------------------------

# A deadline this many days away or closer stands out on the overview and the dashboard.
DEADLINE_SOON_DAYS = 30


def is_deadline_soon(call: FundingCall, today: date) -> bool:
    """The rule `funding_deadlines_soon` queries, for one call already loaded: still watched or
    being applied for, and due today or within DEADLINE_SOON_DAYS days."""
    left = call.days_left(today)
    return call.is_open and left is not None and 0 <= left <= DEADLINE_SOON_DAYS


@dataclass(frozen=True)
class FundingRow:
    """A funding call on the list, with its days left (negative: past) and whether it is soon."""

    call: FundingCall
    days_left: int | None
    soon: bool


def funding_call_rows(partnership: Partnership, today: date | None = None) -> list[FundingRow]:
    """The partnership's funding calls by deadline, open-ended ones last (one query)."""
    today = today or timezone.localdate()
    return [
        FundingRow(call, call.days_left(today), is_deadline_soon(call, today))
        for call in FundingCall.objects.filter(partnership=partnership)
    ]


@dataclass(frozen=True)
class DeadlineSoon:
    """A funding call whose deadline is near, and how near."""

    call: FundingCall
    days_left: int

    @property
    def partnership(self) -> Partnership:
        return self.call.partnership


def funding_deadlines_soon(
    *,
    user: User | None = None,
    partnership: Partnership | None = None,
    today: date | None = None,
) -> list[DeadlineSoon]:
    """Calls still watched or being applied for whose deadline is today or within
    DEADLINE_SOON_DAYS days, nearest first: of one partnership, or of every partnership the
    user is a member of (one query)."""
    today = today or timezone.localdate()
    calls = FundingCall.objects.filter(
        status__in=FundingCall.OPEN_STATUSES,
        deadline__gte=today,
        deadline__lte=today + timedelta(days=DEADLINE_SOON_DAYS),
    )
    if partnership is not None:
        calls = calls.filter(partnership=partnership)
    if user is not None:
        calls = calls.filter(partnership__memberships__user=user)
    if partnership is None and user is None:
        raise TypeError("funding_deadlines_soon needs a user or a partnership")
    calls = calls.select_related("partnership").order_by("deadline", "partnership__title", "title")
    return [DeadlineSoon(call, call.days_left(today) or 0) for call in calls]


# What was removed, and can be brought back -----------------------------------------------


def removed_parties(partnership: Partnership) -> QuerySet[Party]:
    return (
        Party.all_objects.filter(partnership=partnership, removed_at__isnull=False)
        .select_related("organisation")
        .order_by("-removed_at")
    )


def removed_steering_documents(partnership: Partnership) -> QuerySet[SteeringDocument]:
    """Removed documents the partnership used (a document is used through `uses`)."""
    return SteeringDocument.all_objects.filter(
        uses__partnership=partnership, removed_at__isnull=False
    ).order_by("-removed_at")


def removed_funding_calls(partnership: Partnership) -> QuerySet[FundingCall]:
    return FundingCall.all_objects.filter(
        partnership=partnership, removed_at__isnull=False
    ).order_by("-removed_at")


def glossary_terms(partnership: Partnership) -> list[GlossaryTerm]:
    """The partnership's glossary in Swedish alphabetical order, å ä ö last (one query)."""
    terms = GlossaryTerm.objects.filter(partnership=partnership)
    return sorted(terms, key=lambda term: swedish_sort_key(term.term))


def removed_glossary_terms(partnership: Partnership) -> QuerySet[GlossaryTerm]:
    return GlossaryTerm.all_objects.filter(
        partnership=partnership, removed_at__isnull=False
    ).order_by("-removed_at")


def withdrawn_invitations(partnership: Partnership, limit: int = 20) -> QuerySet[Invitation]:
    return partnership.invitations.filter(
        revoked_at__isnull=False, accepted_at__isnull=True
    ).order_by("-revoked_at")[:limit]


@dataclass(frozen=True)
class FormerMember:
    """Someone who left or was removed, with the role they had then."""

    user: User
    role: str
    until: datetime
    left: bool  # True when they left themselves, False when an owner removed them

    @property
    def role_label(self) -> str:
        return str(Role(self.role).label)


def former_members(partnership: Partnership, limit: int = 50) -> list[FormerMember]:
    """People whose membership ended and who are not members again, latest first (2 queries)."""
    current = partnership.memberships.values("user_id")
    records = list(
        Membership.history.filter(partnership_id=partnership.pk, history_type="-")
        .exclude(user_id__in=current)
        .order_by("-history_date", "-history_id")
        .values("user_id", "role", "history_date", "history_user_id")[: limit * 4]
    )
    latest: dict[int, dict[str, Any]] = {}
    for record in records:
        latest.setdefault(record["user_id"], record)
    users = User.objects.in_bulk(list(latest)[:limit])
    return [
        FormerMember(
            user=users[user_id],
            role=record["role"],
            until=record["history_date"],
            left=record["history_user_id"] == user_id,
        )
        for user_id, record in latest.items()
        if user_id in users  # an erased account has nobody to bring back
    ]


# What a removal touches ------------------------------------------------------------------


@dataclass(frozen=True)
class Referring:
    """Records of one kind that refer to a record about to be removed (first `shown` of them)."""

    label: str
    items: list[str]
    count: int


def records_referring_to(instance: Model, shown: int = 20) -> list[Referring]:
    """Every record that points at `instance`, by kind, like the admin's delete confirmation.

    Read from the model's relations, so a later app's records (an activity's responsible
    party, a goal's steering documents) are listed without this code knowing them.
    """
    found = []
    for relation in instance._meta.related_objects:
        if relation.related_model is None or not hasattr(relation.field, "name"):
            continue
        related = relation.related_model._base_manager.filter(**{relation.field.name: instance})
        items = [str(record) for record in related[: shown + 1]]
        if not items:
            continue
        count = len(items) if len(items) <= shown else related.count()
        found.append(
            Referring(
                label=str(relation.related_model._meta.verbose_name_plural).capitalize(),
                items=items[:shown],
                count=count,
            )
        )
    return found


# The shared organisation registry --------------------------------------------------------


@dataclass(frozen=True)
class OrganisationChange:
    """One change to an organisation, its author named only if the viewer may know them."""

    when: datetime
    who: str
    kind: str  # "+" created, "~" changed, "-" deleted

    @property
    def kind_label(self) -> str:
        labels = {"+": _("Created"), "~": _("Changed"), "-": _("Deleted")}
        return str(labels.get(self.kind, self.kind))


def organisation_changes(
    organisation: Organisation, viewer: User, limit: int = 10
) -> list[OrganisationChange]:
    """The latest changes to an organisation, as `viewer` may see them (3 queries at most).

    The registry is shared, so people from partnerships the viewer is not in edit it too: their
    change is shown, but not who they are.
    """
    records = list(
        organisation.history.order_by("-history_date", "-history_id").values(
            "history_date", "history_type", "history_user_id"
        )[:limit]
    )
    known = people_known_to(viewer, {record["history_user_id"] for record in records})
    users = User.objects.in_bulk(list(known)) if known else {}
    changes = []
    for record in records:
        author = record["history_user_id"]
        if author is None:
            who = str(_("the system"))
        elif author in users:
            who = str(users[author])
        else:
            who = str(_("someone outside your partnerships"))
        changes.append(OrganisationChange(record["history_date"], who, record["history_type"]))
    return changes


def organisation_parties_for(organisation: Organisation, viewer: User) -> QuerySet[Party]:
    """The organisation's parts in the viewer's partnerships, removed ones included."""
    return (
        Party.all_objects.filter(organisation=organisation, partnership__memberships__user=viewer)
        .select_related("partnership")
        .order_by("partnership__title")
    )


def organisation_by_number(org_number: str) -> Organisation | None:
    """An organisation of the whole shared register, found by its (normalised) number: names
    and numbers of organisations are public, so anyone may find one to add it as a party."""
    return Organisation.objects.filter(org_number=org_number).first() if org_number else None
