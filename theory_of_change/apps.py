from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TheoryOfChangeConfig(AppConfig):
    name = "theory_of_change"
    verbose_name = _("Theory of change")

    def ready(self) -> None:
        from partnerships.history import register_history
        from partnerships.models import SteeringDocument

        from .models import Indicator, Link, Node, Revision, TargetGroupNeed, TheoryOfChange

        # SteeringDocument lives in partnerships but arrived with step 3; registered here so
        # the partnerships app's own configuration stays untouched.
        register_history(SteeringDocument, describe=lambda r: r.title)
        register_history(TheoryOfChange, describe=lambda r: str(_("Shared picture")))
        register_history(TargetGroupNeed, describe=lambda r: r.need)
        register_history(Node, describe=lambda r: f"{r.get_level_display()}: {r.title}")
        register_history(
            Link,
            related=("source", "target"),
            describe=lambda r: (
                f"{getattr(r.source, 'title', '?')} → {getattr(r.target, 'title', '?')}"
            ),
        )
        register_history(Indicator, describe=lambda r: r.name)
        register_history(
            Revision, describe=lambda r: str(_("Revision %(number)s") % {"number": r.number})
        )
