"""Step 5: thresholds and flags, the calculation's pages, merge, restore, baseline, step checks,
the summary for the decision memo, and the demo."""

from __future__ import annotations

import json
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from costing import selectors, services
from costing.models import Calculation, CostLine, FinancingArrangement, Threshold
from costing.steps import financing_and_costs
from partnerships.models import Partnership
from tests.factories import PartnershipFactory, PartyFactory

pytestmark = pytest.mark.usefixtures("english")
D = Decimal
NBSP = "\u00a0"


def url(name: str, world: Any, **kwargs: Any) -> str:
    return reverse(f"costing:{name}", kwargs={"key": world.partnership.key, **kwargs})


def add_line(partnership: Partnership, **fields: Any) -> CostLine:
    values: dict[str, Any] = {
        "activity": "Coachning",
        "year": 2024,
        "kind": "material",
        "quantity": D("1"),
        "unit_price": D("100"),
    }
    values.update(fields)
    return services.cost_line_create(partnership=partnership, **values)


def procure(partnership: Partnership, amount: str, start: date, form: str = "direct_award") -> Any:
    return services.financing_create(
        partnership=partnership,
        form=form,
        status="proposed",
        amount=D(amount),
        start_date=start,
    )


# Thresholds and flags -------------------------------------------------------------------------


def test_thresholds_are_loaded_with_their_source(db: Any) -> None:
    limit = selectors.threshold(Threshold.Kind.DIRECT_AWARD, on=date(2024, 6, 1))
    assert limit is not None and limit.value == D("700000")
    assert limit.valid_from == date(2024, 1, 1) and "Upphandlingsmyndigheten" in limit.source
    assert selectors.threshold(Threshold.Kind.SOCIAL_SERVICES, on=date(2025, 1, 1)).value == D(
        "8109450"
    )
    assert selectors.threshold(Threshold.Kind.DIRECT_AWARD, on=date(2023, 12, 31)) is None


@pytest.fixture
def new_limit(db: Any) -> Threshold:
    """A later direct award limit, as an administrator would add it in the admin."""
    return Threshold.objects.create(
        kind=Threshold.Kind.DIRECT_AWARD,
        value=D("800000"),
        valid_from=date(2026, 1, 1),
        source="Upphandlingsmyndigheten (test)",
        source_url="https://example.org/troskel",
    )


def test_threshold_in_force_follows_the_valid_from_dates(new_limit: Threshold) -> None:
    kind = Threshold.Kind.DIRECT_AWARD
    assert selectors.threshold(kind, on=date(2025, 12, 31)).value == D("700000")
    assert selectors.threshold(kind, on=date(2026, 1, 1)) == new_limit


def test_direct_award_flag_at_the_boundary_with_two_validity_dates(new_limit: Threshold) -> None:
    partnership = PartnershipFactory()
    at_limit = procure(partnership, "700000", date(2025, 6, 1))
    above = procure(partnership, "700000.01", date(2025, 6, 1))
    under_new = procure(partnership, "750000", date(2026, 2, 1))
    above_new = procure(partnership, "800000.01", date(2026, 2, 1), form="lou")
    page = selectors.financing_page(partnership)
    assert at_limit.pk not in page.flags  # "at most" the limit: still a direct award
    assert under_new.pk not in page.flags  # the 2026 limit applies on its start date
    [flag] = page.flags[above.pk]
    assert f"700{NBSP}000,00{NBSP}kr" in flag.message and "2025-06-01" in flag.message
    assert "not allowed" in flag.message
    assert flag.source.startswith("Upphandlingsmyndigheten") and "2024-01-01" in flag.source
    [flag] = page.flags[above_new.pk]
    assert f"800{NBSP}000,00{NBSP}kr" in flag.message and "2026-01-01" in flag.source
    assert flag.source_url == "https://example.org/troskel"


def test_only_planned_purchases_are_flagged(db: Any) -> None:
    partnership = PartnershipFactory()
    ended = procure(partnership, "900000", date(2024, 6, 1))
    services.financing_update(arrangement=ended, expected_version=ended.version, status="ended")
    grant = procure(partnership, "900000", date(2024, 6, 1), form="grant_yearly")
    flags = selectors.financing_page(partnership).flags
    assert ended.pk not in flags and grant.pk not in flags


