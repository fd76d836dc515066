"""Cost lines per activity of the collaboration plan: the link is chosen among the
partnership's own plan activities, the totals use the plan activity's title, the spreadsheet
carries the link both ways, and the cost page names the plan activities nobody priced."""

from __future__ import annotations

from decimal import Decimal
from io import BytesIO
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook
from openpyxl.writer.excel import save_workbook

from costing import services
from costing.forms import CostLineForm
from costing.models import CostLine
from costing.selectors import cost_page, uncosted_plan_activities
from costing.spreadsheet import COL, LINES_SHEET, check_workbook, export_workbook
from partnerships.models import PlanActivity
from partnerships.plan import services as plan_services
from tests.factories import PartnershipFactory

pytestmark = pytest.mark.usefixtures("english")
D = Decimal


def url(name: str, world: Any, **kwargs: Any) -> str:
    return reverse(f"costing:{name}", kwargs={"key": world.partnership.key, **kwargs})


def plan_activity(world: Any, title: str = "Gruppträffar") -> PlanActivity:
    return PlanActivity.objects.get(partnership=world.partnership, title=title)


def material(world: Any, **fields: Any) -> CostLine:
    values = {
        "activity": "",
        "year": 2025,
        "kind": "material",
        "quantity": D("2"),
        "unit_price": D("100"),
        **fields,
    }
    return services.cost_line_create(partnership=world.partnership, **values)


def form_data(**fields: Any) -> dict[str, Any]:
    return {
        "scenario": "estimate",
        "activity": "",
        "plan_activity": "",
        "party": "",
        "year": "2025",
        "kind": "material",
        "staff_category": "",
        "description": "",
        "quantity": "2",
        "unit_price": "100",
        "vat_rate": "",
        "version": "1",
        **fields,
    }


# The link and its rules ----------------------------------------------------------------------


@pytest.mark.django_db
def test_a_linked_line_takes_the_plan_activitys_title(world: Any) -> None:
    line = material(world, plan_activity=plan_activity(world), activity="Något annat")
    assert line.activity == "Gruppträffar" and line.activity_label == "Gruppträffar"


@pytest.mark.django_db
def test_a_line_needs_a_plan_activity_or_a_name(world: Any) -> None:
    with pytest.raises(ValidationError) as error:
        material(world, activity="  ")
    assert "activity" in error.value.message_dict


@pytest.mark.django_db
def test_another_partnerships_plan_activity_is_refused_by_the_service(world: Any) -> None:
    other = plan_services.plan_activity_create(partnership=PartnershipFactory(), title="Främmande")
    with pytest.raises(ValidationError) as error:
        material(world, plan_activity=other)
    assert "plan_activity" in error.value.message_dict


@pytest.mark.django_db
def test_the_form_offers_only_this_partnerships_current_plan_activities(
    client: Any, world: Any
) -> None:
    other = plan_services.plan_activity_create(partnership=PartnershipFactory(), title="Främmande")
    form = CostLineForm(instance=CostLine(partnership=world.partnership))
    offered = set(form.fields["plan_activity"].queryset.values_list("title", flat=True))
    assert offered == {"Gruppträffar"}  # not "Gammal aktivitet" (removed) nor "Främmande"

    client.force_login(world.users["editor"])
    before = CostLine.objects.count()
    refused = client.post(url("line_create", world), form_data(plan_activity=str(other.pk)))
    assert refused.status_code == 400
    assert CostLine.objects.count() == before

    mine = plan_activity(world)
    accepted = client.post(url("line_create", world), form_data(plan_activity=str(mine.pk)))
    assert accepted.status_code == 302
    assert CostLine.objects.filter(plan_activity=mine, activity="Gruppträffar").exists()


@pytest.mark.django_db
def test_a_line_keeps_its_link_to_a_plan_activity_removed_since(world: Any) -> None:
    activity = plan_services.plan_activity_create(partnership=world.partnership, title="Kurs")
    line = material(world, plan_activity=activity)
    plan_services.plan_activity_remove(activity=activity)
    form = CostLineForm(instance=line)
    assert activity in form.fields["plan_activity"].queryset


@pytest.mark.django_db
def test_totals_per_activity_use_the_plan_activitys_title(world: Any) -> None:
    activity = plan_activity(world)
    material(world, plan_activity=activity)
    material(world, activity="Gruppträffar (gammalt namn)")
    plan_services.plan_activity_update(
        activity=activity, expected_version=activity.version, title="Träffar i grupp"
    )
    labels = {str(row.label) for row in cost_page(world.partnership).comparison.per_activity}
    assert "Träffar i grupp" in labels
    assert "Gruppträffar (gammalt namn)" in labels


