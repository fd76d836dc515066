"""Step 2 checks from the meetings: the parties have met to shape the work, and follow up."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..steps import Check, register

if TYPE_CHECKING:
    from ..models import Partnership


@register(2, order=20)
def meetings_held(partnership: Partnership) -> list[Check]:
    """Two checks in one query, however many meetings and actions there are."""
    from ..models import Partnership
    from .models import Meeting, MeetingAction

    held = Meeting.objects.filter(
        partnership=OuterRef("pk"), kind__in=Meeting.TRUST_KINDS, starts_at__lt=timezone.now()
    ).exclude(notes="")
    overdue = MeetingAction.objects.filter(
        partnership=OuterRef("pk"),
        done=False,
        meeting__removed_at__isnull=True,
        due_date__lt=timezone.localdate(),
    )
    found = (
        Partnership.objects.filter(pk=partnership.pk)
        .annotate(held=Exists(held), overdue=Exists(overdue))
        .values("held", "overdue")
        .first()
    ) or {"held": False, "overdue": False}
    meetings_url = reverse("partnerships:meeting_list", kwargs={"key": partnership.key})
    actions_url = reverse("partnerships:action_list", kwargs={"key": partnership.key})
    return [
        Check(
            _("A kick-off or co-creation workshop has been held, with notes"),
            found["held"],
            _("Record the kick-off or a co-creation workshop, with its notes"),
            meetings_url,
        ),
        Check(
            _("No follow-up action from the meetings is overdue"),
            not found["overdue"],
            _("Follow up the overdue actions"),
            actions_url,
        ),
    ]
