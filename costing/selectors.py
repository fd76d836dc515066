"""Reads of step 5: thresholds in force, financing flags, the calculation and its summary."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from partnerships.models import Partnership, Party, PlanActivity

from . import calculation as calc
from .models import (
    FAMILY_OF,
    Calculation,
    CostLine,
    FinancingArrangement,
    StaffCategory,
    Threshold,
    TimeReport,
)

# A partnership "depends on one short-term source" when one external project funding brings at
# least this share of the money and ends within this many days (see `dependence_flag`).
DEPENDENCE_SHARE = Decimal("80")
DEPENDENCE_DAYS = 365
PROCUREMENT_FORMS = (
    FinancingArrangement.Form.LOU,
    FinancingArrangement.Form.DIRECT_AWARD,
    FinancingArrangement.Form.LOV,
)
# The money a flag counts: arrangements that are proposed, decided or running (ideas and
# ended ones are not yet, or no longer, money the work rests on).
COUNTED_STATUSES = (
    FinancingArrangement.Status.PROPOSED,
    FinancingArrangement.Status.DECIDED,
    FinancingArrangement.Status.ACTIVE,
)


# Thresholds ---------------------------------------------------------------------------------


def threshold(kind: str, on: date | None = None) -> Threshold | None:
    """The threshold of `kind` in force on `on` (today by default): the latest published on or
    before that date; None if none is recorded."""
    on = on or timezone.localdate()
    return Threshold.objects.filter(kind=kind, valid_from__lte=on).order_by("-valid_from").first()


def thresholds_in_force(on: date | None = None) -> list[Threshold]:
    """One threshold per kind, the one in force on `on` (one query)."""
    on = on or timezone.localdate()
    found: dict[str, Threshold] = {}
    for row in Threshold.objects.filter(valid_from__lte=on).order_by("kind", "-valid_from"):
        found.setdefault(row.kind, row)
    order = list(Threshold.Kind.values)
    return sorted(found.values(), key=lambda row: order.index(row.kind))


# Financing ----------------------------------------------------------------------------------


def arrangements_of(partnership: Partnership) -> QuerySet[FinancingArrangement]:
    return FinancingArrangement.objects.filter(partnership=partnership).select_related(
        "payer_party__organisation"
    )


def removed_arrangements(partnership: Partnership) -> QuerySet[FinancingArrangement]:
    return FinancingArrangement.all_objects.filter(
        partnership=partnership, removed_at__isnull=False
    ).order_by("-removed_at")


@dataclass(frozen=True)
class Flag:
    """Something about the financing a person should look at, with the reason."""

    arrangement: FinancingArrangement | None
    message: str
    source: str = ""
    source_url: str = ""


def procurement_flags(
    arrangements: list[FinancingArrangement], thresholds: list[Threshold]
) -> list[Flag]:
    """A planned purchase (a procurement form not ended) whose amount is above the direct
    award limit in force on its start date (today when it has none). At the limit exactly a
    direct award is still allowed ("högst" the limit). `thresholds`: every direct-award row."""
    flags = []
    limits = sorted(
        (t for t in thresholds if t.kind == Threshold.Kind.DIRECT_AWARD),
        key=lambda t: t.valid_from,
        reverse=True,
    )
    today = timezone.localdate()
    for row in arrangements:
        if row.form not in PROCUREMENT_FORMS or row.status == row.Status.ENDED:
            continue
        if row.amount is None:
            continue
        on = row.start_date or today
        limit = next((t for t in limits if t.valid_from <= on), None)
        if limit is None or row.amount <= limit.value:
            continue
        if row.form == row.Form.DIRECT_AWARD:
            text = _(
                "%(amount)s is above the direct award limit of %(limit)s in force on "
                "%(date)s: a direct award is not allowed, the purchase must be procured."
            )
        else:
            text = _(
                "%(amount)s is above the direct award limit of %(limit)s in force on "
                "%(date)s: the purchase must be advertised and follow the procurement rules."
            )
        flags.append(
            Flag(
                row,
                text
                % {
                    "amount": calc.format_sek(row.amount),
                    "limit": calc.format_sek(limit.value),
                    "date": on.isoformat(),
                },
                source=_("%(source)s, valid from %(date)s")
                % {"source": limit.source, "date": limit.valid_from.isoformat()},
                source_url=limit.source_url,
            )
        )
    return flags


def dependence_flag(
    arrangements: list[FinancingArrangement], today: date | None = None
) -> Flag | None:
    """One external project funding that brings ≥ DEPENDENCE_SHARE % of the counted money and
    ends within DEPENDENCE_DAYS: when it ends, most of the work has nothing to stand on."""
    today = today or timezone.localdate()
    counted = [
        row for row in arrangements if row.status in COUNTED_STATUSES and row.amount is not None
    ]
    money = sum((row.amount for row in counted if row.amount is not None), Decimal(0))
    if money <= 0:
        return None
    for row in counted:
        if FAMILY_OF[row.form] != "external" or row.end_date is None or row.amount is None:
            continue
        share = row.amount * 100 / money
        if share >= DEPENDENCE_SHARE and row.end_date <= today + timedelta(days=DEPENDENCE_DAYS):
            return Flag(
                row,
                _(
                    "%(source)s brings %(share)s %% of the money, and its period ends on "
                    "%(end)s. Plan how the work is financed after that, for example by a "
                    "decision of the municipality or an IOP."
                )
                % {
                    "source": row.funder or row.get_form_display(),
                    "share": int(share.quantize(Decimal(1), rounding=ROUND_HALF_UP)),
                    "end": row.end_date.isoformat(),
                },
            )
    return None


@dataclass
class FinancingPage:
    arrangements: list[FinancingArrangement]
    flags: dict[int, list[Flag]]
    dependence: Flag | None
    thresholds: list[Threshold]
    total: Decimal


def financing_page(partnership: Partnership) -> FinancingPage:
    """Arrangements with their flags, the dependence flag and the thresholds (3 queries)."""
    arrangements = list(arrangements_of(partnership))
    all_thresholds = list(Threshold.objects.filter(kind=Threshold.Kind.DIRECT_AWARD))
    flags: dict[int, list[Flag]] = {}
    for flag in procurement_flags(arrangements, all_thresholds):
        if flag.arrangement is not None:
            flags.setdefault(flag.arrangement.pk, []).append(flag)
    total = sum(
        (row.amount for row in arrangements if row.amount is not None and row.status != "ended"),
        Decimal(0),
    )
    return FinancingPage(
        arrangements=arrangements,
        flags=flags,
        dependence=dependence_flag(arrangements),
        thresholds=thresholds_in_force(),
        total=total,
    )


# The calculation ----------------------------------------------------------------------------


def calculation_of(partnership: Partnership) -> Calculation:
    """The partnership's calculation settings; an unsaved default before the first save."""
    found = Calculation.objects.filter(partnership=partnership).first()
    return found or Calculation(partnership=partnership)


