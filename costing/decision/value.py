"""Value: results against cost, and a socio-economic estimate built only from assumptions the
user entered, each with its source. Nothing here is a hidden constant: every number shown is a
record of the partnership or arithmetic on such records, and the formula is shown in words."""

from __future__ import annotations

from dataclasses import dataclass, replace
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from partnerships.models import Partnership

from .. import calculation as calc
from .models import ValueAssumption

Role = ValueAssumption.Role


def assumptions_of(partnership: Partnership) -> QuerySet[ValueAssumption]:
    return ValueAssumption.objects.filter(partnership=partnership)


def removed_assumptions(partnership: Partnership) -> QuerySet[ValueAssumption]:
    return ValueAssumption.all_objects.filter(
        partnership=partnership, removed_at__isnull=False
    ).order_by("-removed_at")


def number_text(value: Decimal | None) -> str:
    """12, 12,5, 1 234 (a quantity, without zero decimals)."""
    if value is None:
        return "—"
    text = calc.format_sek(value, unit=False)  # always with two decimals after the comma
    return text.rstrip("0").removesuffix(",")


PERCENT_UNITS = {"%", "procent", "percent"}


@dataclass(frozen=True)
class IndicatorCost:
    """The cost of one unit of an indicator's change: the total cost ÷ the change.

    The change is |target − baseline| in the indicator's unit (from zero without a baseline).
    For a share in per cent of the participants, the change is counted in participants:
    the participant count × the change ÷ 100, so the cost is per participant reaching it."""

    name: str
    node: str
    unit: str
    baseline: Decimal | None
    target: Decimal
    change: Decimal
    per_unit: Decimal | None
    participants: int | None = None  # set for a share: the count the percentage applies to

    @property
    def from_zero(self) -> bool:
        return self.baseline is None

    @property
    def is_share(self) -> bool:
        return self.unit.strip().lower() in PERCENT_UNITS

    @property
    def units(self) -> Decimal | None:
        """What the cost is divided by: the change, or for a share the participants reaching it."""
        if not self.is_share:
            return self.change
        if not self.participants:
            return None
        return self.change * self.participants / 100

    @property
    def units_text(self) -> str:
        """The participants reaching a share, one decimal at most: "31,2", "39"."""
        units = self.units
        if units is None:
            return "—"
        return number_text(units.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))


def indicator_costs(
    partnership: Partnership, total: Decimal | None, participants: int | None = None
) -> list[IndicatorCost]:
    """Quantitative indicators with a numeric target (one query). Without a baseline the change
    is counted from zero, and the page says so on the row."""
    from theory_of_change.models import Indicator

    rows = []
    for indicator in (
        Indicator.objects.filter(partnership=partnership, target_value__isnull=False)
        .exclude(kind=Indicator.Kind.QUALITATIVE)
        .select_related("node")
        .order_by("node__level", "node__order", "node_id", "id")
    ):
        target = indicator.target_value
        assert target is not None
        baseline = indicator.baseline_value
        row = IndicatorCost(
            name=indicator.name,
            node=indicator.node.title,
            unit=indicator.unit,
            baseline=baseline,
            target=target,
            change=abs(target - (baseline if baseline is not None else Decimal(0))),
            per_unit=None,
            participants=participants,
        )
        units = row.units
        if total is not None and units:
            row = replace(row, per_unit=calc.round_money(total / units))
        rows.append(row)
    return rows


