"""Step 1's check of the organisation chart: the lead municipality names its responsible unit."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ..steps import Check, register

if TYPE_CHECKING:
    from ..models import Partnership


@register(1, order=10)
def responsible_unit(partnership: Partnership) -> list[Check]:
    """Passed when a lead municipality party names an active unit of its organisation with at
    least one legal responsibility area (no query on the overview, which loaded the parties
    with their units; one otherwise)."""
    from ..models import Party

    if "parties" in getattr(partnership, "_prefetched_objects_cache", {}):
        parties = list(partnership.parties.all())  # the overview loaded them, units included
    else:
        parties = list(partnership.parties.select_related("unit").order_by("pk"))
    leads = [party for party in parties if party.part == Party.Part.LEAD_MUNICIPALITY]
    label = _("The lead municipality names the unit responsible by law, with its areas")
    parties_url = reverse("partnerships:parties", kwargs={"key": partnership.key})
    if not leads:
        return [Check(label, False, _("Add the lead municipality as a party"), parties_url)]
    for party in leads:
        unit = party.unit
        if unit is not None and unit.removed_at is None and unit.responsibility_list:
            return [Check(label, True)]
    party = leads[0]
    unit = party.unit
    if unit is None or unit.removed_at is not None:
        return [
            Check(
                label,
                False,
                _("Name the unit that carries the legal responsibility"),
                reverse("partnerships:party_unit", kwargs={"key": partnership.key, "pk": party.pk}),
            )
        ]
    return [
        Check(
            label,
            False,
            _("Write the unit's legal responsibility areas in the organisation chart"),
            reverse(
                "partnerships:org_unit_edit",
                kwargs={"pk": unit.organisation_id, "unit_pk": unit.pk},
            ),
        )
    ]
