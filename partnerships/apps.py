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
        from .orgchart.history import register as register_orgchart

        register_orgchart()
