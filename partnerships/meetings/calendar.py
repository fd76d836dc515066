"""Meetings as iCalendar (RFC 5545) for Outlook, Google Calendar and Apple Calendar.

Each meeting is a VEVENT with a UID that never changes (its stored uuid), so a calendar
updates the event rather than adding a copy; SEQUENCE and LAST-MODIFIED come from the version.
Times are written in Europe/Stockholm with a VTIMEZONE, as Outlook needs.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable
from datetime import UTC, datetime
from urllib.parse import urlparse

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar, Event

from .display import local
from .models import Meeting

PRODID = "-//Samverkan//Meetings//SV"


def uid_for(meeting: Meeting) -> str:
    host = urlparse(settings.SITE_URL).hostname or "samverkan"
    return f"meeting-{meeting.uid}@{host}"


def _event(meeting: Meeting, url: str, stamp: datetime) -> Event:
    event = Event()
    event.add("uid", uid_for(meeting))
    event.add("dtstamp", stamp)
    event.add("dtstart", local(meeting.starts_at))
    event.add("dtend", local(meeting.ends_at))
    event.add("summary", meeting.title)
    location = meeting.location or meeting.online_link
    if location:
        event.add("location", location)
    description = meeting.agenda.strip()
    if meeting.online_link:
        description = f"{description}\n\n{meeting.online_link}".strip()
    if description:
        event.add("description", description)
    event.add("url", url)
    event.add("last-modified", meeting.updated_at.astimezone(UTC))
    event.add("sequence", max(meeting.version - 1, 0))
    event.add("status", "CONFIRMED")
    return event


def calendar_bytes(
    meetings: Iterable[Meeting], *, name: str, url_for: Callable[[Meeting], str]
) -> bytes:
    """The meetings as one VCALENDAR, with the Stockholm time zone."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", "Europe/Stockholm")
    stamp = timezone.now().astimezone(UTC).replace(microsecond=0)
    for meeting in meetings:
        calendar.add_component(_event(meeting, url_for(meeting), stamp))
    calendar.add_missing_timezones()
    return calendar.to_ical()


def ascii_filename(title: str, fallback: str = "meeting") -> str:
    """A file name of ASCII letters, digits and dashes: "Träff om målgruppen" → "traff-om-malgruppen"."""
    plain = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^A-Za-z0-9]+", "-", plain).strip("-").lower()[:60].strip("-")
    return f"{slug or fallback}.ics"