@dataclass(frozen=True)
class Estimate:
    """Avoided yearly public cost = people helped × yearly public cost of one person outside
    work, against the proposal's total cost."""

    people: ValueAssumption
    cost_per_person: ValueAssumption
    total_cost: Decimal | None

    @property
    def avoided_per_year(self) -> Decimal:
        return calc.round_money(self.people.value * self.cost_per_person.value)

    @property
    def share_of_cost(self) -> Decimal | None:
        """The avoided cost of one year as a percentage of the total cost, one decimal."""
        if not self.total_cost:
            return None
        return (self.avoided_per_year * 100 / self.total_cost).quantize(
            Decimal("0.1"), rounding=ROUND_HALF_UP
        )

    @property
    def years_to_match(self) -> Decimal | None:
        """Years of avoided costs that equal the total cost, one decimal."""
        if not self.total_cost or not self.avoided_per_year:
            return None
        return (self.total_cost / self.avoided_per_year).quantize(
            Decimal("0.1"), rounding=ROUND_HALF_UP
        )

    def in_words(self) -> list[str]:
        """The formula with the numbers, sentence by sentence."""
        found = [
            _(
                "Avoided public cost per year = %(people_label)s (%(people)s %(people_unit)s) × "
                "%(cost_label)s (%(cost)s) = %(avoided)s."
            )
            % {
                "people_label": self.people.label,
                "people": number_text(self.people.value),
                "people_unit": self.people.unit,
                "cost_label": self.cost_per_person.label,
                "cost": calc.format_sek(self.cost_per_person.value),
                "avoided": calc.format_sek(self.avoided_per_year),
            }
        ]
        if self.total_cost:
            found.append(
                _(
                    "The proposal's total cost is %(total)s. One year of avoided costs is "
                    "%(share)s %% of it; the avoided costs equal the total cost after %(years)s "
                    "years."
                )
                % {
                    "total": calc.format_sek(self.total_cost),
                    "share": number_text(self.share_of_cost),
                    "years": number_text(self.years_to_match),
                }
            )
        found.append(
            _(
                "The estimate uses only the two assumptions above and their sources; it counts "
                "no other effects and says nothing about who in the public sector saves the money."
            )
        )
        return found


@dataclass
class ValuePage:
    assumptions: list[ValueAssumption]
    total: Decimal | None
    total_text: str | None
    scenario: str | None
    participants: int | None
    per_participant: Decimal | None
    indicators: list[IndicatorCost]
    estimate: Estimate | None
    missing: list[str]


def value_page(partnership: Partnership, summary: dict[str, Any] | None = None) -> ValuePage:
    """Results against cost and the estimate (the cost summary's queries and two more)."""
    if summary is None:
        from ..selectors import cost_summary

        summary = cost_summary(partnership)
    summary = summary or {}
    total = Decimal(summary["total"]) if summary.get("total") else None
    per_participant = (
        Decimal(summary["per_participant"]) if summary.get("per_participant") else None
    )
    rank: dict[str, int] = {Role.PEOPLE_HELPED: 0, Role.COST_PER_PERSON: 1}
    assumptions = sorted(
        assumptions_of(partnership), key=lambda row: (rank.get(row.role, 2), row.label, row.pk)
    )
    by_role = {row.role: row for row in assumptions if row.role != Role.OTHER}
    people, cost = by_role.get(Role.PEOPLE_HELPED), by_role.get(Role.COST_PER_PERSON)
    missing = [
        str(role.label)
        for role, row in ((Role.PEOPLE_HELPED, people), (Role.COST_PER_PERSON, cost))
        if row is None
    ]
    return ValuePage(
        assumptions=assumptions,
        total=total,
        total_text=summary.get("total_text"),
        scenario=summary.get("scenario"),
        participants=summary.get("participants"),
        per_participant=per_participant,
        indicators=indicator_costs(partnership, total, summary.get("participants")),
        estimate=Estimate(people, cost, total) if people and cost else None,
        missing=missing,
    )


def value_section(partnership: Partnership) -> dict[str, Any] | None:
    """The cost per unit of the indicators' change and the estimate for the tjänsteutlåtande,
    JSON-serialisable; None when there is neither to show."""
    page = value_page(partnership)
    lines = []  # the cost per participant is in the memo's costs already
    for row in page.indicators:
        if row.per_unit is None:
            continue
        if row.is_share:
            lines.append(
                _(
                    "%(name)s: %(amount)s per participant reaching it (%(change)s %% of "
                    "%(participants)s participants)."
                )
                % {
                    "name": row.name,
                    "amount": calc.format_sek(row.per_unit),
                    "change": number_text(row.change),
                    "participants": row.participants,
                }
            )
        else:
            lines.append(
                _("%(name)s: %(amount)s per unit of change (%(change)s %(unit)s).")
                % {
                    "name": row.name,
                    "amount": calc.format_sek(row.per_unit),
                    "unit": row.unit,
                    "change": number_text(row.change),
                }
            )
    estimate = page.estimate.in_words() if page.estimate else []
    if not lines and not estimate:
        return None
    return {
        "results": lines,
        "estimate": estimate,
        "assumptions": [
            {
                "label": row.label,
                "value": number_text(row.value),
                "unit": row.unit,
                "source": row.source,
                "source_url": row.source_url,
            }
            for row in page.assumptions
        ],
    }
