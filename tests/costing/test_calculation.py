"""The arithmetic of the cost calculation, checked by hand (no database)."""

from __future__ import annotations

from decimal import Decimal

from costing import calculation as calc
from costing.calculation import Amounts, Line, Variance

D = Decimal


def line(quantity: str, price: str, **kwargs: object) -> Line:
    fields: dict[str, object] = {
        "activity": "Coachning",
        "party": "Right By Me",
        "year": 2024,
        "kind": "staff",
        "quantity": D(quantity),
        "unit_price": D(price),
    }
    fields.update(kwargs)
    return Line(**fields)  # type: ignore[arg-type]


def test_rounding_is_half_up_to_ore_not_bankers() -> None:
    assert calc.round_money(D("0.125")) == D("0.13")  # banker's rounding would give 0.12
    assert calc.round_money(D("0.135")) == D("0.14")
    assert calc.round_money(D("2.004")) == D("2.00")
    assert calc.round_money(D("-0.125")) == D("-0.13")


def test_a_line_is_rounded_once_per_part() -> None:
    # 3 × 0,335 = 1,005 → 1,01 kr; overhead 15 % of 1,01 = 0,1515 → 0,15;
    # VAT 25 % of 1,01 = 0,2525 → 0,25; total 1,41.
    amounts = calc.line_amounts(line("3", "0.335", vat_rate=D("25")), D("15"))
    assert amounts == Amounts(D("1.01"), D("0.15"), D("0.25"))
    assert amounts.total == D("1.41")


def test_staff_hours_overhead_and_vat_by_hand() -> None:
    # 12,5 h × 512,50 kr = 6 406,25 kr; overhead 10 % = 640,625 → 640,63 kr;
    # no VAT on staff; total 7 046,88 kr.
    amounts = calc.line_amounts(line("12.5", "512.50"), D("10"))
    assert (amounts.net, amounts.overhead, amounts.vat) == (D("6406.25"), D("640.63"), D("0"))
    assert amounts.total == D("7046.88")


def test_vat_at_a_chosen_rate() -> None:
    # 5 × 3 200 kr = 16 000 kr; VAT 12 % = 1 920 kr; no overhead; total 17 920 kr.
    amounts = calc.line_amounts(line("5", "3200", kind="material", vat_rate=D("12")), D("0"))
    assert amounts.vat == D("1920.00")
    assert amounts.total == D("17920.00")


def test_totals_add_up_per_activity_party_and_year_to_the_grand_total() -> None:
    lines = [
        line("3", "0.335", vat_rate=D("25")),  # 1,01 + 0,15 + 0,25 = 1,41
        line("3", "0.335", activity="Möten", year=2025),  # 1,01 + 0,15 = 1,16
        line("1", "100", party="Eskilstuna kommun", year=2025, vat_rate=D("25")),
        # 100 + 15 + 25 = 140
    ]
    summary = calc.summarise(lines, D("15"), participants=3)
    assert summary.amounts.total == D("142.57")
    assert summary.per_activity["Coachning"].total == D("141.41")
    assert summary.per_activity["Möten"].total == D("1.16")
    assert summary.per_party["Right By Me"].total == D("2.57")
    assert summary.per_party["Eskilstuna kommun"].total == D("140.00")
    assert summary.per_year == {
        2024: Amounts(D("1.01"), D("0.15"), D("0.25")),
        2025: Amounts(D("101.01"), D("15.15"), D("25.00")),
    }
    for part in (summary.per_activity, summary.per_party, summary.per_year):
        assert sum(a.total for a in part.values()) == summary.amounts.total
    # 142,57 / 3 = 47,5233… → 47,52 kr per participant
    assert summary.per_participant == D("47.52")


def test_cost_per_participant_rounds_half_up_and_needs_participants() -> None:
    assert calc.per_participant(D("100.00"), 8) == D("12.50")
    assert calc.per_participant(D("0.05"), 2) == D("0.03")  # 0,025 → 0,03
    assert calc.per_participant(D("100.00"), 0) is None
    assert calc.per_participant(D("100.00"), None) is None


def test_estimate_and_actual_side_by_side_with_variance() -> None:
    lines = [
        line("100", "450"),  # estimate 45 000
        line("110", "450", scenario="actual"),  # actual 49 500
        line("10", "100", activity="Resor", kind="travel"),  # estimate 1 000
        line("1", "200", activity="Lokal", kind="premises", scenario="actual"),  # actual only
    ]
    comparison = calc.side_by_side(lines, D("0"), participants=10)
    rows = {row.label: row for row in comparison.per_activity}
    assert rows["Coachning"].difference == D("4500")
    assert rows["Coachning"].percent == D("10.0")
    assert rows["Resor"].actual == D("0") and rows["Resor"].percent == D("-100.0")
    assert rows["Lokal"].estimate == D("0") and rows["Lokal"].percent is None
    assert [row.label for row in comparison.per_activity] == ["Coachning", "Resor", "Lokal"]
    # 46 000 estimated, 49 700 spent: +3 700 kr, +8,0 % (8,043… rounded to one decimal)
    assert comparison.grand.difference == D("3700.00")
    assert comparison.grand.percent == D("8.0")
    assert comparison.estimate.per_participant == D("4600.00")
    assert comparison.actual.per_participant == D("4970.00")


def test_variance_percent_rounds_half_up_to_one_decimal() -> None:
    assert Variance("x", D("8"), D("9")).percent == D("12.5")
    assert Variance("x", D("3"), D("2")).percent == D("-33.3")
    assert Variance("x", D("16"), D("17")).percent == D("6.3")  # 6,25 → 6,3


def test_swedish_formatting() -> None:
    nbsp = "\u00a0"
    assert calc.format_sek(D("1234567.5")) == f"1{nbsp}234{nbsp}567,50{nbsp}kr"
    assert calc.format_sek(D("0")) == f"0,00{nbsp}kr"
    assert calc.format_sek(D("-1234.005")) == f"\u22121{nbsp}234,01{nbsp}kr"
    assert calc.format_sek(None) == "—"
    assert calc.format_percent(D("12.5")) == f"+12,5{nbsp}%"
    assert calc.format_percent(D("-3")) == f"\u22123,0{nbsp}%"


def test_summary_json_is_exact_text() -> None:
    summary = calc.summarise([line("3", "0.335", vat_rate=D("25"))], D("15"), participants=1)
    data = calc.summary_json(summary)
    assert data["total"] == "1.41"
    assert data["per_year"] == {"2024": "1.41"}
    assert data["per_participant"] == "1.41"