def test_dependence_on_one_short_term_source(db: Any) -> None:
    partnership = PartnershipFactory()
    today = timezone.localdate()
    esf = services.financing_create(
        partnership=partnership,
        form="esf",
        status="active",
        amount=D("800000"),
        end_date=today + timedelta(days=300),
    )
    services.financing_create(
        partnership=partnership, form="in_kind_staff", status="active", amount=D("200000")
    )
    rows = list(selectors.arrangements_of(partnership))
    flag = selectors.dependence_flag(rows, today=today)
    assert flag is not None and flag.arrangement == esf and "80 %" in flag.message
    # ending later than twelve months: not flagged
    assert selectors.dependence_flag(rows, today=today - timedelta(days=100)) is None
    # 79,9 % of the money: not flagged
    services.financing_create(
        partnership=partnership, form="grant_yearly", status="decided", amount=D("1300")
    )
    assert selectors.dependence_flag(list(selectors.arrangements_of(partnership))) is None


def test_the_financing_page_shows_guidance_flags_and_thresholds(
    owner_client: Any, world: Any
) -> None:
    procure(world.partnership, "950000", date(2025, 3, 1))
    response = owner_client.get(url("financing", world))
    text = response.content.decode()
    assert response.status_code == 200
    assert "Above the direct award limit:" in text
    assert "initiative comes from the idea-based organisation" in text  # IOP guidance
    assert "Procurement thresholds in force today" in text
    assert f"8{NBSP}109{NBSP}450,00{NBSP}kr" in text


# Pages, rights, merge, restore ------------------------------------------------------------------


def test_costs_page_in_swedish_numbers(client: Any, world: Any) -> None:
    services.calculation_update(
        partnership=world.partnership, expected_version=1, overhead_percent=D("10"), participants=4
    )
    add_line(world.partnership, quantity=D("3"), unit_price=D("1234.50"), vat_applies=True)
    client.force_login(world.users["viewer"])
    text = client.get(url("costs", world)).content.decode()
    # world line: 10 h × 450 = 4 500 + 450 overhead = 4 950; new line: 3 703,50 + 370,35
    # overhead + 925,88 VAT (25 % of 3 703,50 = 925,875) = 4 999,73; total 9 949,73 kr
    assert f"9{NBSP}949,73{NBSP}kr" in text
    assert f"2{NBSP}487,43{NBSP}kr" in text  # per participant: 9 949,73 / 4 = 2 487,4325
    assert "Add an estimate line" not in text  # a viewer reads only
    assert client.post(url("line_create", world), {}).status_code == 403


def test_outsiders_and_other_partnerships_get_404(client: Any, world: Any) -> None:
    client.force_login(world.users["outsider"])
    assert client.get(url("costs", world)).status_code == 404
    assert client.get(url("financing", world)).status_code == 404
    other = add_line(PartnershipFactory())
    client.force_login(world.users["owner"])
    assert client.get(url("line_edit", world, pk=other.pk)).status_code == 404
    assert client.post(url("line_remove", world, pk=other.pk)).status_code == 404


def line_data(line: CostLine, **changes: Any) -> dict[str, Any]:
    data = {
        "scenario": line.scenario,
        "activity": line.activity,
        "party": "",
        "year": str(line.year),
        "kind": line.kind,
        "staff_category": str(line.staff_category_id or ""),
        "description": line.description,
        "quantity": str(line.quantity).replace(".", ","),
        "unit_price": "" if line.unit_price is None else str(line.unit_price),
        "vat_rate": "",
        "version_seen": str(line.version),
    }
    data.update(changes)
    return data


def test_create_a_line_with_swedish_amounts(owner_client: Any, world: Any) -> None:
    response = owner_client.post(
        url("line_create", world),
        {
            "scenario": "actual",
            "activity": "Möten",
            "year": "2025",
            "kind": "premises",
            "quantity": "2",
            "unit_price": "1 234,50 kr",
        },
    )
    assert response.status_code == 302
    line = CostLine.objects.get(partnership=world.partnership, activity="Möten")
    assert line.unit_price == D("1234.50") and line.scenario == "actual"


def test_a_staff_line_needs_a_category(owner_client: Any, world: Any) -> None:
    response = owner_client.post(
        url("line_create", world),
        {"scenario": "estimate", "activity": "X", "year": "2025", "kind": "staff", "quantity": "5"},
    )
    assert response.status_code == 400
    assert "A staff line needs a staff category." in response.content.decode()


