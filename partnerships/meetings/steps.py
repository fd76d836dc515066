"""Step 2 checks from the meetings: the parties have met to shape the work, and follow up."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..steps import Check, register

if TYPE_CHECKING:
    from ..models import Partnership


@register(2, order=20)
def meetings_held(partnership: Partnership) -> list[Check]:
    """Two checks in two queries, however many meetings and actions there are."""
    from .models import Meeting, MeetingAction

    now = timezone.now()
    held = Meeting.objects.filter(
        partnership=partnership,
        kind__in=Meeting.TRUST_KINDS,
        starts_at__lt=now,
    ).exclude(notes="")
    overdue = MeetingAction.objects.filter(
        partnership=partnership,
        done=False,
        meeting__removed_at__isnull=True,
        due_date__lt=timezone.localdate(),
    ).exists()
    meetings_url = reverse("partnerships:meeting_list", kwargs={"key": partnership.key})
    actions_url = reverse("partnerships:action_list", kwargs={"key": partnership.key})
    return [
        Check(
            _("A kick-off or co-creation workshop has been held, with notes"),
            held.exists(),
            _("Record the kick-off or a co-creation workshop, with its notes"),
            meetings_url,
        ),
        Check(
            _("No follow-up action from the meetings is overdue"),
            not overdue,
            _("Follow up the overdue actions"),
            actions_url,
        ),
    ]
