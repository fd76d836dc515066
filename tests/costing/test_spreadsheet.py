"""The calculation as a spreadsheet: formulas in the export, round trip, row errors, and a
rejected file that changes nothing."""

from __future__ import annotations

from decimal import Decimal
from io import BytesIO
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook
from openpyxl.writer.excel import save_workbook

from costing import services
from costing.models import CostLine
from costing.spreadsheet import LINES_SHEET, SUMMARY_SHEET, check_workbook, export_workbook

pytestmark = pytest.mark.usefixtures("english")
D = Decimal


def url(name: str, world: Any) -> str:
    return reverse(f"costing:{name}", kwargs={"key": world.partnership.key})


@pytest.fixture
def lines(world: Any) -> list[CostLine]:
    """The world's staff line plus a material line with VAT and an actual travel line."""
    services.calculation_update(
        partnership=world.partnership, expected_version=1, overhead_percent=D("10")
    )
    services.cost_line_create(
        partnership=world.partnership,
        activity="Möten",
        party=world.party,
        year=2025,
        kind="material",
        description="Fika",
        quantity=D("5"),
        unit_price=D("320.50"),
        vat_applies=True,
        vat_rate=D("12"),
    )
    services.cost_line_create(
        partnership=world.partnership,
        scenario="actual",
        activity="Resor",
        year=2024,
        kind="travel",
        quantity=D("3"),
        unit_price=D("85"),
    )
    return list(CostLine.objects.filter(partnership=world.partnership).order_by("pk"))


def snapshot(world: Any) -> list[tuple[Any, ...]]:
    return list(
        CostLine.all_objects.filter(partnership=world.partnership)
        .order_by("pk")
        .values_list(
            "pk",
            "version",
            "scenario",
            "activity",
            "party",
            "year",
            "kind",
            "staff_category",
            "description",
            "quantity",
            "unit_price",
            "vat_applies",
            "vat_rate",
            "removed_at",
        )
    )


def workbook(data: bytes) -> Any:
    return load_workbook(BytesIO(data))


def to_bytes(book: Any) -> bytes:
    buffer = BytesIO()
    save_workbook(book, buffer)
    return buffer.getvalue()


def upload(client: Any, world: Any, data: bytes) -> Any:
    return client.post(
        url("import_xlsx", world),
        {"file": SimpleUploadedFile("kalkyl.xlsx", data)},
    )


def test_export_has_formulas_and_sums(world: Any, lines: list[CostLine]) -> None:
    book = workbook(export_workbook(world.partnership))
    sheet = book[LINES_SHEET]
    assert [cell.value for cell in sheet[1]][:4] == [
        "Id",
        "Version",
        "Estimate or actual",
        "Activity",
    ]
    assert sheet["O2"].value == "=ROUND(J2*K2,2)"
    assert sheet["R2"].value == "=SUM(O2:Q2)"
    assert sheet["K2"].number_format == '#,##0.00 "kr"'
    summary = book[SUMMARY_SHEET]
    formulas = [cell.value for row in summary.iter_rows() for cell in row if cell.value]
    assert any(str(value).startswith("=SUMIFS(") for value in formulas)
    assert any(str(value).startswith("=SUM(B") for value in formulas)
    assert summary["B3"].value == D("10") or summary["B3"].value == 10


def test_export_download(client: Any, world: Any, lines: list[CostLine]) -> None:
    client.force_login(world.users["viewer"])
    response = client.get(url("export_xlsx", world))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith('attachment; filename="kostnadsberakning-')
    assert response.content[:2] == b"PK"


def test_round_trip_changes_nothing(owner_client: Any, world: Any, lines: list[CostLine]) -> None:
    before = snapshot(world)
    response = upload(owner_client, world, export_workbook(world.partnership))
    assert response.status_code == 302
    assert snapshot(world) == before


