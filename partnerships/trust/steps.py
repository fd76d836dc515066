"""Step 2's checks from the perspectives, the organisational contexts and the glossary."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ..steps import Check, register
from .shape import CONTEXT_REQUIRED, PERSPECTIVE_REQUIRED

if TYPE_CHECKING:
    from ..models import Partnership
    from .models import PartyAnswers


def _all_answered(
    partnership: Partnership,
    party_ids: set[int],
    model: type[PartyAnswers],
    required: tuple[str, ...],
) -> bool:
    """Whether every active party has a row of `model` with `required` answered (one query,
    whatever the number of parties). No party at all is not done."""
    if not party_ids:
        return False
    done = {
        party_id
        for party_id, *answers in model._default_manager.filter(
            partnership=partnership, party__in=party_ids
        ).values_list("party_id", *required)
        if all(str(answer or "").strip() for answer in answers)
    }
    return party_ids <= done


@register(2, order=10)
def perspectives_and_contexts(partnership: Partnership) -> list[Check]:
    from .models import OrganisationalContext, Perspective

    key = partnership.key
    # The active parties, from the overview's prefetch when it is there (else one query).
    party_ids = {party.pk for party in partnership.parties.all()}
    return [
        Check(
            _("Every party has written its perspective (goals, brings, needs at least)"),
            _all_answered(partnership, party_ids, Perspective, PERSPECTIVE_REQUIRED),
            _("Write each party's goals, what it brings and what it needs"),
            reverse("partnerships:perspective_list", kwargs={"key": key}),
        ),
        Check(
            _("Every party has described its organisational context"),
            _all_answered(partnership, party_ids, OrganisationalContext, CONTEXT_REQUIRED),
            _("Describe what each organisation already does and its strengths"),
            reverse("partnerships:context_list", kwargs={"key": key}),
        ),
    ]


@register(2, order=30)
def glossary(partnership: Partnership) -> list[Check]:
    from ..models import GlossaryTerm

    return [
        Check(
            _("The shared glossary has at least one agreed term"),
            GlossaryTerm.objects.filter(
                partnership=partnership, status=GlossaryTerm.Status.AGREED
            ).exists(),
            _("Agree on what a word means in the glossary"),
            reverse("partnerships:glossary_list", kwargs={"key": partnership.key}),
        )
    ]
