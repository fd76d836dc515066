"""Step 4, define roles: the plan's activities match the chain's, and the RACI matrix holds."""

from __future__ import annotations

from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from ..models import Partnership
from ..steps import Check, register
from .selectors import chain_sync, raci_matrix, ways_of_working


@register(4, order=10)
def plan_and_roles(partnership: Partnership) -> list[Check]:
    """Four checks in six queries (the sync two, the matrix three, the ways of working one),
    whatever the size of the plan."""
    sync = chain_sync(partnership)
    matrix = raci_matrix(partnership)
    plan_url = reverse("partnerships:plan", kwargs={"key": partnership.key})
    raci_url = reverse("partnerships:plan_raci", kwargs={"key": partnership.key})
    has_activities = bool(matrix.rows)
    sync_action: str | Promise
    if sync.missing:
        sync_action = ngettext(
            "Create a plan activity for the %(count)d chain activity without one",
            "Create plan activities for the %(count)d chain activities without one",
            len(sync.missing),
        ) % {"count": len(sync.missing)}
    elif sync.orphans:
        sync_action = ngettext(
            "Link the %(count)d plan activity that carries out no chain activity",
            "Link the %(count)d plan activities that carry out no chain activity",
            len(sync.orphans),
        ) % {"count": len(sync.orphans)}
    else:
        sync_action = _("Add the activities of the plan")
    invalid = matrix.check.invalid_rows
    idle = len(matrix.check.idle_parties)
    return [
        Check(
            _("Every chain activity has a plan activity (and every plan activity a chain one)"),
            has_activities and sync.in_step,
            sync_action,
            f"{plan_url}#sync",
        ),
        Check(
            _("Every plan activity has exactly one A and at least one R"),
            has_activities and matrix.check.rows_valid,
            ngettext(
                "Fix the roles of the %(count)d activity marked in the RACI matrix",
                "Fix the roles of the %(count)d activities marked in the RACI matrix",
                invalid,
            )
            % {"count": invalid}
            if invalid
            else _("Add activities to the plan, then give them roles"),
            raci_url,
        ),
        Check(
            _("Every party has a role somewhere"),
            has_activities and bool(matrix.parties) and not idle,
            ngettext(
                "Give the %(count)d party without a role a part in an activity",
                "Give the %(count)d parties without a role a part in an activity",
                idle,
            )
            % {"count": idle}
            if idle
            else _("Add activities to the plan, then give each party a role"),
            raci_url,
        ),
        Check(
            _("The ways of working are written (channels, meetings, conflicts)"),
            ways_of_working(partnership).is_written,
            _("Write down how you communicate, meet and settle disagreements"),
            reverse("partnerships:plan_ways_edit", kwargs={"key": partnership.key}),
        ),
    ]


from . import resources_steps  # noqa: E402, F401  (step 4: resources and competences)


@register(4, order=30)
def plan_approved(partnership: Partnership) -> list[Check]:
    """One check in seven queries (the latest revision, its approvals, the plan as it is now),
    whatever the size of the plan."""
    from .revisions.selectors import plan_status

    status = plan_status(partnership)
    key = partnership.key
    action: str | Promise
    url: str
    if status.latest is None or status.changed:
        action = (
            _("Publish the plan as a revision for the parties to approve")
            if status.latest is None
            else _("The plan changed since revision %(number)s: publish a new revision")
            % {"number": status.latest.number}
        )
        url = reverse("partnerships:plan_revision_publish", kwargs={"key": key})
    else:
        names = ", ".join(party.name for party in status.missing)
        action = _("Ask for approval from: %(parties)s") % {"parties": names}
        url = reverse(
            "partnerships:plan_revision_approve",
            kwargs={"key": key, "number": status.latest.number},
        )
    return [
        Check(
            _("The current revision is approved by every party (and not changed since)"),
            status.approved_and_current,
            action,
            url,
        )
    ]
