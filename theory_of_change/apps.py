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

        def node_title(node: Node | None, node_id: int) -> str:
            """A link end's title; for a node deleted since, its last title in the history
            (one query, only for links whose node is gone)."""
            if node is not None:
                return node.title
            last = Node.history.filter(id=node_id).order_by("-history_id")
            return last.values_list("title", flat=True).first() or "?"

        register_history(
            Link,
            related=("source", "target"),
            describe=lambda r: (
                f"{node_title(r.source, r.source_id)} → {node_title(r.target, r.target_id)}"
            ),
        )
        register_history(Indicator, describe=lambda r: r.name)
        register_history(
            Revision, describe=lambda r: str(_("Revision %(number)s") % {"number": r.number})
        )
