"""How a meeting's time reads: "tis 14 jan 2025 09.00–16.00", always in Swedish time."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from django.utils import formats, timezone
from django.utils.translation import pgettext

STOCKHOLM = ZoneInfo("Europe/Stockholm")


def local(value: datetime) -> datetime:
    """`value` in Swedish time (Europe/Stockholm), whatever the server's time zone."""
    return timezone.localtime(value, STOCKHOLM)


def _date(value: datetime) -> str:
    # Swedish: "tis 14 jan 2025" (lower-case month); English: "Tue 14 Jan 2025".
    return formats.date_format(value, pgettext("meeting date format", "D j M Y"))


def _time(value: datetime) -> str:
    # Swedish writes 09.00, English 09:00.
    return formats.date_format(value, pgettext("meeting time format", "H:i"))


def when_label(starts: datetime, ends: datetime) -> str:
    """The meeting's day and times; both days when it spans more than one."""
    start, end = local(starts), local(ends)
    if start.date() == end.date():
        return f"{_date(start)} {_time(start)}–{_time(end)}"
    return f"{_date(start)} {_time(start)} – {_date(end)} {_time(end)}"
