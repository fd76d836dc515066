"""Reads of the plan's revisions and approvals, and the rule of who may approve for a party.

`plan_status` answers the plan page, step 4's check and the print in seven queries whatever the
size of the plan: the latest revision, its approvals and the five of the current plan."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db.models import QuerySet

from ...models import EDITING_ROLES, Membership, Partnership, Party
from .models import PlanApproval, PlanRevision
from .serialise import PlanSnapshot, SnapshotParty, plan_from_snapshot, plan_to_dict, same_plan


def revisions_of(partnership: Partnership) -> QuerySet[PlanRevision]:
    """Newest first, without their snapshots (the list does not show them)."""
    return (
        PlanRevision.objects.filter(partnership=partnership)
        .select_related("published_by")
        .defer("snapshot")
        .order_by("-number")
    )


def revision_by_number(partnership: Partnership, number: int) -> PlanRevision | None:
    return (
        PlanRevision.objects.filter(partnership=partnership, number=number)
        .select_related("published_by")
        .first()
    )


def latest_revision(partnership: Partnership) -> PlanRevision | None:
    return (
        PlanRevision.objects.filter(partnership=partnership)
        .select_related("published_by")
        .order_by("-number")
        .first()
    )


def approvals_of(revision: PlanRevision) -> list[PlanApproval]:
    return list(
        PlanApproval.objects.filter(partnership_id=revision.partnership_id, revision=revision)
        .select_related("approved_by", "party__organisation")
        .order_by("approved_at", "id")
    )


def approval_counts(partnership: Partnership) -> dict[int, int]:
    """{revision id: number of approvals}, for the list of revisions (one query)."""
    counts: dict[int, int] = {}
    for revision_id in PlanApproval.objects.filter(partnership=partnership).values_list(
        "revision_id", flat=True
    ):
        counts[revision_id] = counts.get(revision_id, 0) + 1
    return counts


# Who may approve for a party ----------------------------------------------------------------
# A member with edit rights (editor, facilitator, owner) whose profile names the party's
# organisation. A viewer cannot commit a party; an editor of another organisation cannot
# approve on its behalf. The approval records the person's name and organisation as they
# were, visible to every member, so a wrong approval is seen and can be answered.


def _normalised(text: str) -> str:
    return " ".join(str(text).split()).casefold()


def represents(user: Any, party: Party) -> bool:
    """Whether the user's profile names the party's organisation (case and spaces aside)."""
    organisation = _normalised(getattr(user, "organisation", "") or "")
    return bool(organisation) and organisation == _normalised(party.organisation.name)


def represents_name(user: Any, name: str) -> bool:
    """Whether the user's profile names the organisation called `name`."""
    organisation = _normalised(getattr(user, "organisation", "") or "")
    return bool(organisation) and organisation == _normalised(name)


def may_approve(user: Any, membership: Membership | None, party: Party) -> bool:
    return (
        membership is not None
        and membership.role in EDITING_ROLES
        and membership.partnership_id == party.partnership_id
        and represents(user, party)
    )


# The plan's state ----------------------------------------------------------------------------


@dataclass
class PartyApproval:
    party: SnapshotParty
    needed: bool
    approval: PlanApproval | None = None


@dataclass
class PlanStatus:
    """The latest revision, whether the plan changed since, and who has approved it."""

    latest: PlanRevision | None
    snapshot: PlanSnapshot | None
    changed: bool
    current: dict[str, Any]
    rows: list[PartyApproval] = field(default_factory=list)

    @property
    def approvals(self) -> list[PlanApproval]:
        return [row.approval for row in self.rows if row.approval is not None]

    @property
    def missing(self) -> list[SnapshotParty]:
        return [row.party for row in self.rows if row.needed and row.approval is None]

    def awaits(self, user: Any) -> bool:
        """Whether the user's profile names a party whose approval the revision still needs
        (the page then offers them the approval; edit rights are checked by the page)."""
        return not self.changed and any(represents_name(user, p.name) for p in self.missing)

    @property
    def fully_approved(self) -> bool:
        return self.latest is not None and not self.missing

    @property
    def approved_and_current(self) -> bool:
        """Published, unchanged since, and approved by every party whose approval it needs."""
        return self.fully_approved and not self.changed


def plan_status(partnership: Partnership) -> PlanStatus:
    """Seven queries: the latest revision, its approvals, and the plan as it is now."""
    current = plan_to_dict(partnership)
    latest = latest_revision(partnership)
    if latest is None:
        return PlanStatus(None, None, True, current)
    snapshot = plan_from_snapshot(latest.snapshot)
    approvals = {approval.party_id: approval for approval in approvals_of(latest)}
    needed = {party.id for party in snapshot.approvers_needed}
    rows = [
        PartyApproval(party, party.id in needed, approvals.get(party.id))
        for party in snapshot.parties
        if party.id in needed or party.id in approvals
    ]
    return PlanStatus(latest, snapshot, not same_plan(latest.snapshot, current), current, rows)
