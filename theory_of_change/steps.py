"""Step 3, set shared goals: how complete the theory of change is, from its records."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from partnerships.models import Partnership
from partnerships.steps import Check, register

from .rules import has_chain
from .selectors import load_chain


@register(3)
def shared_goals(partnership: Partnership) -> list[Check]:
    """Five checks in a fixed number of queries (the chain is read once)."""
    chain = load_chain(partnership)
    page = reverse("theory_of_change:page", kwargs={"key": partnership.key})
    edit = reverse("theory_of_change:edit", kwargs={"key": partnership.key})
    picture = chain.picture
    smart_goals = chain.smart_goal_count()
    levels = {node.id: node.level for node in chain.nodes}
    loose = chain.loose_ends()
    return [
        Check(
            _("A joint problem statement is written"),
            bool(picture.get("problem_statement", "").strip()),
            _("Write the problem statement together"),
            edit,
        ),
        Check(
            _("The target group is described, with its needs"),
            bool(picture.get("target_group", "").strip() and chain.needs),
            _("Describe the target group and its needs"),
            edit if not picture.get("target_group", "").strip() else f"{page}#needs",
        ),
        Check(
            _("At least one chain leads from an activity to a long-term outcome"),
            has_chain(levels, [(link.source, link.target) for link in chain.links]),
            _("Link an activity, step by step, to a long-term outcome"),
            f"{page}#chain",
        ),
        Check(
            ngettext(
                "At least one goal is SMART (now %(count)d SMART goal)",
                "At least one goal is SMART (now %(count)d SMART goals)",
                smart_goals,
            )
            % {"count": smart_goals},
            smart_goals >= 1,
            _("Make a goal SMART: see what is missing"),
            f"{page}#smart",
        ),
        Check(
            _("Every node is linked, and every outcome is reached from an activity"),
            bool(chain.nodes) and not loose,
            loose_ends_message(len(loose.unlinked), len(loose.unreached))
            or _("Add the steps of the chain and link them"),
            f"{page}#chain",
        ),
    ]


def loose_ends_message(unlinked: int, unreached: int) -> str:
    """What to do about the chain's loose ends, counted."""
    parts = []
    if unlinked:
        parts.append(
            ngettext(
                "link the %(count)d node that has no links",
                "link the %(count)d nodes that have no links",
                unlinked,
            )
            % {"count": unlinked}
        )
    if unreached:
        parts.append(
            ngettext(
                "lead an activity to the %(count)d outcome no activity reaches",
                "lead an activity to the %(count)d outcomes no activity reaches",
                unreached,
            )
            % {"count": unreached}
        )
    return _("Tie the chain together: %(what)s") % {"what": "; ".join(parts)} if parts else ""
