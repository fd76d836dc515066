"""Ability to pay: the budget lines a proposal refers to, summed per year, against the cost
calculation's total per year (the estimate, or the actual outcome when there is no estimate)."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from partnerships.models import Partnership

from .. import calculation as calc
from .models import BudgetLine

ZERO = Decimal("0.00")


def budget_lines_of(partnership: Partnership) -> QuerySet[BudgetLine]:
    return BudgetLine.objects.filter(partnership=partnership).select_related(
        "steering_document__organisation", "steering_document__unit", "administration"
    )


def removed_budget_lines(partnership: Partnership) -> QuerySet[BudgetLine]:
    return BudgetLine.all_objects.filter(
        partnership=partnership, removed_at__isnull=False
    ).order_by("-removed_at")


@dataclass(frozen=True)
class YearFit:
    year: int
    budget: Decimal
    cost: Decimal | None  # None: the calculation has no cost in the year

    @property
    def margin(self) -> Decimal | None:
        """What is left of the lines after the cost (negative: the cost is larger)."""
        return None if self.cost is None else self.budget - self.cost

    @property
    def fits(self) -> bool | None:
        """Whether the year's cost fits within the year's lines; None without a cost."""
        return None if self.cost is None else self.budget >= self.cost


@dataclass
class BudgetFit:
    lines: list[BudgetLine]
    years: list[YearFit]
    scenario: str | None  # "estimate", "actual" or None without a calculation
    verdict: str = ""
    fits: bool | None = None
    short_years: list[YearFit] = field(default_factory=list)

    @property
    def total_budget(self) -> Decimal:
        return sum((line.yearly_amount for line in self.lines), ZERO)


def fit(
    lines: list[BudgetLine], per_year_cost: dict[int, Decimal], scenario: str | None
) -> BudgetFit:
    """Sum the lines per year and compare with the cost of the year. The proposal fits when
    every year with a cost has lines that together are at least the cost; a year with lines
    but no cost is shown and does not count against it."""
    budget: dict[int, Decimal] = {}
    for line in lines:
        budget[line.year] = budget.get(line.year, ZERO) + line.yearly_amount
    years = [
        YearFit(year, budget.get(year, ZERO), per_year_cost.get(year))
        for year in sorted(set(budget) | set(per_year_cost))
    ]
    result = BudgetFit(lines=lines, years=years, scenario=scenario)
    result.short_years = [year for year in years if year.fits is False]
    if not per_year_cost:
        result.verdict = _(
            "There is no cost calculation to compare with yet: estimate the costs per year."
        )
    elif not lines:
        result.fits = False
        result.verdict = _(
            "The proposal names no budget lines yet, so nothing shows that the municipality can "
            "pay for it."
        )
    elif result.short_years:
        result.fits = False
        result.verdict = _(
            "The proposal does not fit within the budget lines it refers to: %(years)s."
        ) % {
            "years": "; ".join(
                _("%(year)s is short by %(amount)s")
                % {"year": year.year, "amount": calc.format_sek(-(year.margin or ZERO))}
                for year in result.short_years
            )
        }
    else:
        result.fits = True
        result.verdict = _(
            "The proposal fits within the budget lines it refers to in every year it has costs."
        )
    uncosted = [str(year.year) for year in years if year.cost is None]
    if per_year_cost and lines and uncosted:
        result.verdict += " " + _(
            "No costs are calculated for %(years)s: estimate them to check those years too."
        ) % {"years": ", ".join(uncosted)}
    return result


def cost_per_year(summary: dict[str, Any] | None) -> tuple[dict[int, Decimal], str | None]:
    """The cost per year and its scenario from `costing.selectors.cost_summary`."""
    if not summary:
        return {}, None
    return (
        {int(row["year"]): Decimal(row["total"]) for row in summary["per_year"]},
        summary["scenario"],
    )


def budget_fit(partnership: Partnership, summary: dict[str, Any] | None = None) -> BudgetFit:
    """The partnership's lines against its calculation (the summary's queries and one more)."""
    if summary is None:
        from ..selectors import cost_summary

        summary = cost_summary(partnership)
    costs, scenario = cost_per_year(summary)
    return fit(list(budget_lines_of(partnership)), costs, scenario)


def budget_section(partnership: Partnership) -> dict[str, Any] | None:
    """The budget lines for the tjänsteutlåtande, JSON-serialisable; None without lines."""
    result = budget_fit(partnership)
    if not result.lines:
        return None
    return {
        "caption": _("Budget lines the proposal refers to (SEK per year)"),
        "headings": [_("Year"), _("Budget line"), _("Budget document"), _("Amount")],
        "rows": [
            [
                str(line.year),
                " · ".join(
                    filter(
                        None, [line.title, line.administration.name if line.administration else ""]
                    )
                ),
                str(line.steering_document or "—"),
                calc.format_sek(line.yearly_amount),
            ]
            for line in result.lines
        ],
        "priorities": list(
            dict.fromkeys(
                _("%(line)s: %(priority)s") % {"line": line.title, "priority": line.priority}
                for line in result.lines
                if line.priority
            )
        ),
        "years": [
            {
                "year": year.year,
                "budget": calc.money_text(year.budget),
                "budget_text": calc.format_sek(year.budget),
                "cost": calc.money_text(year.cost),
                "cost_text": calc.format_sek(year.cost) if year.cost is not None else None,
                "fits": year.fits,
            }
            for year in result.years
        ],
        "fits": result.fits,
        "verdict": result.verdict,
    }
