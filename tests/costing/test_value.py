"""Ability to pay (budget lines against the cost per year) and value (results against cost,
the socio-economic estimate from sourced assumptions): arithmetic with hand-checked cases,
the rules, access, merge, removal and restore, the step check and the memo's data."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from costing import services as costing_services
from costing.decision import ability, services, value
from costing.decision.models import BudgetLine, ValueAssumption
from costing.decision.steps import budget_lines
from costing.documents.memo_data import memo_data
from partnerships.models import OrgUnit, Partnership, SteeringDocument
from tests.factories import OrganisationFactory, PartnershipFactory
from tests.theory_of_change.factories import IndicatorFactory, SteeringDocumentFactory

pytestmark = pytest.mark.usefixtures("english")
D = Decimal
NBSP = "\u00a0"


def url(name: str, world: Any, **kwargs: Any) -> str:
    return reverse(f"costing:{name}", kwargs={"key": world.partnership.key, **kwargs})


def budget_document(world: Any, **fields: Any) -> SteeringDocument:
    values = {
        "partnership": world.partnership,
        "organisation": world.party.organisation,
        "kind": SteeringDocument.Kind.BUDGET,
        "title": "Nämndens budget",
    }
    return SteeringDocumentFactory(**{**values, **fields})


def line(world: Any, year: int, amount: str, **fields: Any) -> BudgetLine:
    values = {
        "steering_document": budget_document(world),
        "title": "Arbetsmarknadsinsatser",
        "yearly_amount": D(amount),
        "year": year,
    }
    return services.budget_line_create(partnership=world.partnership, **{**values, **fields})


def cost(partnership: Partnership, year: int, amount: str) -> None:
    costing_services.cost_line_create(
        partnership=partnership,
        activity="Coachning",
        year=year,
        kind="material",
        quantity=D("1"),
        unit_price=D(amount),
    )


# Budget fit arithmetic ----------------------------------------------------------------------


def fake_line(year: int, amount: str) -> BudgetLine:
    return BudgetLine(title="Rad", year=year, yearly_amount=D(amount))


def test_lines_are_summed_per_year_and_compared_with_the_cost() -> None:
    result = ability.fit(
        [fake_line(2026, "700000"), fake_line(2026, "500000.50"), fake_line(2027, "1000000")],
        {2026: D("1200000.50"), 2027: D("1000000.01")},
        "estimate",
    )
    by_year = {row.year: row for row in result.years}
    assert by_year[2026].budget == D("1200000.50") and by_year[2026].fits  # exactly equal fits
    assert by_year[2026].margin == D("0")
    assert by_year[2027].fits is False and by_year[2027].margin == D("-0.01")
    assert result.fits is False
    assert f"2027 is short by 0,01{NBSP}kr" in result.verdict


def test_a_year_with_lines_but_no_cost_is_shown_not_counted() -> None:
    result = ability.fit(
        [fake_line(2024, "2000"), fake_line(2026, "5000")], {2024: D("1999.99")}, "estimate"
    )
    assert result.fits is True
    assert [(row.year, row.fits) for row in result.years] == [(2024, True), (2026, None)]
    assert "No costs are calculated for 2026" in result.verdict


def test_a_year_with_cost_but_no_line_does_not_fit() -> None:
    result = ability.fit([fake_line(2026, "100")], {2025: D("50"), 2026: D("100")}, "estimate")
    assert result.fits is False and [row.year for row in result.short_years] == [2025]
    assert f"2025 is short by 50,00{NBSP}kr" in result.verdict


def test_without_lines_or_costs_the_verdict_says_so() -> None:
    assert ability.fit([], {2026: D("1")}, "estimate").fits is False
    nothing = ability.fit([fake_line(2026, "1")], {}, None)
    assert nothing.fits is None and "no cost calculation" in nothing.verdict


def test_the_page_compares_with_the_estimate_per_year(client: Any, world: Any) -> None:
    partnership = world.partnership
    for row in BudgetLine.objects.filter(partnership=partnership):
        services.budget_line_remove(line=row)
    # The world has a 2024 staff line: 10 h × 450 kr = 4 500 kr.
    line(world, 2024, "4000")
    client.force_login(world.users["viewer"])
    text = client.get(url("budget", world)).content.decode()
    assert "does not fit" in text and f"2024 is short by 500,00{NBSP}kr" in text
    line(world, 2024, "500")
    assert ability.budget_fit(partnership).fits is True
    text = client.get(url("budget", world)).content.decode()
    assert "fits within the budget lines" in text
    assert url("budget_edit", world, pk=BudgetLine.objects.first().pk) not in text  # read-only


# Budget line rules -------------------------------------------------------------------------


def test_a_line_needs_a_budget_the_partnership_uses(world: Any) -> None:
    policy = budget_document(world, kind=SteeringDocument.Kind.POLICY, title="Policy")
    with pytest.raises(ValidationError) as error:
        line(world, 2026, "1", steering_document=policy)
    assert "steering_document" in error.value.message_dict
    elsewhere = SteeringDocumentFactory(
        partnership=PartnershipFactory(), kind=SteeringDocument.Kind.BUDGET
    )
    with pytest.raises(ValidationError):
        line(world, 2026, "1", steering_document=elsewhere)


def test_the_administration_is_a_unit_of_the_budgets_organisation(world: Any) -> None:
    own = OrgUnit.objects.create(
        organisation=world.party.organisation, name="AVF", kind=OrgUnit.Kind.ADMINISTRATION
    )
    other = OrgUnit.objects.create(
        organisation=OrganisationFactory(), name="Annan", kind=OrgUnit.Kind.ADMINISTRATION
    )
    assert line(world, 2026, "1", administration=own).administration == own
    with pytest.raises(ValidationError) as error:
        line(world, 2026, "1", administration=other)
    assert "administration" in error.value.message_dict


def test_create_with_swedish_amounts_edit_merge_remove_restore(
    owner_client: Any, world: Any
) -> None:
    document = budget_document(world)
    response = owner_client.post(
        url("budget_create", world),
        {
            "steering_document": document.pk,
            "title": "Arbetsmarknadsinsatser",
            "yearly_amount": "1 200 000 kr",
            "year": "2026",
            "priority": "Unga utan sysselsättning",
        },
    )
    assert response.status_code == 302
    row = BudgetLine.objects.get(partnership=world.partnership, year=2026)
    assert row.yearly_amount == D("1200000")
    start = {
        "steering_document": document.pk,
        "title": row.title,
        "yearly_amount": "1200000",
        "year": "2026",
        "priority": row.priority,
        "note": "",
        "version_seen": row.version,
    }
    services.budget_line_update(line=row, expected_version=row.version, note="Ändrad")
    response = owner_client.post(url("budget_edit", world, pk=row.pk), {**start, "year": "2027"})
    assert response.status_code == 302
    row.refresh_from_db()
    assert row.year == 2027 and row.note == "Ändrad"  # both kept
    response = owner_client.post(url("budget_edit", world, pk=row.pk), {**start, "year": "2028"})
    assert response.status_code == 200  # both changed the year: a conflict
    assert (
        "What will change"
        in owner_client.get(url("budget_remove", world, pk=row.pk)).content.decode()
    )
    owner_client.post(url("budget_remove", world, pk=row.pk))
    assert not BudgetLine.objects.filter(pk=row.pk).exists()
    assert "Removed budget lines" in owner_client.get(url("budget", world)).content.decode()
    owner_client.post(url("budget_restore", world, pk=row.pk))
    assert BudgetLine.objects.filter(pk=row.pk).exists()


def test_outsiders_get_404_and_viewers_cannot_write(client: Any, world: Any) -> None:
    row = BudgetLine.objects.filter(partnership=world.partnership).first()
    assumption = ValueAssumption.objects.filter(partnership=world.partnership).first()
    assert row is not None and assumption is not None
    other = PartnershipFactory()
    client.force_login(world.users["outsider"])
    for name in ("budget", "value"):
        assert client.get(url(name, world)).status_code == 404
    client.force_login(world.users["viewer"])
    assert client.get(url("value", world)).status_code == 200
    assert client.post(url("budget_remove", world, pk=row.pk)).status_code == 403
    assert client.post(url("assumption_remove", world, pk=assumption.pk)).status_code == 403
    # A member of this partnership cannot reach another partnership's line through it.
    client.force_login(world.users["owner"])
    foreign = services.value_assumption_create(
        partnership=other, label="X", value=D("1"), unit="st", source="Y"
    )
    assert client.get(url("assumption_edit", world, pk=foreign.pk)).status_code == 404


def test_the_step_check_in_constant_queries(world: Any) -> None:
    partnership = PartnershipFactory()
    assert not budget_lines(partnership)[0].passed
    with CaptureQueriesContext(connection) as few:
        assert budget_lines(world.partnership)[0].passed  # the world has a line
    for year in range(2030, 2040):
        line(world, year, "1")
    with CaptureQueriesContext(connection) as many:
        budget_lines(world.partnership)
    assert len(few) == len(many) == 1


def test_budget_and_value_pages_run_the_same_queries_for_3_and_30_rows(
    owner_client: Any, world: Any
) -> None:
    document = budget_document(world)
    counts: dict[str, list[int]] = {"budget": [], "value": []}
    for size in (3, 30):
        while BudgetLine.objects.filter(partnership=world.partnership).count() < size:
            n = BudgetLine.all_objects.count()
            line(world, 2000 + n, "1000", steering_document=document)
            services.value_assumption_create(
                partnership=world.partnership, label=f"A{n}", value=D("1"), unit="st", source="S"
            )
        for name in counts:
            with CaptureQueriesContext(connection) as captured:
                assert owner_client.get(url(name, world)).status_code == 200
            counts[name].append(len(captured))
    assert counts["budget"][0] == counts["budget"][1]
    assert counts["value"][0] == counts["value"][1]


# Value arithmetic ----------------------------------------------------------------------------


def assume(partnership: Partnership, role: str, amount: str, **fields: Any) -> ValueAssumption:
    values = {"label": role, "unit": "st", "source": "Exempel", "role": role, "value": D(amount)}
    return services.value_assumption_create(partnership=partnership, **{**values, **fields})


def test_the_estimate_multiplies_two_assumptions_and_compares_with_the_total(db: Any) -> None:
    partnership = PartnershipFactory()
    cost(partnership, 2026, "1000000")
    cost(partnership, 2027, "500000")
    assume(partnership, "people_helped", "12", label="Unga i arbete", unit="personer")
    assume(partnership, "cost_per_person", "187500.50", label="Kostnad per person")
    assume(partnership, "other", "70", label="Andel kvar efter ett år", unit="%")
    page = value.value_page(partnership)
    assert page.estimate is not None and page.total == D("1500000.00")
    assert page.estimate.avoided_per_year == D("2250006.00")  # 12 × 187 500,50
    assert page.estimate.share_of_cost == D("150.0")  # 2 250 006 / 1 500 000 = 150,0004 %
    assert page.estimate.years_to_match == D("0.7")  # 1 500 000 / 2 250 006 = 0,666…
    words = " ".join(page.estimate.in_words())
    assert f"Unga i arbete (12 personer) × Kostnad per person (187{NBSP}500,50{NBSP}kr)" in words
    assert f"= 2{NBSP}250{NBSP}006,00{NBSP}kr" in words
    assert f"1{NBSP}500{NBSP}000,00{NBSP}kr" in words and "150 %" in words


def test_without_both_assumptions_there_is_no_estimate(db: Any) -> None:
    partnership = PartnershipFactory()
    assume(partnership, "people_helped", "12")
    page = value.value_page(partnership)
    assert page.estimate is None
    assert page.missing == [str(ValueAssumption.Role.COST_PER_PERSON.label)]


def test_one_assumption_per_use_in_the_estimate(db: Any) -> None:
    partnership = PartnershipFactory()
    first = assume(partnership, "people_helped", "12")
    with pytest.raises(ValidationError) as error:
        assume(partnership, "people_helped", "13")
    assert "role" in error.value.message_dict
    assume(partnership, "other", "1")
    assume(partnership, "other", "2")  # any number of others
    services.value_assumption_remove(assumption=first)
    second = assume(partnership, "people_helped", "13")
    with pytest.raises(ValidationError):
        services.value_assumption_restore(assumption=first)
    services.value_assumption_remove(assumption=second)
    services.value_assumption_restore(assumption=first)
    assert value.value_page(partnership).assumptions[0].value == D("12")


def test_cost_per_unit_of_change_from_the_indicators(world: Any) -> None:
    partnership = world.partnership
    from theory_of_change.models import Indicator, Node

    Indicator.objects.filter(partnership=partnership).delete()
    node = Node.objects.filter(partnership=partnership).first()
    IndicatorFactory(
        node=node,
        name="Unga i arbete",
        unit="personer",
        baseline_value=D("5"),
        target_value=D("45"),
    )
    IndicatorFactory(
        node=node, name="Utan baslinje", unit="personer", baseline_value=None, target_value=D("9")
    )
    IndicatorFactory(
        node=node, name="Andel i arbete", unit="%", baseline_value=D("10"), target_value=D("40")
    )
    IndicatorFactory(
        node=node, name="Oförändrad", unit="st", baseline_value=D("3"), target_value=D("3")
    )
    IndicatorFactory(node=node, name="Utan mål", unit="st", target_value=None)
    costing_services.calculation_update(
        partnership=partnership, expected_version=1, participants=50
    )
    # The world's cost: 10 h × 450 kr = 4 500 kr.
    rows = {row.name: row for row in value.value_page(partnership).indicators}
    assert set(rows) == {"Unga i arbete", "Utan baslinje", "Andel i arbete", "Oförändrad"}
    assert rows["Unga i arbete"].change == D("40") and rows["Unga i arbete"].per_unit == D("112.50")
    assert rows["Utan baslinje"].from_zero and rows["Utan baslinje"].per_unit == D("500.00")
    # 30 percentage points of 50 participants = 15 participants: 4 500 / 15 = 300.
    assert rows["Andel i arbete"].units == D("15") and rows["Andel i arbete"].per_unit == D(
        "300.00"
    )
    assert rows["Oförändrad"].per_unit is None


def test_assumption_form_with_swedish_numbers_and_a_source(owner_client: Any, world: Any) -> None:
    response = owner_client.post(
        url("assumption_create", world),
        {
            "role": "cost_per_person",
            "label": "Årlig kostnad för en ung person utanför arbete",
            "value": "250 000,50",
            "unit": "kr per år",
            "source": "Exempelvärde",
            "source_url": "https://example.org/rapport",
        },
    )
    assert response.status_code == 302
    row = ValueAssumption.objects.get(partnership=world.partnership, role="cost_per_person")
    assert row.value == D("250000.50")
    text = owner_client.get(url("value", world)).content.decode()
    assert "https://example.org/rapport" in text and "Avoided public cost" in text
    missing_source = owner_client.post(
        url("assumption_create", world),
        {"role": "other", "label": "X", "value": "1", "unit": "st", "source": ""},
    )
    assert missing_source.status_code == 400


# The memo's data and the demo ---------------------------------------------------------------


def test_the_memo_data_has_budget_and_value(world: Any) -> None:
    assume(world.partnership, "cost_per_person", "100000", label="Kostnad per person")
    data = memo_data(world.partnership)
    assert data["budget"]["rows"][0][1] == "Arbetsmarknadsinsatser"
    assert data["budget"]["fits"] is True  # 500 000 kr against 4 500 kr in 2024
    assert any("Avoided public cost" in sentence for sentence in data["value"]["estimate"])
    empty = memo_data(PartnershipFactory())
    assert empty["budget"] is None and empty["value"] is None


def test_the_demo_seeds_eskilstunas_lines_and_assumptions_once(db: Any) -> None:
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    partnership = Partnership.objects.get(title__startswith="Kraftsamling")
    lines, assumptions = BudgetLine.objects.count(), ValueAssumption.objects.count()
    assert {row.year for row in BudgetLine.objects.filter(partnership=partnership)} == {
        2024,
        2026,
        2027,
    }
    assert ability.budget_fit(partnership).fits is True
    cost_row = ValueAssumption.objects.get(partnership=partnership, role="cost_per_person")
    assert "Exempelvärde" in cost_row.source
    assert value.value_page(partnership).estimate is not None
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert (BudgetLine.objects.count(), ValueAssumption.objects.count()) == (lines, assumptions)


# History ---------------------------------------------------------------------------------


def test_the_history_tells_the_changes_and_restores_an_earlier_amount(
    owner_client: Any, world: Any
) -> None:
    row = line(world, 2026, "1000", title="Arbetsmarknadsinsatser 2026")
    first = BudgetLine.history.get(id=row.pk, version=row.version)
    row = services.budget_line_update(line=row, expected_version=row.version, yearly_amount=D("9"))
    assumption = ValueAssumption.objects.get(partnership=world.partnership)
    services.value_assumption_update(
        assumption=assumption, expected_version=assumption.version, value=D("31")
    )
    text = owner_client.get(
        reverse("partnerships:history", kwargs={"key": world.partnership.key})
    ).content.decode()
    assert "Arbetsmarknadsinsatser 2026 (2026)" in text and "Budget line" in text
    assert "Unga i arbete" in text and "Value assumption" in text
    restore = reverse(
        "partnerships:history_restore",
        kwargs={
            "key": world.partnership.key,
            "model": "costing.budgetline",
            "history_id": first.history_id,
        },
    )
    assert owner_client.get(restore).status_code == 200
    assert owner_client.post(restore).status_code == 302
    row.refresh_from_db()
    assert row.yearly_amount == D("1000")


def test_the_viewer_reads_the_value_page_without_edit_buttons(client: Any, world: Any) -> None:
    client.force_login(world.users["viewer"])
    text = client.get(url("value", world)).content.decode()
    assert "Unga i arbete" in text
    assert url("assumption_create", world) not in text
    assert reverse("costing:budget_create", kwargs={"key": world.partnership.key}) not in (
        client.get(url("budget", world)).content.decode()
    )