def test_an_edited_file_changes_adds_and_removes(
    owner_client: Any, world: Any, lines: list[CostLine]
) -> None:
    book = workbook(export_workbook(world.partnership))
    sheet = book[LINES_SHEET]
    ids = {sheet.cell(row=r, column=1).value: r for r in range(2, sheet.max_row + 1)}
    staff, material, travel = lines
    sheet.cell(row=ids[material.pk], column=10).value = 6  # quantity
    sheet.delete_rows(ids[travel.pk])
    sheet.append(
        [None, None, "Actual", "Nytt", "", 2025, "Premises", "", "Lokal", 2, "1 500,50", "No", None]
    )
    response = upload(owner_client, world, to_bytes(book))
    assert response.status_code == 302
    material.refresh_from_db()
    assert material.quantity == D("6") and material.version == 2
    assert not CostLine.objects.filter(pk=travel.pk).exists()  # removed softly
    assert CostLine.all_objects.get(pk=travel.pk).removed_at is not None
    new = CostLine.objects.get(partnership=world.partnership, activity="Nytt")
    assert (new.unit_price, new.scenario, new.kind) == (D("1500.50"), "actual", "premises")
    staff.refresh_from_db()
    assert staff.version == 1  # untouched


def test_a_rejected_file_names_the_cells_and_changes_nothing(
    owner_client: Any, world: Any, lines: list[CostLine]
) -> None:
    before = snapshot(world)
    book = workbook(export_workbook(world.partnership))
    sheet = book[LINES_SHEET]
    sheet["J2"] = 99  # a good change in row 2, which must not be saved either
    sheet["K3"] = "tusen"
    sheet["F4"] = "nästa år"
    sheet.append(
        [
            None,
            None,
            "Estimate",
            "Ny",
            "Okänd AB",
            2025,
            "Staff (hours × hourly rate)",
            "Saknas",
            "",
            1,
            None,
            "Yes",
            None,
        ]
    )
    response = upload(owner_client, world, to_bytes(book))
    assert response.status_code == 400
    text = response.content.decode()
    assert "nothing was changed" in text
    assert "Row 3, column Unit price: “tusen” is not a number." in text
    assert "Row 4, column Year: enter a year, for example 2025." in text
    assert "Row 5, column Party: “Okänd AB” is not a party of the partnership." in text
    assert "Row 5, column Staff category: “Saknas” is not a staff category" in text
    assert snapshot(world) == before


def test_a_line_changed_since_the_export_is_refused(world: Any, lines: list[CostLine]) -> None:
    data = export_workbook(world.partnership)
    line = lines[1]
    services.cost_line_update(line=line, expected_version=line.version, description="Ändrad")
    check = check_workbook(world.partnership, data)
    assert any("changed by someone after the export" in error for error in check.errors)


def test_not_a_spreadsheet(owner_client: Any, world: Any, lines: list[CostLine]) -> None:
    before = snapshot(world)
    response = upload(owner_client, world, b"not a zip file")
    assert response.status_code == 400
    assert "could not be read" in response.content.decode()
    assert snapshot(world) == before


def test_a_viewer_cannot_import(client: Any, world: Any, lines: list[CostLine]) -> None:
    client.force_login(world.users["viewer"])
    assert upload(client, world, export_workbook(world.partnership)).status_code == 403


def test_a_swedish_file_round_trips(client: Any, world: Any, lines: list[CostLine]) -> None:
    """Exported in Swedish (the default): Swedish headers, Budget/Utfall, Ja/Nej; it imports."""
    from django.utils import translation

    with translation.override("sv"):
        data = export_workbook(world.partnership)
    book = workbook(data)
    sheet = book[LINES_SHEET]
    assert sheet["C1"].value == "Budget eller utfall" and sheet["C2"].value == "Budget"
    assert {sheet.cell(row=r, column=12).value for r in range(2, 5)} == {"Ja", "Nej"}
    before = snapshot(world)
    client.force_login(world.users["owner"])
    client.cookies["django_language"] = "sv"
    response = upload(client, world, data)
    assert response.status_code == 302
    assert snapshot(world) == before
