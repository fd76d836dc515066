"""Writes for meetings, their follow-up actions and the calendar feed (keyword-only)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User

from ..concurrency import create_validated, update_versioned
from ..history import RESTORED_REASON
from ..models import Contact, Membership, Partnership
from .models import (
    MEETING_ACTION_FIELDS,
    MEETING_FIELDS,
    CalendarFeed,
    Meeting,
    MeetingAction,
)

_M2M = ("members", "contacts")


def _only(fields: dict[str, Any], allowed: tuple[str, ...], what: str) -> dict[str, Any]:
    unknown = set(fields) - set(allowed)
    if unknown:
        raise TypeError(f"{what} cannot change {', '.join(sorted(unknown))}")
    return fields


def _ids(values: Iterable[Any]) -> set[Any]:
    return {getattr(value, "pk", value) for value in values}


def check_participants(
    partnership: Partnership,
    *,
    members: Iterable[Any] = (),
    contacts: Iterable[Any] = (),
    meeting: Meeting | None = None,
) -> None:
    """Refuse participants who are not members (users) or contacts of this partnership. Those
    already on `meeting` may stay (a member who left, a contact removed since)."""
    errors: dict[str, str] = {}
    member_ids = _ids(members)
    contact_ids = _ids(contacts)
    if meeting is not None:
        member_ids -= set(meeting.members.values_list("pk", flat=True))
        contact_ids -= set(meeting.contacts.values_list("pk", flat=True))
    if member_ids:
        known = set(
            Membership.objects.filter(partnership=partnership, user_id__in=member_ids).values_list(
                "user_id", flat=True
            )
        )
        if member_ids - known:
            errors["members"] = _("Only members of this partnership can be chosen as participants.")
    if contact_ids:
        known = set(
            Contact.objects.filter(partnership=partnership, pk__in=contact_ids).values_list(
                "pk", flat=True
            )
        )
        if contact_ids - known:
            errors["contacts"] = _(
                "Only contacts of this partnership can be chosen as participants."
            )
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def meeting_create(*, partnership: Partnership, **fields: Any) -> Meeting:
    """Add a meeting; its participants must be members or contacts of the partnership."""
    fields = _only(dict(fields), MEETING_FIELDS, "meeting_create")
    many = {name: list(fields.pop(name, None) or ()) for name in _M2M}
    check_participants(partnership, members=many["members"], contacts=many["contacts"])
    meeting = create_validated(Meeting(partnership=partnership, **fields))
    for name, values in many.items():
        if values:
            getattr(meeting, name).set(values)
    return meeting


def meeting_update(*, meeting: Meeting, expected_version: int, **fields: Any) -> Meeting:
    """Change a meeting, merged with what others saved since `expected_version`."""
    changes = _only(dict(fields), MEETING_FIELDS, "meeting_update")
    check_participants(
        meeting.partnership,
        members=changes.get("members") or (),
        contacts=changes.get("contacts") or (),
        meeting=meeting,
    )
    return update_versioned(meeting, expected_version=expected_version, changes=changes)


def _set_meeting_removed(meeting: Meeting, removed: bool) -> Meeting:
    with transaction.atomic():
        row = Meeting.all_objects.select_for_update().get(pk=meeting.pk)
        if (row.removed_at is not None) == removed:
            return row
        row.removed_at = timezone.now() if removed else None
        row.version += 1
        if not removed:
            row._change_reason = RESTORED_REASON  # type: ignore[attr-defined]
        row.save()
        return row


def meeting_remove(*, meeting: Meeting) -> Meeting:
    """Remove a meeting softly: it leaves the lists and the calendar feed, its actions kept."""
    return _set_meeting_removed(meeting, removed=True)


def meeting_restore(*, meeting: Meeting) -> Meeting:
    """Bring a removed meeting back, with its actions; calendars see it again (same UID)."""
    return _set_meeting_removed(meeting, removed=False)


# Follow-up actions ----------------------------------------------------------------------------


def _check_owner(partnership: Partnership, owner: Any) -> None:
    if owner is None:
        return
    owner_id = getattr(owner, "pk", owner)
    if not Membership.objects.filter(partnership=partnership, user_id=owner_id).exists():
        raise ValidationError(
            {"owner": _("The owner must be a member of this partnership; or write a name.")}
        )


def _done_fields(action: MeetingAction) -> None:
    if action.done and action.done_at is None:
        action.done_at = timezone.now()
    elif not action.done:
        action.done_at = None


def _validate_action(action: MeetingAction) -> None:
    _done_fields(action)
    action.full_clean()


def meeting_action_create(*, meeting: Meeting, **fields: Any) -> MeetingAction:
    """Add a follow-up action to a meeting; its owner is a member or a name."""
    fields = _only(dict(fields), MEETING_ACTION_FIELDS, "meeting_action_create")
    _check_owner(meeting.partnership, fields.get("owner"))
    action = MeetingAction(partnership_id=meeting.partnership_id, meeting=meeting, **fields)
    return create_validated(action, validate=_validate_action)


def meeting_action_update(
    *, action: MeetingAction, expected_version: int, **fields: Any
) -> MeetingAction:
    """Change a follow-up action, merged with what others saved since `expected_version`."""
    changes = _only(dict(fields), MEETING_ACTION_FIELDS, "meeting_action_update")
    owner = changes.get("owner")
    if owner is not None and getattr(owner, "pk", owner) != action.owner_id:
        _check_owner(action.partnership, owner)  # the owner may stay after leaving
    return update_versioned(
        action, expected_version=expected_version, changes=changes, validate=_validate_action
    )


def meeting_action_set_done(*, action: MeetingAction, done: bool) -> MeetingAction:
    """Mark an action done (or not done again). Marking twice changes nothing."""
    with transaction.atomic():
        row = MeetingAction.objects.select_for_update().get(pk=action.pk)
        if row.done == done:
            return row
        row.done = done
        _done_fields(row)
        row.version += 1
        row.save()
        return row


def meeting_action_delete(*, action: MeetingAction) -> None:
    """Delete an action; it can be brought back from the history."""
    MeetingAction.objects.filter(pk=action.pk).delete()


# The calendar feed ----------------------------------------------------------------------------


def calendar_feed_create(*, partnership: Partnership, user: User | None) -> CalendarFeed:
    """A new secret feed address; an active one is revoked first (at most one is active)."""
    with transaction.atomic():
        Partnership.objects.select_for_update().filter(pk=partnership.pk).first()
        for feed in CalendarFeed.objects.filter(partnership=partnership, revoked_at__isnull=True):
            feed.revoked_at = timezone.now()
            feed.save(update_fields=["revoked_at"])
        return CalendarFeed.objects.create(partnership=partnership, created_by=user)


def calendar_feed_revoke(*, partnership: Partnership) -> int:
    """End the active feed: calendars that subscribe to it get nothing more. Returns how many
    feeds were revoked (0 or 1)."""
    with transaction.atomic():
        revoked = 0
        for feed in CalendarFeed.objects.select_for_update().filter(
            partnership=partnership, revoked_at__isnull=True
        ):
            feed.revoked_at = timezone.now()
            feed.save(update_fields=["revoked_at"])
            revoked += 1
        return revoked
