"""Step 1's checks from contacts and the relationship plan (three queries, whatever the size)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..steps import Check, register

if TYPE_CHECKING:
    from ..models import Partnership


@register(1, order=20)
def contacts_and_relationships(partnership: Partnership) -> list[Check]:
    from ..models import Contact, Party
    from .models import RelationshipEntry
    from .selectors import _overdue_q

    key = {"key": partnership.key}
    contacts_url = reverse("partnerships:contact_list", kwargs=key)
    plan_url = reverse("partnerships:relationship_list", kwargs=key)
    new_entry_url = reverse("partnerships:relationship_create", kwargs=key)
    parties = list(
        Party.objects.filter(partnership=partnership).values_list("organisation_id", "part")
    )
    leads = {org for org, part in parties if part == Party.Part.LEAD_MUNICIPALITY}
    entrepreneurs = {org for org, part in parties if part == Party.Part.SOCIAL_ENTREPRENEUR}
    reachable = Contact.objects.filter(partnership=partnership, erased_at__isnull=True)
    with_contact = set(reachable.order_by().values_list("organisation_id", flat=True).distinct())
    # One query for the plan: its size, its overdue actions, its decision makers of the lead.
    plan = RelationshipEntry.objects.filter(
        partnership=partnership, contact__removed_at__isnull=True
    ).aggregate(
        entries=Count("pk"),
        overdue=Count("pk", filter=_overdue_q(timezone.localdate())),
        decision_makers=Count(
            "pk",
            filter=Q(
                contact__erased_at__isnull=True,
                contact__has_decision_mandate=True,
                contact__organisation_id__in=list(leads),
            )
            if leads
            else Q(pk__isnull=True),  # no lead municipality: nobody counts
        ),
    )
    empty = plan["entries"] == 0
    return [
        Check(
            _("The lead municipality and the social entrepreneur each have a contact person"),
            bool(leads & with_contact) and bool(entrepreneurs & with_contact),
            _("Add a contact person at the lead municipality and at the social entrepreneur"),
            contacts_url,
        ),
        Check(
            _(
                "Someone with a decision mandate in the lead municipality is in the relationship "
                "plan"
            ),
            plan["decision_makers"] > 0,
            _("Put a decision maker of the lead municipality in the relationship plan"),
            new_entry_url,
        ),
        Check(
            _("The relationship plan has people in it, and none of its actions is overdue"),
            not empty and plan["overdue"] == 0,
            _("Put the people you need to reach in the relationship plan")
            if empty
            else _("Do the overdue actions of the relationship plan, or give them a new date"),
            new_entry_url if empty else plan_url,
        ),
    ]
