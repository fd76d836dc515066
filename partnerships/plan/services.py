"""Writes of the collaboration plan: its activities and the cells of the RACI matrix."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from theory_of_change.models import Node
from theory_of_change.shape import Level

from ..concurrency import create_validated, update_versioned
from ..history import RESTORED_REASON
from ..models import Membership, Partnership, Party
from . import rules
from .models import (
    PLAN_ACTIVITY_FIELDS,
    RISK_FIELDS,
    WAYS_OF_WORKING_FIELDS,
    PlanActivity,
    RaciAssignment,
    Risk,
    WaysOfWorking,
)


def _only(fields: dict[str, Any], what: str) -> dict[str, Any]:
    unknown = set(fields) - set(PLAN_ACTIVITY_FIELDS)
    if unknown:
        raise TypeError(f"{what} cannot change {', '.join(sorted(unknown))}")
    return fields


def _lock(partnership_id: int) -> None:
    """Serialise writes that count or match the plan's rows (create from the chain, pattern)."""
    Partnership.objects.select_for_update().filter(pk=partnership_id).first()


def check_activity(activity: PlanActivity) -> None:
    """The model's rules, and that what it names belongs to its partnership: the chain node
    (an activity), the responsible party (a current one) and person (a member)."""
    activity.full_clean()
    errors: dict[str, str] = {}
    node = activity.node
    if node is not None:
        if node.partnership_id != activity.partnership_id:
            errors["node"] = _("Choose an activity of this partnership's theory of change.")
        elif node.level != Level.ACTIVITY:
            errors["node"] = _("Choose a node at the activity level of the chain.")
    party = activity.responsible_party
    if party is not None and (party.partnership_id != activity.partnership_id or party.is_removed):
        errors["responsible_party"] = _("Choose a current party of this partnership.")
    person_id = activity.responsible_person_id
    if (
        person_id is not None
        and not Membership.objects.filter(
            partnership_id=activity.partnership_id, user_id=person_id
        ).exists()
    ):
        errors["responsible_person"] = _("Choose a member of this partnership.")
    if errors:
        raise ValidationError(errors)


def _next_order(partnership_id: int) -> int:
    top = PlanActivity.all_objects.filter(partnership_id=partnership_id).aggregate(Max("order"))
    return (top["order__max"] or 0) + 1


def plan_activity_create(*, partnership: Partnership, **fields: Any) -> PlanActivity:
    """Add an activity to the plan, at its end."""
    fields = _only(fields, "plan_activity_create")
    with transaction.atomic():
        _lock(partnership.pk)
        activity = PlanActivity(partnership=partnership, **fields)
        activity.order = _next_order(partnership.pk)
        return create_validated(activity, validate=check_activity)


def plan_activity_update(
    *, activity: PlanActivity, expected_version: int, **fields: Any
) -> PlanActivity:
    """Change a plan activity, merged with what others saved since `expected_version`."""
    return update_versioned(
        activity,
        expected_version=expected_version,
        changes=_only(fields, "plan_activity_update"),
        validate=check_activity,
    )


def _set_removed(pk: int, *, removed: bool, model: Any = PlanActivity) -> Any:
    with transaction.atomic():
        row = model.all_objects.select_for_update().get(pk=pk)
        if (row.removed_at is not None) == removed:
            return row  # already so: a second click changes nothing
        row.removed_at = timezone.now() if removed else None
        row.version += 1
        if not removed:
            row._change_reason = RESTORED_REASON
        row.save()
        return row


def plan_activity_remove(*, activity: PlanActivity) -> PlanActivity:
    """Remove a plan activity, softly: it and its RACI roles come back with Restore."""
    return _set_removed(activity.pk, removed=True)


def plan_activity_restore(*, activity: PlanActivity) -> PlanActivity:
    return _set_removed(activity.pk, removed=False)


def plan_activities_from_chain(*, partnership: Partnership) -> list[PlanActivity]:
    """One plan activity for each chain activity that has none yet, titled and described as
    the node. Running it again creates nothing: it is the button "Create from the chain"."""
    created = []
    with transaction.atomic():
        _lock(partnership.pk)
        carried = set(
            PlanActivity.objects.filter(
                partnership=partnership, node__level=Level.ACTIVITY
            ).values_list("node_id", flat=True)
        )
        nodes = Node.objects.filter(partnership=partnership, level=Level.ACTIVITY).order_by(
            "order", "id"
        )
        order = _next_order(partnership.pk)
        for node in nodes:
            if node.pk in carried:
                continue
            activity = PlanActivity(
                partnership=partnership,
                node=node,
                title=node.title[:200],
                description=node.description,
                planned_participants=node.planned_participants,
                order=order,
            )
            order += 1
            created.append(create_validated(activity, validate=check_activity))
    return created


# The RACI matrix ----------------------------------------------------------------------------