@pytest.mark.django_db
def test_the_cost_page_flags_plan_activities_without_a_cost_line(client: Any, world: Any) -> None:
    activity = plan_activity(world)
    assert list(uncosted_plan_activities(world.partnership)) == [activity]
    client.force_login(world.users["viewer"])
    page = client.get(url("costs", world)).content.decode()
    assert 'id="uncosted-activities"' in page and "Gruppträffar" in page

    material(world, plan_activity=activity, scenario="actual")
    assert not uncosted_plan_activities(world.partnership).exists()
    assert 'id="uncosted-activities"' not in client.get(url("costs", world)).content.decode()


# The spreadsheet -----------------------------------------------------------------------------


def _book(data: bytes) -> Any:
    return load_workbook(BytesIO(data))


def _bytes(book: Any) -> bytes:
    buffer = BytesIO()
    save_workbook(book, buffer)
    return buffer.getvalue()


def _row_of(sheet: Any, line: CostLine) -> int:
    return next(r for r in range(2, sheet.max_row + 1) if sheet[f"A{r}"].value == line.pk)


@pytest.mark.django_db
def test_the_spreadsheet_round_trip_keeps_the_link(client: Any, world: Any) -> None:
    activity = plan_activity(world)
    linked = material(world, plan_activity=activity)
    free = material(world, activity="Resor")
    data = export_workbook(world.partnership)
    sheet = _book(data)[LINES_SHEET]
    row = _row_of(sheet, linked)
    assert sheet[f"{COL['plan_activity']}{row}"].value == activity.pk
    assert sheet[f"{COL['activity']}{row}"].value == "Gruppträffar"
    assert sheet[f"{COL['plan_activity']}{_row_of(sheet, free)}"].value is None

    client.force_login(world.users["owner"])
    response = client.post(url("import_xlsx", world), {"file": SimpleUploadedFile("k.xlsx", data)})
    assert response.status_code == 302
    linked.refresh_from_db()
    free.refresh_from_db()
    assert (linked.plan_activity_id, linked.version) == (activity.pk, 1)  # nothing changed
    assert (free.plan_activity_id, free.version) == (None, 1)


@pytest.mark.django_db
def test_a_plan_activity_renamed_after_the_export_changes_no_line(world: Any) -> None:
    activity = plan_activity(world)
    linked = material(world, plan_activity=activity)
    data = export_workbook(world.partnership)
    plan_services.plan_activity_update(
        activity=activity, expected_version=activity.version, title="Träffar i grupp"
    )
    check = check_workbook(world.partnership, data)
    assert not check.errors
    result = services.cost_lines_import(partnership=world.partnership, rows=check.rows)
    assert result.changed == 0
    linked.refresh_from_db()
    assert linked.version == 1 and linked.activity_label == "Träffar i grupp"


@pytest.mark.django_db
def test_an_imported_id_links_and_unlinks(world: Any) -> None:
    activity = plan_activity(world)
    linked = material(world, plan_activity=activity)
    free = material(world, activity="Resor")
    book = _book(export_workbook(world.partnership))
    sheet = book[LINES_SHEET]
    sheet[f"{COL['plan_activity']}{_row_of(sheet, free)}"] = activity.pk
    sheet[f"{COL['plan_activity']}{_row_of(sheet, linked)}"] = None
    check = check_workbook(world.partnership, _bytes(book))
    assert not check.errors
    services.cost_lines_import(partnership=world.partnership, rows=check.rows)
    free.refresh_from_db()
    linked.refresh_from_db()
    assert free.plan_activity_id == activity.pk and free.activity == "Gruppträffar"
    assert linked.plan_activity_id is None and linked.activity == "Gruppträffar"


@pytest.mark.django_db
@pytest.mark.parametrize("value", ["foreign", "removed", "9" * 30, "tjugo"])
def test_a_bad_plan_activity_id_is_a_row_error_and_changes_nothing(world: Any, value: str) -> None:
    line = material(world, activity="Resor")
    if value == "foreign":
        value = str(
            plan_services.plan_activity_create(partnership=PartnershipFactory(), title="X").pk
        )
    elif value == "removed":
        value = str(PlanActivity.all_objects.get(title="Gammal aktivitet").pk)
    book = _book(export_workbook(world.partnership))
    sheet = book[LINES_SHEET]
    row = _row_of(sheet, line)
    sheet[f"{COL['plan_activity']}{row}"] = value
    check = check_workbook(world.partnership, _bytes(book))
    assert check.errors and not any(pk == line.pk for pk, _fields in check.rows)
    assert any(f"Row {row}, column Plan activity (id):" in error for error in check.errors), (
        check.errors
    )


@pytest.mark.django_db
def test_a_file_exported_before_the_plan_column_still_imports(world: Any) -> None:
    line = material(world, activity="Resor")
    book = _book(export_workbook(world.partnership))
    sheet = book[LINES_SHEET]
    # The old layout: the inputs A–M, then the formulas (here simply no column N).
    sheet.delete_cols(14, 5)
    check = check_workbook(world.partnership, _bytes(book))
    assert not check.errors
    assert any(pk == line.pk for pk, _fields in check.rows)
