"""The demo meetings: Eskilstuna's five full days in 2023 and Boden's meetings, seeded once."""

from __future__ import annotations

from io import StringIO
from typing import Any

from django.core.management import call_command
from django.urls import reverse

from accounts.models import User
from partnerships.demo import BODEN, ESKILSTUNA
from partnerships.meetings import selectors
from partnerships.meetings.models import Meeting, MeetingAction
from partnerships.models import Partnership


def seed() -> None:
    call_command("seed_demo", stdout=StringIO())


def test_demo_meetings_and_their_open_overdue_action(client: Any, db: Any) -> None:
    seed()
    eskilstuna = Partnership.objects.get(title=ESKILSTUNA)
    meetings = Meeting.objects.filter(partnership=eskilstuna)
    full_days = [m for m in meetings if m.title.startswith("Heldag")]
    assert len(full_days) == 5
    assert all(m.starts_at.year == 2023 and m.notes and m.decisions for m in full_days)
    assert meetings.filter(kind=Meeting.Kind.OPERATIONAL).count() >= 3
    counts = selectors.action_counts(eskilstuna)
    assert counts.overdue == 1 and counts.open == 2
    boden = Partnership.objects.get(title=BODEN)
    kinds = sorted(Meeting.objects.filter(partnership=boden).values_list("kind", flat=True))
    assert kinds.count("co_creation") == 3 and kinds.count("strategic") == 2
    assert kinds.count("target_group") == 1
    client.force_login(User.objects.get(email="insyn@demo.example"))
    page = client.get(
        reverse("partnerships:action_list", kwargs={"key": eskilstuna.key})
    ).content.decode()
    assert "Ta fram rutin för avvikelser och oenighet" in page
    before = (Meeting.all_objects.count(), MeetingAction.objects.count())
    seed()  # again: nothing new
    assert (Meeting.all_objects.count(), MeetingAction.objects.count()) == before
