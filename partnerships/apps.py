from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PartnershipsConfig(AppConfig):
    name = "partnerships"
    verbose_name = _("Partnerships")

    def ready(self) -> None:
        from .history import register_history
        from .models import (
            FundingCall,
            GlossaryTerm,
            Invitation,
            Membership,
            Partnership,
            Party,
        )

        register_history(Partnership, partnership_lookup="id", describe=lambda r: r.title)
        register_history(Party, related=("organisation",), describe=lambda r: str(r.organisation))
        register_history(
            Membership, related=("user",), describe=lambda r: f"{r.user} ({r.get_role_display()})"
        )
        register_history(Invitation, describe=lambda r: r.email)
        register_history(FundingCall, describe=lambda r: r.title)
        register_history(GlossaryTerm, describe=lambda r: r.term)

        from .trust.models import OrganisationalContext, Perspective

        for answers in (Perspective, OrganisationalContext):
            register_history(
                answers,
                related=("party__organisation",),
                describe=lambda r: str(r.party.organisation),
            )
        from .contacts.apps import ready as contacts_ready

        contacts_ready()
        from .candidates.models import Candidate

        register_history(
            Candidate, related=("organisation",), describe=lambda r: str(r.organisation)
        )
        from .plan.models import PlanActivity, RaciAssignment, Risk, WaysOfWorking, describe_raci

        register_history(PlanActivity, describe=lambda r: r.title)
        register_history(Risk, describe=lambda r: r.title)
        register_history(WaysOfWorking, describe=lambda r: str(_("Ways of working")))
        register_history(
            RaciAssignment,
            related=("activity", "party__organisation"),
            describe=describe_raci,
        )
        from .plan.resources import ResourceItem

        register_history(
            ResourceItem,
            related=("party__organisation",),
            describe=lambda r: f"{r.party.organisation} – {r.description}",
        )
        from .plan.revisions.models import PlanApproval, PlanRevision

        register_history(PlanRevision, describe=lambda r: str(r))
        register_history(PlanApproval, describe=lambda r: r.party_name)
        from .meetings.models import CalendarFeed, Meeting, MeetingAction

        register_history(Meeting, describe=lambda r: r.title)
        register_history(MeetingAction, describe=lambda r: r.what)
        register_history(CalendarFeed, describe=lambda r: str(r))
        from .orgchart.history import register as register_orgchart

        register_orgchart()
