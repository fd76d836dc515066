"""Step 1's checks from contacts and the relationship plan (four queries, whatever the size)."""

from __future__ import annotations

from typing import TYPE_CHECKING

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
    party_orgs = {organisation for organisation, _part in parties}
    leads = {org for org, part in parties if part == Party.Part.LEAD_MUNICIPALITY}
    reachable = Contact.objects.filter(partnership=partnership, erased_at__isnull=True)
    with_contact = set(reachable.order_by().values_list("organisation_id", flat=True).distinct())
    plan = RelationshipEntry.objects.filter(
        partnership=partnership, contact__removed_at__isnull=True
    )
    decision_maker_in_plan = bool(leads) and (
        plan.filter(
            contact__erased_at__isnull=True,
            contact__has_decision_mandate=True,
            contact__organisation_id__in=leads,
        ).exists()
    )
    overdue = plan.filter(_overdue_q(timezone.localdate())).exists()
    return [
        Check(
            _("Every party has at least one contact person"),
            bool(party_orgs) and party_orgs <= with_contact,
            _("Add a contact person for each party"),
            contacts_url,
        ),
        Check(
            _(
                "Someone with a decision mandate in the lead municipality is in the relationship "
                "plan"
            ),
            decision_maker_in_plan,
            _("Put a decision maker of the lead municipality in the relationship plan"),
            new_entry_url,
        ),
        Check(
            _("No action in the relationship plan is overdue"),
            not overdue,
            _("Do the overdue actions of the relationship plan, or give them a new date"),
            plan_url,
        ),
    ]