def staff_categories_of(partnership: Partnership) -> QuerySet[StaffCategory]:
    return StaffCategory.objects.filter(partnership=partnership).select_related(
        "party__organisation"
    )


def removed_staff_categories(partnership: Partnership) -> QuerySet[StaffCategory]:
    return StaffCategory.all_objects.filter(
        partnership=partnership, removed_at__isnull=False
    ).order_by("-removed_at")


def lines_of(partnership: Partnership) -> QuerySet[CostLine]:
    return CostLine.objects.filter(partnership=partnership).select_related(
        "party__organisation", "staff_category", "plan_activity"
    )


def uncosted_plan_activities(partnership: Partnership) -> QuerySet[PlanActivity]:
    """The plan's current activities that no current cost line (estimate or actual) is linked
    to, in the plan's order (one query)."""
    return (
        PlanActivity.objects.filter(partnership=partnership)
        .exclude(
            pk__in=CostLine.objects.filter(
                partnership=partnership, plan_activity__isnull=False
            ).values("plan_activity")
        )
        .order_by("order", "id")
    )


def removed_lines(partnership: Partnership) -> QuerySet[CostLine]:
    return CostLine.all_objects.filter(partnership=partnership, removed_at__isnull=False).order_by(
        "-removed_at"
    )


def party_label(party: Party | None) -> str:
    return str(party.organisation) if party is not None else ""


