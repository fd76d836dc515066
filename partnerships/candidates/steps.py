"""Step 1's checks from the candidate partners: a chosen partner was assessed and talked to.

The checks are about the parties that came from a candidate. A partnership that had its lead
municipality and its social entrepreneur before candidates existed in Samverkan (or that found
them without comparing) is not penalised: with both parties in place and no chosen candidate,
the checks pass. Without both parties and without a chosen candidate, they ask to add
candidates and choose. One query on the overview (which prefetches the parties), two
elsewhere, however many candidates and parties there are.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ..steps import Check, register

if TYPE_CHECKING:
    from ..models import Partnership


@register(1, order=30)
def candidate_checks(partnership: Partnership) -> list[Check]:
    from ..models import Party
    from .models import Candidate

    chosen = list(
        Candidate.objects.filter(partnership=partnership, status=Candidate.Status.CHOSEN)
        .select_related("organisation")
        .order_by("organisation__name")
    )
    # The parties the overview prefetched (no query there; one otherwise).
    parts = {party.part for party in partnership.parties.all()}
    has_both = {Party.Part.LEAD_MUNICIPALITY, Party.Part.SOCIAL_ENTREPRENEUR} <= parts
    list_url = reverse("partnerships:candidate_list", kwargs={"key": partnership.key})

    def detail(candidate: Candidate, name: str) -> str:
        return reverse(
            f"partnerships:candidate_{name}", kwargs={"key": partnership.key, "pk": candidate.pk}
        )

    if not chosen:
        return [
            Check(
                _("Candidates were assessed on every criterion before one was chosen"),
                has_both,
                _("Add candidate partners, assess them and choose"),
                list_url,
            ),
            Check(
                _("The conversation guide was used with the chosen candidates"),
                has_both,
                _("Talk to the candidates with the conversation guide"),
                list_url,
            ),
        ]
    unassessed = next((c for c in chosen if not c.fully_assessed), None)
    unasked = next((c for c in chosen if c.answered_count == 0), None)
    return [
        Check(
            _("Candidates were assessed on every criterion before one was chosen"),
            unassessed is None,
            _("Assess %(organisation)s on every criterion") % {"organisation": unassessed}
            if unassessed
            else "",
            detail(unassessed, "edit") if unassessed else "",
        ),
        Check(
            _("The conversation guide was used with the chosen candidates"),
            unasked is None,
            _("Write down %(organisation)s's answers to the conversation guide")
            % {"organisation": unasked}
            if unasked
            else "",
            detail(unasked, "conversation") if unasked else "",
        ),
    ]
