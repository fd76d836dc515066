"""Reads for meetings and follow-up actions, each in a fixed number of queries."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from django.db.models import Case, Count, F, IntegerField, Q, QuerySet, Value, When
from django.utils import timezone

from ..models import Partnership
from .models import CalendarFeed, Meeting, MeetingAction


@dataclass(frozen=True)
class MeetingLists:
    upcoming: Sequence[Meeting]
    past: Sequence[Meeting]


def meeting_lists(partnership: Partnership, now: datetime | None = None) -> MeetingLists:
    """Upcoming meetings (not yet ended), soonest first, then past ones, latest first; each
    with its number of open actions (one query)."""
    now = now or timezone.now()
    meetings = list(
        Meeting.objects.filter(partnership=partnership).annotate(
            open_actions=Count("actions", filter=Q(actions__done=False))
        )
    )
    upcoming = [m for m in meetings if m.ends_at >= now]
    past = sorted((m for m in meetings if m.ends_at < now), key=lambda m: m.starts_at, reverse=True)
    return MeetingLists(upcoming, past)


def removed_meetings(partnership: Partnership) -> QuerySet[Meeting]:
    return Meeting.all_objects.filter(partnership=partnership, removed_at__isnull=False).order_by(
        "-removed_at"
    )


def meeting_actions(meeting: Meeting) -> QuerySet[MeetingAction]:
    """The meeting's actions, open ones first, by due date (one query)."""
    return (
        MeetingAction.objects.filter(partnership_id=meeting.partnership_id, meeting=meeting)
        .select_related("owner")
        .order_by("done", F("due_date").asc(nulls_last=True), "pk")
    )


def open_actions(partnership: Partnership, today: date | None = None) -> QuerySet[MeetingAction]:
    """Actions not done, of meetings not removed: overdue ones first, then by due date, those
    without a date last (one query)."""
    today = today or timezone.localdate()
    return (
        MeetingAction.objects.filter(
            partnership=partnership, done=False, meeting__removed_at__isnull=True
        )
        .select_related("meeting", "owner")
        .annotate(
            overdue_rank=Case(
                When(due_date__lt=today, then=Value(0)),
                default=Value(1),
                output_field=IntegerField(),
            )
        )
        .order_by("overdue_rank", F("due_date").asc(nulls_last=True), "pk")
    )


@dataclass(frozen=True)
class ActionCounts:
    open: int
    overdue: int


def action_counts(partnership: Partnership, today: date | None = None) -> ActionCounts:
    """How many actions are open, and how many of them are overdue (one query)."""
    today = today or timezone.localdate()
    counts = MeetingAction.objects.filter(
        partnership=partnership, done=False, meeting__removed_at__isnull=True
    ).aggregate(open=Count("pk"), overdue=Count("pk", filter=Q(due_date__lt=today)))
    return ActionCounts(counts["open"] or 0, counts["overdue"] or 0)


def active_feed(partnership: Partnership) -> CalendarFeed | None:
    return CalendarFeed.objects.filter(partnership=partnership, revoked_at__isnull=True).first()


def feed_by_token(token: str) -> CalendarFeed | None:
    """The active feed with this secret, with its partnership (one query); None otherwise."""
    if not token or len(token) > 64:
        return None
    return (
        CalendarFeed.objects.select_related("partnership")
        .filter(token=token, revoked_at__isnull=True)
        .first()
    )


def feed_meetings(partnership: Partnership) -> QuerySet[Meeting]:
    """Every meeting of the partnership that is not removed, for the calendar (one query)."""
    return Meeting.objects.filter(partnership=partnership).order_by("starts_at", "pk")
