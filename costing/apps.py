from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CostingConfig(AppConfig):
    name = "costing"
    verbose_name = _("Financing and costs")

    def ready(self) -> None:
        from partnerships.history import register_history

        from .documents.models import CommitteeDecision, GeneratedDocument, MemoDraft

        register_history(MemoDraft, describe=lambda r: r.subject)
        register_history(GeneratedDocument, describe=str)
        register_history(CommitteeDecision, related=("document",), describe=str)
