"""Reads of contacts and the relationship plan, each a constant number of queries."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db.models import F, Prefetch, Q, QuerySet
from django.utils import timezone

from accounts.models import User

from ..access import organisations_visible_to
from ..models import Contact, Organisation, OrgUnit, Partnership
from .models import RelationshipEntry


@dataclass
class UnitGroup:
    unit: OrgUnit | None
    contacts: list[Contact] = field(default_factory=list)


@dataclass
class OrganisationGroup:
    organisation: Organisation
    units: list[UnitGroup] = field(default_factory=list)

    @property
    def has_units(self) -> bool:
        """Whether any contact names a unit: otherwise the list has no unit headings."""
        return any(group.unit is not None for group in self.units)

    @property
    def count(self) -> int:
        return sum(len(group.contacts) for group in self.units)


def contact_groups(partnership: Partnership) -> list[OrganisationGroup]:
    """The partnership's contacts by organisation, then unit (contacts without one first),
    then name; each with its relationship plan entry, if any (two queries)."""
    contacts = (
        Contact.objects.filter(partnership=partnership)
        .select_related("organisation", "unit", "erased_by")
        .prefetch_related(
            Prefetch("plan_entries", queryset=RelationshipEntry.objects.all(), to_attr="entries")
        )
        .order_by(
            "organisation__name",
            "organisation_id",
            F("unit__name").asc(nulls_first=True),
            "unit_id",
            "name",
            "pk",
        )
    )
    groups: list[OrganisationGroup] = []
    for contact in contacts:
        if not groups or groups[-1].organisation.pk != contact.organisation_id:
            groups.append(OrganisationGroup(contact.organisation))
        units = groups[-1].units
        if not units or (units[-1].unit.pk if units[-1].unit else None) != contact.unit_id:
            units.append(UnitGroup(contact.unit))
        units[-1].contacts.append(contact)
    return groups


def removed_contacts(partnership: Partnership) -> QuerySet[Contact]:
    return Contact.all_objects.filter(partnership=partnership, removed_at__isnull=False).order_by(
        "-removed_at"
    )


def contact_organisation_choices(
    partnership: Partnership, user: User, current: Any = None
) -> QuerySet[Organisation]:
    """Organisations a contact may belong to: the partnership's parties (removed ones too), any
    organisation the user may see (candidates among them), and the contact's current one."""
    wanted = Q(pk__in=organisations_visible_to(user).values("pk")) | Q(
        parties__partnership=partnership
    )
    if current is not None:
        wanted |= Q(pk=current)
    return Organisation.objects.filter(wanted).distinct().order_by("name")


def contact_unit_choices(organisations: QuerySet[Organisation], current: Any = None) -> Any:
    """Active units of those organisations (and the contact's current unit)."""
    wanted = Q(organisation__in=organisations.values("pk"), removed_at__isnull=True)
    if current is not None:
        wanted |= Q(pk=current)
    return (
        OrgUnit.all_objects.filter(wanted)
        .select_related("organisation")
        .order_by("organisation__name", "name")
    )


def plan_contact_choices(partnership: Partnership, current: Any = None) -> QuerySet[Contact]:
    """Contacts that may be put in the plan: the partnership's, neither removed nor erased."""
    wanted = Q(partnership=partnership, removed_at__isnull=True, erased_at__isnull=True)
    if current is not None:
        wanted |= Q(partnership=partnership, pk=current)
    return Contact.all_objects.filter(wanted).select_related("organisation").order_by("name", "pk")


# The relationship plan ---------------------------------------------------------------------


def _plan(partnership: Partnership) -> QuerySet[RelationshipEntry]:
    """Entries of contacts that are not removed (a removed contact's entries come back with
    it)."""
    return RelationshipEntry.objects.filter(
        partnership=partnership, contact__removed_at__isnull=True
    ).select_related("contact", "contact__organisation", "contact__unit")


def _overdue_q(today: date) -> Q:
    """The rule `RelationshipEntry.is_overdue` reads for one loaded entry."""
    return Q(next_action_date__lt=today, contact__erased_at__isnull=True) & ~Q(
        status=RelationshipEntry.Status.PAUSED
    )


def relationship_plan(
    partnership: Partnership, today: date | None = None
) -> list[tuple[RelationshipEntry, bool]]:
    """The plan, overdue actions first (oldest first), then the coming ones by date, then
    those without a date, paused entries last; with whether each is overdue (one query)."""
    today = today or timezone.localdate()
    rows = [(entry, entry.is_overdue(today)) for entry in _plan(partnership)]

    def order(row: tuple[RelationshipEntry, bool]) -> tuple[Any, ...]:
        entry, overdue = row
        paused = entry.status == RelationshipEntry.Status.PAUSED
        when = entry.next_action_date or date.max
        return (not overdue, paused, entry.next_action_date is None, when, entry.contact.name)

    return sorted(rows, key=order)


def overdue_relationship_actions(
    partnership: Partnership, today: date | None = None
) -> list[RelationshipEntry]:
    """Next actions of the plan whose date has passed, oldest first (one query)."""
    today = today or timezone.localdate()
    return list(_plan(partnership).filter(_overdue_q(today)).order_by("next_action_date", "pk"))


def removed_relationship_entries(partnership: Partnership) -> QuerySet[RelationshipEntry]:
    return (
        RelationshipEntry.all_objects.filter(partnership=partnership, removed_at__isnull=False)
        .select_related("contact")
        .order_by("-removed_at")
    )