def as_line(row: CostLine, default_vat: Decimal) -> calc.Line:
    rate = (row.vat_rate if row.vat_rate is not None else default_vat) if row.vat_applies else None
    return calc.Line(
        activity=row.activity_label,
        party=party_label(row.party),
        year=row.year,
        kind=row.kind,
        quantity=row.quantity,
        unit_price=row.price(),
        vat_rate=rate,
        scenario=row.scenario,
    )


def participants_of(partnership: Partnership, calculation: Calculation) -> int | None:
    """The calculation's own count, else the participants the theory of change's outputs
    reach (actual if given, else planned); None without any."""
    if calculation.participants:
        return calculation.participants
    try:
        from theory_of_change.selectors import participants_reached
    except ImportError:  # pragma: no cover - the app is part of the project
        return None
    planned, actual = participants_reached(partnership)
    return actual or planned or None


@dataclass
class CostPage:
    calculation: Calculation
    lines: list[CostLine]
    amounts: dict[int, calc.Amounts]
    comparison: calc.Comparison
    participants: int | None

    @property
    def estimate_lines(self) -> list[CostLine]:
        return [row for row in self.lines if row.scenario == CostLine.Scenario.ESTIMATE]

    @property
    def actual_lines(self) -> list[CostLine]:
        return [row for row in self.lines if row.scenario == CostLine.Scenario.ACTUAL]


def cost_page(partnership: Partnership) -> CostPage:
    """Everything the calculation page shows, in a fixed number of queries."""
    calculation = calculation_of(partnership)
    rows = list(lines_of(partnership))
    lines = [as_line(row, calculation.vat_rate) for row in rows]
    participants = participants_of(partnership, calculation)
    return CostPage(
        calculation=calculation,
        lines=rows,
        amounts={
            row.pk: calc.line_amounts(line, calculation.overhead_percent)
            for row, line in zip(rows, lines, strict=True)
        },
        comparison=calc.side_by_side(lines, calculation.overhead_percent, participants),
        participants=participants,
    )


def cost_summary(partnership: Partnership) -> dict[str, Any] | None:
    """The costs for the tjänsteutlåtande, JSON-serialisable; None when there is neither a
    cost line nor a financing arrangement. Money as exact text ("1234.50") with a formatted
    twin ("1 234,50 kr"). The estimate is what a decision is asked for; the actual is given
    beside it when there is one."""
    page = cost_page(partnership)
    arrangements = list(arrangements_of(partnership))
    if not page.lines and not arrangements:
        return None

    def scenario(summary: calc.Summary) -> dict[str, Any] | None:
        if not summary.line_count:
            return None
        return {
            "per_year": [
                {
                    "year": year,
                    "total": calc.money_text(amounts.total),
                    "total_text": calc.format_sek(amounts.total),
                }
                for year, amounts in summary.per_year.items()
            ],
            "net": calc.money_text(summary.amounts.net),
            "overhead": calc.money_text(summary.amounts.overhead),
            "vat": calc.money_text(summary.amounts.vat),
            "total": calc.money_text(summary.amounts.total),
            "total_text": calc.format_sek(summary.amounts.total),
            "per_participant": calc.money_text(summary.per_participant),
            "per_participant_text": (
                calc.format_sek(summary.per_participant)
                if summary.per_participant is not None
                else None
            ),
        }

    estimate = scenario(page.comparison.estimate)
    main = estimate or scenario(page.comparison.actual) or {}
    return {
        "currency": "SEK",
        "scenario": "estimate" if estimate else ("actual" if main else None),
        "per_year": main.get("per_year", []),
        "total": main.get("total"),
        "total_text": main.get("total_text"),
        "per_participant": main.get("per_participant"),
        "per_participant_text": main.get("per_participant_text"),
        "participants": page.participants,
        "overhead_percent": str(page.calculation.overhead_percent),
        "estimate": estimate,
        "actual": scenario(page.comparison.actual),
        "baseline_frozen_at": (
            page.calculation.frozen_at.isoformat() if page.calculation.frozen_at else None
        ),
        "financing": [
            {
                "form": row.form,
                "form_label": str(row.get_form_display()),
                "family": row.family,
                "status": row.status,
                "status_label": str(row.get_status_display()),
                "amount": calc.money_text(row.amount),
                "amount_text": calc.format_sek(row.amount) if row.amount is not None else None,
                "payer": row.payer_label,
                "funder": row.funder,
                "start_date": row.start_date.isoformat() if row.start_date else None,
                "end_date": row.end_date.isoformat() if row.end_date else None,
            }
            for row in arrangements
        ],
    }


