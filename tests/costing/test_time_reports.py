"""Co-financing time reports: whole hours valued at the category's rate, summed per party and
month, against the committed hours, exported with formulas for a funder's report."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from io import BytesIO
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from costing import selectors, services
from costing.models import StaffCategory, TimeReport
from costing.spreadsheet import TIME_MONTH_SHEET, TIME_SHEET, export_time_reports
from tests.factories import PartnershipFactory, PartyFactory

pytestmark = pytest.mark.usefixtures("english")
D = Decimal
NBSP = "\u00a0"


def url(name: str, world: Any, **kwargs: Any) -> str:
    return reverse(f"costing:{name}", kwargs={"key": world.partnership.key, **kwargs})


def report(world: Any, category: StaffCategory, day: date, hours: int, **kwargs: Any) -> Any:
    fields = {"party": world.party, "person": "Amira", "activity": "Coachning"}
    fields.update(kwargs)
    return services.time_report_create(
        partnership=world.partnership, staff_category=category, worked_on=day, hours=hours, **fields
    )


@pytest.fixture
def officer(world: Any) -> StaffCategory:
    return services.staff_category_create(
        partnership=world.partnership, name="Handläggare", hourly_rate=D("487.50")
    )


def test_sums_per_party_and_month_against_the_committed_hours(
    world: Any, officer: StaffCategory
) -> None:
    # The world already has 8 h in March 2024 at the coach's 450 kr (3 600 kr).
    services.financing_create(
        partnership=world.partnership,
        form="in_kind_staff",
        payer_party=world.party,
        committed_hours=500,
    )
    report(world, officer, date(2024, 3, 20), 7)  # 7 × 487,50 = 3 412,50
    report(world, officer, date(2024, 4, 2), 3)  # 3 × 487,50 = 1 462,50
    page = selectors.time_page(world.partnership)
    months = {(row.month, row.hours): row.value for row in page.months}
    assert months == {("2024-03", 15): D("7012.50"), ("2024-04", 3): D("1462.50")}
    [year] = page.years
    assert (year.hours, year.committed, year.share) == (18, 500, D("3.6"))  # 18 / 500 = 3,6 %
    assert year.value == page.total_value == D("8475.00")
    assert page.total_hours == 18


def test_whole_hours_only_and_the_partnerships_own_records(world: Any, officer: Any) -> None:
    with pytest.raises(ValidationError):
        report(world, officer, date(2024, 3, 1), 0)
    with pytest.raises(ValidationError):
        report(world, officer, date(2024, 3, 1), 25)
    other_party = PartyFactory(partnership=PartnershipFactory())
    with pytest.raises(ValidationError):
        report(world, officer, date(2024, 3, 1), 2, party=other_party)


def test_the_page_and_its_constant_queries(owner_client: Any, world: Any, officer: Any) -> None:
    text = owner_client.get(url("time_list", world)).content.decode()
    assert f"3{NBSP}600,00{NBSP}kr" in text and "Per party and month" in text
    services.financing_create(
        partnership=world.partnership,
        form="in_kind_staff",
        payer_party=world.party,
        committed_hours=500,
    )
    text = owner_client.get(url("time_list", world)).content.decode()
    assert "1,6 %" in text  # 8 of 500 committed hours
    counts = []
    for size in (5, 50):
        while TimeReport.objects.filter(partnership=world.partnership).count() < size:
            report(
                world,
                officer,
                date(2024, 5, 1),
                1,
                party=PartyFactory(partnership=world.partnership),
            )
        with CaptureQueriesContext(connection) as captured:
            assert owner_client.get(url("time_list", world)).status_code == 200
        counts.append(len(captured))
    assert counts[0] == counts[1]


def test_report_edit_and_restore(owner_client: Any, world: Any, officer: Any) -> None:
    entry = report(world, officer, date(2024, 6, 3), 4)
    response = owner_client.post(
        url("time_edit", world, pk=entry.pk),
        {
            "party": world.party.pk,
            "person": "Amira",
            "staff_category": officer.pk,
            "worked_on": "2024-06-03",
            "hours": "5",
            "activity": "Coachning",
            "version_seen": entry.version,
        },
    )
    assert response.status_code == 302
    entry.refresh_from_db()
    assert entry.hours == 5
    owner_client.post(url("time_remove", world, pk=entry.pk))
    assert not TimeReport.objects.filter(pk=entry.pk).exists()
    owner_client.post(url("time_restore", world, pk=entry.pk))
    assert TimeReport.objects.filter(pk=entry.pk).exists()


def test_export_for_the_funder_has_formulas(client: Any, world: Any, officer: Any) -> None:
    report(world, officer, date(2024, 3, 20), 7)
    client.force_login(world.users["viewer"])
    response = client.get(url("time_export", world))
    assert response.status_code == 200
    book = load_workbook(BytesIO(response.content))
    sheet = book[TIME_SHEET]
    assert sheet["H2"].value == "=ROUND(F2*G2,2)"
    assert any(str(c.value).startswith("=SUM(H2:H") for row in sheet.iter_rows() for c in row)
    months = book[TIME_MONTH_SHEET]
    assert str(months["C2"].value).startswith("=SUMIFS(")
    assert export_time_reports(world.partnership)[:2] == b"PK"