def raci_set(*, activity: PlanActivity, party: Party, role: str) -> RaciAssignment | None:
    """Give `party` the `role` ("R", "A", "C", "I") in `activity`, or clear the cell ("").

    A cell is small and has no fields to merge: the last write wins, serialised by a lock on
    the activity's row, and every change is kept in the history (who, when, from what)."""
    parsed = rules.parse_role(role)
    if parsed is None:
        raise ValidationError(_("A role is R, A, C, I or empty."))
    if party.partnership_id != activity.partnership_id or party.is_removed:
        raise ValidationError(_("The party is not a current party of this partnership."))
    with transaction.atomic():
        PlanActivity.objects.select_for_update().filter(pk=activity.pk).first()
        existing = RaciAssignment.objects.filter(activity=activity, party=party).first()
        if not parsed:
            if existing is not None:
                existing.delete()
            return None
        if existing is None:
            return RaciAssignment.objects.create(
                partnership_id=activity.partnership_id, activity=activity, party=party, role=parsed
            )
        if existing.role != parsed:
            existing.role = parsed
            existing.save()
        return existing


def raci_set_row(*, activity: PlanActivity, roles: Mapping[Party, str]) -> int:
    """Set several cells of one row (the row's Save without JavaScript); the number changed."""
    changed = 0
    current = {
        party_id: role
        for party_id, role in RaciAssignment.objects.filter(activity=activity).values_list(
            "party_id", "role"
        )
    }
    for party, role in roles.items():
        if current.get(party.pk, "") != (rules.parse_role(role) or ""):
            raci_set(activity=activity, party=party, role=role)
            changed += 1
    return changed


def raci_apply_pattern(*, partnership: Partnership) -> int:
    """Fill the EMPTY cells with the starting pattern (rules.starting_pattern); filled cells
    stay. Returns the number of cells filled."""
    with transaction.atomic():
        _lock(partnership.pk)
        parties = list(Party.objects.filter(partnership=partnership))
        activities = list(PlanActivity.objects.filter(partnership=partnership))
        cells = {
            (a, p): role
            for a, p, role in RaciAssignment.objects.filter(
                partnership=partnership, party__removed_at__isnull=True
            ).values_list("activity_id", "party_id", "role")
        }
        proposal = rules.starting_pattern(
            [a.pk for a in activities], [(p.pk, p.part) for p in parties], cells
        )
        by_id = {a.pk: a for a in activities}
        party_by_id = {p.pk: p for p in parties}
        for (activity_id, party_id), role in proposal.items():
            RaciAssignment.objects.create(
                partnership=partnership,
                activity=by_id[activity_id],
                party=party_by_id[party_id],
                role=role,
            )
    return len(proposal)


# Risks -------------------------------------------------------------------------------------


def check_risk(risk: Risk) -> None:
    """The model's rules, and that its owner is a current party of its partnership."""
    risk.full_clean()
    owner = risk.owner
    if owner is not None and (owner.partnership_id != risk.partnership_id or owner.is_removed):
        raise ValidationError({"owner": _("Choose a current party of this partnership.")})


def _risk_fields(fields: dict[str, Any], what: str) -> dict[str, Any]:
    unknown = set(fields) - set(RISK_FIELDS)
    if unknown:
        raise TypeError(f"{what} cannot change {', '.join(sorted(unknown))}")
    return fields


def risk_create(*, partnership: Partnership, **fields: Any) -> Risk:
    fields = _risk_fields(fields, "risk_create")
    return create_validated(Risk(partnership=partnership, **fields), validate=check_risk)


def risk_update(*, risk: Risk, expected_version: int, **fields: Any) -> Risk:
    """Change a risk, merged with what others saved since `expected_version`."""
    return update_versioned(
        risk,
        expected_version=expected_version,
        changes=_risk_fields(fields, "risk_update"),
        validate=check_risk,
    )


def risk_remove(*, risk: Risk) -> Risk:
    """Remove a risk, softly: it can be restored as it was."""
    return _set_removed(risk.pk, removed=True, model=Risk)


def risk_restore(*, risk: Risk) -> Risk:
    return _set_removed(risk.pk, removed=False, model=Risk)


# Ways of working ---------------------------------------------------------------------------


def ways_of_working_update(
    *, partnership: Partnership, expected_version: int, **fields: Any
) -> WaysOfWorking:
    """Write the partnership's ways of working (made on the first save), merged with what
    others saved since `expected_version`."""
    unknown = set(fields) - set(WAYS_OF_WORKING_FIELDS)
    if unknown:
        raise TypeError(f"ways_of_working_update cannot change {', '.join(sorted(unknown))}")
    with transaction.atomic():
        _lock(partnership.pk)
        ways, _created = WaysOfWorking.objects.get_or_create(partnership=partnership)
        return update_versioned(ways, expected_version=expected_version, changes=fields)
