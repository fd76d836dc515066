"""The plan's activities on a month axis: pure arithmetic for a CSS grid (no JavaScript).

The axis runs from the earliest start month to the latest end month. Beyond `MAX_COLUMNS`
months a column is a quarter, beyond that many quarters a year, so the grid stays readable;
static/css/plan-timeline.css has a class for each column line."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils import formats

from .serialise import SnapshotActivity

MAX_COLUMNS = 72
UNITS = ((1, "month"), (3, "quarter"), (12, "year"))


def month_index(day: dt.date) -> int:
    return day.year * 12 + day.month - 1


def month_of(index: int) -> dt.date:
    return dt.date(index // 12, index % 12 + 1, 1)


@dataclass
class AxisColumn:
    label: str  # short: "jan", "K1", "2025"
    year: str  # written where the year changes (and first), else ""
    full: str  # "januari 2025", "januari–mars 2025", "2025"


@dataclass
class Bar:
    activity: SnapshotActivity
    start_line: int  # CSS grid lines: line 1 is before the label column
    end_line: int
    period: str  # "mars 2024 – juni 2025"
    open_end: bool  # the end month is not set: the bar shows its start month only


@dataclass
class Timeline:
    unit: str
    columns: list[AxisColumn]
    bars: list[Bar]
    undated: list[SnapshotActivity]

    @property
    def count(self) -> int:
        return len(self.columns)


def period_text(start: dt.date | None, end: dt.date | None) -> str:
    first = formats.date_format(start, "F Y") if start else "…"
    last = formats.date_format(end, "F Y") if end else "…"
    return f"{first} – {last}"


def build(activities: list[SnapshotActivity]) -> Timeline:
    dated = [a for a in activities if a.start_month is not None]
    undated = [a for a in activities if a.start_month is None]
    if not dated:
        return Timeline("month", [], [], undated)
    spans = []
    for activity in dated:
        start = month_index(activity.start_month)  # type: ignore[arg-type]
        end = month_index(activity.end_month) if activity.end_month else start
        spans.append((activity, start, max(start, end)))
    first = min(start for _a, start, _e in spans)
    last = max(end for _a, _s, end in spans)
    size, unit = next(
        ((size, name) for size, name in UNITS if (last - first) // size + 1 <= MAX_COLUMNS),
        UNITS[-1],
    )
    if size == 12:
        first -= first % 12
    elif size == 3:
        first -= first % 3
    count = min((last - first) // size + 1, MAX_COLUMNS)
    columns = []
    previous_year = None
    for column in range(count):
        begin = month_of(first + column * size)
        finish = month_of(first + column * size + size - 1)
        year = str(begin.year)
        if size == 1:
            label = formats.date_format(begin, "M")
            full = formats.date_format(begin, "F Y")
        elif size == 3:
            label = f"Q{(begin.month - 1) // 3 + 1}"
            full = f"{formats.date_format(begin, 'F')}–{formats.date_format(finish, 'F')} {year}"
        else:
            label, full = year, year
        columns.append(AxisColumn(label, year if year != previous_year else "", full))
        previous_year = year
    bars = []
    for activity, start, end in spans:
        first_column = min((start - first) // size, count - 1)
        last_column = min((end - first) // size, count - 1)
        bars.append(
            Bar(
                activity,
                first_column + 2,
                last_column + 3,
                period_text(activity.start_month, activity.end_month),
                activity.end_month is None,
            )
        )
    return Timeline(unit, columns, bars, undated)