@dataclass(frozen=True)
class TableRow:
    """One row of a variance table, with the frozen baseline's value when there is one."""

    label: str
    variance: calc.Variance
    baseline: Decimal | None


def variance_rows(
    variances: list[calc.Variance], baseline: dict[str, Any] | None, part: str, empty: str
) -> list[TableRow]:
    """Rows of one table (per activity, party or year) with the baseline's values beside."""
    frozen = (baseline or {}).get(part, {}) if baseline else {}
    rows = []
    for variance in variances:
        key = str(variance.label)
        value = frozen.get(key)
        rows.append(
            TableRow(
                label=key or empty,
                variance=variance,
                baseline=Decimal(value) if value is not None else None,
            )
        )
    return rows


# Co-financing time reports -------------------------------------------------------------------

TIME_LIST_LIMIT = 100


def time_reports_of(partnership: Partnership) -> QuerySet[TimeReport]:
    return TimeReport.objects.filter(partnership=partnership).select_related(
        "party__organisation", "staff_category"
    )


def removed_time_reports(partnership: Partnership) -> QuerySet[TimeReport]:
    return TimeReport.all_objects.filter(
        partnership=partnership, removed_at__isnull=False
    ).order_by("-removed_at")


def report_value(report: TimeReport) -> Decimal:
    """The co-financing value of a report: whole hours × the category's hourly rate."""
    return calc.round_money(Decimal(report.hours) * report.staff_category.hourly_rate)


@dataclass
class MonthRow:
    party: str
    month: str  # "2024-03"
    hours: int
    value: Decimal


@dataclass
class YearRow:
    party: str
    year: int
    hours: int
    value: Decimal
    committed: int | None

    @property
    def share(self) -> Decimal | None:
        """Reported hours as a percentage of the committed ones, one decimal."""
        if not self.committed:
            return None
        return (Decimal(self.hours) * 100 / Decimal(self.committed)).quantize(
            Decimal("0.1"), rounding=ROUND_HALF_UP
        )


@dataclass
class TimePage:
    reports: list[TimeReport]
    months: list[MonthRow]
    years: list[YearRow]
    total_hours: int
    total_value: Decimal

    @property
    def recent(self) -> list[TimeReport]:
        return self.reports[:TIME_LIST_LIMIT]


def time_page(partnership: Partnership) -> TimePage:
    """The reports, summed per party and month and per party and year against the committed
    hours (the arrangements the party pays). Two queries, whatever the number of reports."""
    reports = list(time_reports_of(partnership))
    committed: dict[int, int] = {}
    for party_id, hours in FinancingArrangement.objects.filter(
        partnership=partnership, payer_party__isnull=False, committed_hours__isnull=False
    ).values_list("payer_party_id", "committed_hours"):
        committed[party_id] = committed.get(party_id, 0) + (hours or 0)
    months: dict[tuple[str, str], MonthRow] = {}
    years: dict[tuple[str, int], YearRow] = {}
    for report in reports:
        name = party_label(report.party)
        value = report_value(report)
        month = months.setdefault(
            (name, f"{report.worked_on:%Y-%m}"),
            MonthRow(name, f"{report.worked_on:%Y-%m}", 0, Decimal("0.00")),
        )
        month.hours += report.hours
        month.value += value
        year = years.setdefault(
            (name, report.worked_on.year),
            YearRow(
                name,
                report.worked_on.year,
                0,
                Decimal("0.00"),
                committed.get(report.party_id) if report.party_id else None,
            ),
        )
        year.hours += report.hours
        year.value += value
    return TimePage(
        reports=reports,
        months=sorted(months.values(), key=lambda row: (row.month, row.party)),
        years=sorted(years.values(), key=lambda row: (row.year, row.party)),
        total_hours=sum(report.hours for report in reports),
        total_value=sum((report_value(report) for report in reports), Decimal("0.00")),
    )
