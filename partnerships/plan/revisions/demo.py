"""Demo revisions: Eskilstuna's plan published as revision 1 and approved by the municipality
and Right By Me (the two parties that carry its activities); Boden's plan stays a draft.

Idempotent: a partnership with a revision keeps it as it is."""

from __future__ import annotations

from ...demo import ESKILSTUNA, DemoContext
from ...models import Party
from . import services
from .models import PlanRevision

REASON = (
    "Planen för pilotperioden: Right By Me driver verksamheten, arbetsmarknadsförvaltningen "
    "öppnar dörrar och förankrar i kommunen, avstämning varje vecka."
)
APPROVERS: dict[str, str] = {
    Party.Part.LEAD_MUNICIPALITY: "kommun@demo.example",
    Party.Part.SOCIAL_ENTREPRENEUR: "entreprenor@demo.example",
}


def seed(context: DemoContext) -> None:
    partnership = context.partnerships[ESKILSTUNA]
    if PlanRevision.objects.filter(partnership=partnership).exists():
        return
    revision = services.plan_revision_publish(
        partnership=partnership, user=context.users.get("kommun@demo.example"), reason=REASON
    )
    for party in Party.objects.filter(partnership=partnership).select_related("organisation"):
        email = APPROVERS.get(party.part)
        user = context.users.get(email) if email else None
        if user is not None:
            services.plan_approve(revision=revision, party=party, user=user)
