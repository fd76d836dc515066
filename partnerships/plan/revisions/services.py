"""Writes of the plan's revisions: publish one, approve one for a party."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from ...models import Membership, Partnership, Party
from . import selectors
from .models import PlanApproval, PlanRevision
from .serialise import plan_from_snapshot, plan_to_dict, same_plan


def _lock(partnership_id: int) -> None:
    Partnership.objects.select_for_update().filter(pk=partnership_id).first()


def plan_revision_publish(*, partnership: Partnership, user: Any, reason: str) -> PlanRevision:
    """Freeze the whole plan as it is now into the next numbered revision, with its reason.

    Refused when the plan is the same as the latest revision: there is nothing new to approve."""
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": _("Write why the plan is published again.")})
    with transaction.atomic():
        _lock(partnership.pk)  # two publications at once do not get the same number
        snapshot = plan_to_dict(partnership)
        latest = selectors.latest_revision(partnership)
        if latest is not None and same_plan(latest.snapshot, snapshot):
            raise ValidationError(
                _(
                    "The plan has not changed since revision %(number)s: there is nothing new "
                    "to publish."
                )
                % {"number": latest.number}
            )
        highest = PlanRevision.objects.filter(partnership=partnership).aggregate(Max("number"))
        return PlanRevision.objects.create(
            partnership=partnership,
            number=(highest["number__max"] or 0) + 1,
            published_at=timezone.now(),
            published_by=user if getattr(user, "is_authenticated", False) else None,
            reason=reason,
            snapshot=snapshot,
        )


def plan_approve(*, revision: PlanRevision, party: Party, user: Any) -> PlanApproval:
    """Record that `user` approves `revision` for `party`.

    Only the latest revision, while the plan is unchanged since, for a party of that revision,
    by a member with edit rights whose profile names the party's organisation. A second
    approval for the same party changes nothing."""
    with transaction.atomic():
        _lock(revision.partnership_id)
        partnership = Partnership.objects.get(pk=revision.partnership_id)
        membership = Membership.objects.filter(partnership=partnership, user=user).first()
        party = Party.all_objects.select_related("organisation").get(pk=party.pk)
        if party.partnership_id != partnership.pk or party.is_removed:
            raise ValidationError(_("The party is not a current party of this partnership."))
        if not selectors.may_approve(user, membership, party):
            raise PermissionDenied(
                _(
                    "Only a member with edit rights whose profile names %(organisation)s may "
                    "approve for it. Your profile names “%(yours)s”."
                )
                % {
                    "organisation": party.organisation.name,
                    "yours": getattr(user, "organisation", "") or _("no organisation"),
                }
            )
        latest = selectors.latest_revision(partnership)
        if latest is None or latest.pk != revision.pk:
            raise ValidationError(
                _("Only the latest revision can be approved; this one has been replaced.")
            )
        if not same_plan(revision.snapshot, plan_to_dict(partnership)):
            raise ValidationError(
                _(
                    "The plan has changed since revision %(number)s was published. Publish a "
                    "new revision, then approve that one."
                )
                % {"number": revision.number}
            )
        if party.pk not in {p.id for p in plan_from_snapshot(revision.snapshot).parties}:
            raise ValidationError(_("The party was not a party when this revision was published."))
        existing = PlanApproval.objects.filter(revision=revision, party=party).first()
        if existing is not None:
            return existing
        return PlanApproval.objects.create(
            partnership=partnership,
            revision=revision,
            party=party,
            approved_by=user,
            approved_at=timezone.now(),
            approver_name=user.display_name[:300],
            approver_organisation=(user.organisation or "")[:300],
            party_name=party.organisation.name[:300],
        )