def test_two_edits_of_a_line_merge_and_a_real_conflict_is_shown(
    owner_client: Any, world: Any
) -> None:
    line = add_line(world.partnership)
    start = line_data(line)
    services.cost_line_update(line=line, expected_version=line.version, description="Ändrad")
    response = owner_client.post(url("line_edit", world, pk=line.pk), {**start, "quantity": "7"})
    assert response.status_code == 302
    line.refresh_from_db()
    assert line.quantity == D("7") and line.description == "Ändrad"  # both kept
    response = owner_client.post(url("line_edit", world, pk=line.pk), {**start, "quantity": "9"})
    assert response.status_code == 200  # both changed the quantity: a conflict
    line.refresh_from_db()
    assert line.quantity == D("7")


def test_remove_and_restore_a_line(owner_client: Any, world: Any) -> None:
    line = add_line(world.partnership, unit_price=D("5000"))
    confirm = owner_client.get(url("line_remove", world, pk=line.pk))
    assert "What will change" in confirm.content.decode()
    owner_client.post(url("line_remove", world, pk=line.pk))
    page = owner_client.get(url("costs", world)).content.decode()
    assert "Removed cost lines" in page
    assert f"5{NBSP}000,00{NBSP}kr" not in page.split("Removed cost lines")[0]
    owner_client.post(url("line_restore", world, pk=line.pk))
    assert CostLine.objects.filter(pk=line.pk).exists()
    assert "restored" in CostLine.history.filter(id=line.pk).first().history_change_reason


def test_freeze_the_estimate_as_baseline(owner_client: Any, world: Any) -> None:
    assert owner_client.get(url("baseline_freeze", world)).status_code == 200
    owner_client.post(url("baseline_freeze", world))
    calculation = Calculation.objects.get(partnership=world.partnership)
    assert calculation.baseline["total"] == "4500.00" and calculation.frozen_at is not None
    add_line(world.partnership, unit_price=D("500"))
    text = owner_client.get(url("costs", world)).content.decode()
    assert "Baseline" in text and f"4{NBSP}500,00{NBSP}kr" in text and f"5{NBSP}000,00" in text


def test_settings_edit(owner_client: Any, world: Any) -> None:
    response = owner_client.post(
        url("calculation_edit", world),
        {"overhead_percent": "12,5", "vat_rate": "25", "participants": "78"},
    )
    assert response.status_code == 302
    calculation = Calculation.objects.get(partnership=world.partnership)
    assert calculation.overhead_percent == D("12.5") and calculation.participants == 78


def test_participants_default_from_the_theory_of_change(world: Any) -> None:
    calculation = selectors.calculation_of(world.partnership)
    from theory_of_change.selectors import participants_reached

    planned, actual = participants_reached(world.partnership)
    assert selectors.participants_of(world.partnership, calculation) == (actual or planned or None)


# Query counts -------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["costs", "financing", "staff"])
def test_pages_run_the_same_queries_for_5_and_50_lines(
    owner_client: Any, world: Any, name: str
) -> None:
    party = PartyFactory(partnership=world.partnership)
    counts = []
    for size in (5, 50):
        while CostLine.objects.filter(partnership=world.partnership).count() < size:
            add_line(world.partnership, party=party, activity=f"A{size}")
            services.financing_create(
                partnership=world.partnership, form="lou", amount=D("900000"), payer_party=party
            )
            services.staff_category_create(
                partnership=world.partnership, name="X", hourly_rate=D("1"), party=party
            )
        with CaptureQueriesContext(connection) as captured:
            assert owner_client.get(url(name, world)).status_code == 200
        counts.append(len(captured))
    assert counts[0] == counts[1]


def test_step_checks_in_constant_queries(world: Any) -> None:
    partnership = world.partnership
    checks = financing_and_costs(partnership)
    assert checks[0].passed  # the world's ESF+ funding is active
    assert not checks[1].passed  # no participant count yet
    services.calculation_update(partnership=partnership, expected_version=1, participants=10)
    with CaptureQueriesContext(connection) as few:
        assert all(check.passed for check in financing_and_costs(partnership))
    for _ in range(20):
        add_line(partnership)
    with CaptureQueriesContext(connection) as many:
        financing_and_costs(partnership)
    assert len(few) == len(many)


