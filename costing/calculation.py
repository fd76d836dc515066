"""The cost calculation's arithmetic: pure functions of plain values, no database.

Rounding rule: every line is rounded once, half-up to whole öre, for each of its three parts
(amount = quantity × unit price; overhead = amount × overhead %; VAT = amount × VAT rate), and
every total is the exact sum of rounded line parts. So the totals per activity, per party and
per year always add up to the grand total to the öre, as they would in a spreadsheet that
rounds each row. Overhead is charged on the amount excluding VAT and carries no VAT itself.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Mapping
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any, TypeVar

CENT = Decimal("0.01")
ZERO = Decimal("0.00")
HUNDRED = Decimal("100")
ESTIMATE = "estimate"
ACTUAL = "actual"

K = TypeVar("K", bound=Hashable)


def round_money(value: Decimal) -> Decimal:
    """Half-up to whole öre: 0,005 kr becomes 0,01 kr (not banker's rounding)."""
    return Decimal(value).quantize(CENT, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class Line:
    """One cost line as the arithmetic sees it."""

    activity: str
    party: str
    year: int
    kind: str
    quantity: Decimal
    unit_price: Decimal
    vat_rate: Decimal | None = None  # None: no VAT on this line
    scenario: str = ESTIMATE


@dataclass(frozen=True)
class Amounts:
    """The three parts of a cost (each already rounded) and their sum."""

    net: Decimal = ZERO
    overhead: Decimal = ZERO
    vat: Decimal = ZERO

    @property
    def total(self) -> Decimal:
        return self.net + self.overhead + self.vat

    def __add__(self, other: Amounts) -> Amounts:
        return Amounts(self.net + other.net, self.overhead + other.overhead, self.vat + other.vat)


def line_amounts(line: Line, overhead_percent: Decimal) -> Amounts:
    """A line's amount, overhead and VAT, each rounded half-up to öre once."""
    net = round_money(line.quantity * line.unit_price)
    overhead = round_money(net * overhead_percent / HUNDRED)
    vat = round_money(net * line.vat_rate / HUNDRED) if line.vat_rate is not None else ZERO
    return Amounts(net, overhead, vat)


def totals_by(
    lines: Iterable[Line], overhead_percent: Decimal, key: Callable[[Line], K]
) -> dict[K, Amounts]:
    """Amounts summed per `key` (activity, party, year…), in the order keys first appear."""
    result: dict[K, Amounts] = {}
    for line in lines:
        group = key(line)
        result[group] = result.get(group, Amounts()) + line_amounts(line, overhead_percent)
    return result


def total(lines: Iterable[Line], overhead_percent: Decimal) -> Amounts:
    summed = Amounts()
    for line in lines:
        summed = summed + line_amounts(line, overhead_percent)
    return summed


def per_participant(amount: Decimal, participants: int | None) -> Decimal | None:
    """The cost per participant, rounded half-up to öre; None without participants."""
    if not participants or participants <= 0:
        return None
    return round_money(amount / Decimal(participants))


@dataclass
class Summary:
    """All totals of one scenario."""

    amounts: Amounts
    per_activity: dict[str, Amounts]
    per_party: dict[str, Amounts]
    per_year: dict[int, Amounts]
    per_kind: dict[str, Amounts]
    participants: int | None
    line_count: int = 0

    @property
    def per_participant(self) -> Decimal | None:
        return per_participant(self.amounts.total, self.participants)


def summarise(
    lines: Iterable[Line], overhead_percent: Decimal, participants: int | None = None
) -> Summary:
    """Grand total and totals per activity, party, year and kind of the given lines."""
    lines = list(lines)
    return Summary(
        amounts=total(lines, overhead_percent),
        per_activity=totals_by(lines, overhead_percent, lambda line: line.activity),
        per_party=totals_by(lines, overhead_percent, lambda line: line.party),
        per_year=dict(sorted(totals_by(lines, overhead_percent, lambda line: line.year).items())),
        per_kind=totals_by(lines, overhead_percent, lambda line: line.kind),
        participants=participants,
        line_count=len(lines),
    )


@dataclass(frozen=True)
class Variance:
    """Estimate and actual of one row, the difference (actual − estimate) and its share."""

    label: Any
    estimate: Decimal
    actual: Decimal

    @property
    def difference(self) -> Decimal:
        return self.actual - self.estimate

    @property
    def percent(self) -> Decimal | None:
        """The difference as a percentage of the estimate, one decimal, half-up; None when
        nothing was estimated (any actual cost would be an infinite overrun)."""
        if self.estimate == 0:
            return None
        return (self.difference * HUNDRED / self.estimate).quantize(
            Decimal("0.1"), rounding=ROUND_HALF_UP
        )


def compare(estimate: Mapping[K, Amounts], actual: Mapping[K, Amounts]) -> list[Variance]:
    """Rows side by side for every key in either, estimate keys first."""
    keys = list(estimate) + [key for key in actual if key not in estimate]
    return [
        Variance(
            key,
            estimate.get(key, Amounts()).total,
            actual.get(key, Amounts()).total,
        )
        for key in keys
    ]


@dataclass
class Comparison:
    """Estimate and actual side by side, with the variance per activity, party and year."""

    estimate: Summary
    actual: Summary
    per_activity: list[Variance] = field(default_factory=list)
    per_party: list[Variance] = field(default_factory=list)
    per_year: list[Variance] = field(default_factory=list)
    per_kind: list[Variance] = field(default_factory=list)

    @property
    def grand(self) -> Variance:
        return Variance("total", self.estimate.amounts.total, self.actual.amounts.total)


def side_by_side(
    lines: Iterable[Line], overhead_percent: Decimal, participants: int | None = None
) -> Comparison:
    lines = list(lines)
    estimate = summarise(
        [line for line in lines if line.scenario == ESTIMATE], overhead_percent, participants
    )
    actual = summarise(
        [line for line in lines if line.scenario == ACTUAL], overhead_percent, participants
    )
    return Comparison(
        estimate=estimate,
        actual=actual,
        per_activity=compare(estimate.per_activity, actual.per_activity),
        per_party=compare(estimate.per_party, actual.per_party),
        per_year=sorted(compare(estimate.per_year, actual.per_year), key=lambda v: v.label),
        per_kind=compare(estimate.per_kind, actual.per_kind),
    )


# Formatting -----------------------------------------------------------------------------------

NBSP = "\u00a0"
MINUS = "\u2212"


def format_sek(value: Decimal | None, *, unit: bool = True) -> str:
    """Swedish money: "1 234 567,50 kr" (no-break spaces between groups and before kr)."""
    if value is None:
        return "—"
    value = round_money(value)
    sign = MINUS if value < 0 else ""
    whole, _, cents = f"{abs(value):.2f}".partition(".")
    grouped = f"{int(whole):,}".replace(",", NBSP)
    text = f"{sign}{grouped},{cents}"
    return f"{text}{NBSP}kr" if unit else text


def format_percent(value: Decimal | None) -> str:
    """A signed percentage with a decimal comma: "+12,5 %", "−3,0 %"; "—" without one."""
    if value is None:
        return "—"
    sign = "+" if value > 0 else (MINUS if value < 0 else "")
    return f"{sign}{abs(value):.1f}".replace(".", ",") + f"{NBSP}%"


def money_text(value: Decimal | None) -> str | None:
    """A money value for JSON: "1234.50" (exact, no float), or None."""
    return None if value is None else f"{round_money(value):.2f}"


def summary_json(summary: Summary) -> dict[str, Any]:
    """A JSON-serialisable record of a scenario's totals (the frozen baseline)."""
    return {
        "net": money_text(summary.amounts.net),
        "overhead": money_text(summary.amounts.overhead),
        "vat": money_text(summary.amounts.vat),
        "total": money_text(summary.amounts.total),
        "participants": summary.participants,
        "per_participant": money_text(summary.per_participant),
        "per_activity": {k: money_text(v.total) for k, v in summary.per_activity.items()},
        "per_party": {k: money_text(v.total) for k, v in summary.per_party.items()},
        "per_year": {str(k): money_text(v.total) for k, v in summary.per_year.items()},
        "line_count": summary.line_count,
    }


def cost_summary(partnership: Any) -> dict[str, Any] | None:
    """The partnership's costs for the tjänsteutlåtande; see `selectors.cost_summary`."""
    from .selectors import cost_summary as read

    return read(partnership)