# The summary for the decision memo ------------------------------------------------------------------


def test_cost_summary_is_json_with_totals_per_year_and_financing(world: Any) -> None:
    assert selectors.cost_summary(PartnershipFactory()) is None
    partnership = world.partnership
    services.calculation_update(partnership=partnership, expected_version=1, participants=9)
    add_line(partnership, year=2025, unit_price=D("0.50"))
    summary = selectors.cost_summary(partnership)
    assert summary is not None
    json.dumps(summary)
    assert summary["per_year"] == [
        {"year": 2024, "total": "4500.00", "total_text": f"4{NBSP}500,00{NBSP}kr"},
        {"year": 2025, "total": "0.50", "total_text": f"0,50{NBSP}kr"},
    ]
    assert summary["total"] == "4500.50"
    assert summary["per_participant"] == "500.06"  # 4 500,50 / 9 = 500,0555…
    assert summary["participants"] == 9
    [esf] = summary["financing"]
    assert esf["form"] == "esf" and esf["amount"] == "500000.00" and esf["status"] == "active"
    from costing.calculation import cost_summary

    assert cost_summary(partnership) == summary


# The demo --------------------------------------------------------------------------------------------


def test_demo_seeds_eskilstuna_and_boden_once(db: Any) -> None:
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    counts = (CostLine.objects.count(), FinancingArrangement.objects.count())
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert (CostLine.objects.count(), FinancingArrangement.objects.count()) == counts
    eskilstuna = Partnership.objects.get(title__startswith="Kraftsamling")
    page = selectors.cost_page(eskilstuna)
    assert page.participants == 78
    assert page.comparison.estimate.line_count == 8 and page.comparison.actual.line_count == 8
    assert page.calculation.baseline is not None
    forms = set(
        FinancingArrangement.objects.filter(partnership=eskilstuna).values_list("form", flat=True)
    )
    assert {"esf", "iop", "in_kind_staff"} <= forms
    time = selectors.time_page(eskilstuna)
    assert time.total_hours == 12 * (8 + 6 + 4 + 3)
    assert time.years[0].committed == 500
    boden = Partnership.objects.get(title__startswith="Samlad kraft")
    assert selectors.financing_page(boden).dependence is not None
    assert any(selectors.financing_page(boden).flags.values())
    assert selectors.cost_page(boden).comparison.estimate.line_count == 3


def test_the_history_page_tells_the_costing_changes(owner_client: Any, world: Any) -> None:
    line = add_line(world.partnership, description="Fika")
    services.cost_line_update(line=line, expected_version=line.version, quantity=D("3"))
    services.cost_line_remove(line=line)
    services.baseline_freeze(partnership=world.partnership)
    response = owner_client.get(
        reverse("partnerships:history", kwargs={"key": world.partnership.key})
    )
    text = response.content.decode()
    assert response.status_code == 200
    assert "Coachning: Fika (2024, Estimate)" in text
    assert "Cost line" in text and "Financing arrangement" in text


def test_a_partnership_and_a_party_can_still_be_deleted_for_good(world: Any) -> None:
    """Staff categories are RESTRICTed, not PROTECTed: the partnership's cascade takes them
    with its lines and time reports; a party deleted for good leaves its hours unnamed."""
    from costing.models import TimeReport

    report = TimeReport.objects.filter(partnership=world.partnership).first()
    assert report is not None
    world.party.delete()
    report.refresh_from_db()
    assert report.party is None
    pk = world.partnership.pk
    assert CostLine.all_objects.filter(partnership_id=pk).exists()
    world.partnership.delete()
    assert not CostLine.all_objects.filter(partnership_id=pk).exists()


def test_administrators_edit_thresholds_in_the_admin(client: Any, world: Any) -> None:
    client.force_login(world.users["superuser_viewer"])
    response = client.get(reverse("admin:costing_threshold_changelist"))
    assert response.status_code == 200
    assert "700000" in response.content.decode().replace("\u00a0", "").replace(" ", "")
    limit = selectors.threshold(Threshold.Kind.DIRECT_AWARD, on=date(2024, 6, 1))
    assert limit is not None
    page = client.get(reverse("admin:costing_threshold_change", args=[limit.pk]))
    assert page.status_code == 200
