"""The calculation as a spreadsheet (openpyxl): export with formulas, import with row errors.

The lines sheet has one row per cost line: the inputs, then the amount (=quantity × unit
price), overhead, VAT and total as formulas of that row; the summary sheet holds the overhead
and VAT rates the formulas read and sums them with SUMIFS per scenario, year and activity, so
an edited file recalculates in Excel or LibreOffice. Import reads the inputs only (columns A–N),
checks every cell, and either accepts the whole file or changes nothing. A line linked to an
activity of the collaboration plan carries the plan activity's id (column N, after the other
inputs, so files exported before it existed, A–M, still import).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from io import BytesIO
from typing import Any

from django.core.exceptions import ValidationError
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet
from openpyxl.writer.excel import save_workbook

from partnerships.models import Partnership, Party, PlanActivity

from .forms import parse_decimal_text
from .models import CostLine, StaffCategory
from .selectors import CostPage, cost_page

LINES_SHEET = "Kostnadsrader"
SUMMARY_SHEET = "Sammanstallning"
MONEY_FORMAT = '#,##0.00 "kr"'
NUMBER_FORMAT = "#,##0.00"
# The columns of the lines sheet: (key, header). Inputs first (A–N), then formulas (O–R).
COLUMNS = [
    ("id", gettext_lazy("Id")),
    ("version", gettext_lazy("Version")),
    ("scenario", gettext_lazy("Estimate or actual")),
    ("activity", gettext_lazy("Activity")),
    ("party", gettext_lazy("Party")),
    ("year", gettext_lazy("Year")),
    ("kind", gettext_lazy("Kind of cost")),
    ("staff_category", gettext_lazy("Staff category")),
    ("description", gettext_lazy("Description")),
    ("quantity", gettext_lazy("Quantity")),
    ("unit_price", gettext_lazy("Unit price")),
    ("vat_applies", gettext_lazy("VAT applies")),
    ("vat_rate", gettext_lazy("VAT rate (%)")),
    ("plan_activity", gettext_lazy("Plan activity (id)")),
    ("net", gettext_lazy("Amount (kr)")),
    ("overhead", gettext_lazy("Overhead (kr)")),
    ("vat", gettext_lazy("VAT (kr)")),
    ("total", gettext_lazy("Total (kr)")),
]
INPUTS = 14
INPUT_KEYS = [key for key, _label in COLUMNS[:INPUTS]]
# The inputs of files exported before lines could be linked to the plan's activities.
LEGACY_KEYS = [key for key in INPUT_KEYS if key != "plan_activity"]
COL = {key: get_column_letter(index) for index, (key, _label) in enumerate(COLUMNS, 1)}
MAX_ROWS = 5000


def _scenario_label(value: str) -> str:
    return str(CostLine.Scenario(value).label)


def _sheet_ref(name: str, cell: str) -> str:
    return f"'{name}'!{cell}"


def export_workbook(partnership: Partnership) -> bytes:
    """The calculation as an .xlsx file (in the active language)."""
    page = cost_page(partnership)
    book = Workbook()
    lines = book.active
    assert isinstance(lines, Worksheet)
    lines.title = LINES_SHEET
    summary = book.create_sheet(SUMMARY_SHEET)
    _write_lines(lines, page)
    _write_summary(summary, page)
    buffer = BytesIO()
    save_workbook(book, buffer)
    return buffer.getvalue()


def _write_lines(sheet: Worksheet, page: CostPage) -> None:
    bold = Font(bold=True)
    sheet.append([str(label) for _key, label in COLUMNS])
    for cell in sheet[1]:
        cell.font = bold
    yes = _("Yes")
    overhead = _sheet_ref(SUMMARY_SHEET, "$B$3")
    default_vat = _sheet_ref(SUMMARY_SHEET, "$B$4")
    for number, line in enumerate(page.lines, start=2):
        c = {key: f"{letter}{number}" for key, letter in COL.items()}
        sheet.append(
            [
                line.pk,
                line.version,
                _scenario_label(line.scenario),
                line.activity_label,
                str(line.party.organisation) if line.party else "",
                line.year,
                str(line.get_kind_display()),
                line.staff_category.name if line.staff_category else "",
                line.description,
                line.quantity,
                line.price(),
                yes if line.vat_applies else _("No"),
                line.vat_rate,
                line.plan_activity_id,
                f"=ROUND({c['quantity']}*{c['unit_price']},2)",
                f"=ROUND({c['net']}*{overhead}/100,2)",
                f'=IF({c["vat_applies"]}="{yes}",ROUND({c["net"]}*IF({c["vat_rate"]}="",'
                f"{default_vat},{c['vat_rate']})/100,2),0)",
                f"=SUM({c['net']}:{c['vat']})",
            ]
        )
        for key in ("quantity",):
            sheet[c[key]].number_format = NUMBER_FORMAT
        for key in ("unit_price", "net", "overhead", "vat", "total"):
            sheet[c[key]].number_format = MONEY_FORMAT
    widths = [8, 8, 12, 30, 24, 8, 24, 20, 30, 10, 14, 10, 12, 12, 16, 14, 14, 16]
    for index, width in enumerate(widths, 1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A2"


def _write_summary(sheet: Worksheet, page: CostPage) -> None:
    bold = Font(bold=True)
    calculation = page.calculation
    sheet["A1"] = _("Cost calculation: %(title)s") % {"title": calculation.partnership.title}
    sheet["A1"].font = Font(bold=True, size=14)
    sheet["A3"], sheet["B3"] = _("Overhead (%)"), calculation.overhead_percent
    sheet["A4"], sheet["B4"] = _("VAT rate (%)"), calculation.vat_rate
    sheet["A5"], sheet["B5"] = _("Participants"), page.participants
    rows = f"'{LINES_SHEET}'!"

    def col(key: str) -> str:
        return f"{rows}${COL[key]}:${COL[key]}"

    estimate, actual = _scenario_label("estimate"), _scenario_label("actual")
    sheet.append([])
    sheet.append(["", estimate, actual, _("Variance (kr)")])
    header_row = sheet.max_row
    for cell in sheet[header_row]:
        cell.font = bold

    def total_row(label: str, key: str, extra: str = "") -> None:
        r = sheet.max_row + 1
        sheet.append(
            [
                label,
                f'=SUMIFS({col(key)},{col("scenario")},"{estimate}"{extra})',
                f'=SUMIFS({col(key)},{col("scenario")},"{actual}"{extra})',
                f"=C{r}-B{r}",
            ]
        )
        for letter in "BCD":
            sheet[f"{letter}{r}"].number_format = MONEY_FORMAT

    total_row(_("Amount excluding VAT"), "net")
    total_row(_("Overhead"), "overhead")
    total_row(_("VAT"), "vat")
    grand = sheet.max_row + 1
    first = grand - 3
    sheet.append(
        [
            _("Total"),
            f"=SUM(B{first}:B{grand - 1})",
            f"=SUM(C{first}:C{grand - 1})",
            f"=C{grand}-B{grand}",
        ]
    )
    for letter in "ABCD":
        sheet[f"{letter}{grand}"].font = bold
        if letter != "A":
            sheet[f"{letter}{grand}"].number_format = MONEY_FORMAT
    r = sheet.max_row + 1
    sheet.append(
        [
            _("Cost per participant"),
            f'=IF($B$5>0,ROUND(B{grand}/$B$5,2),"")',
            f'=IF($B$5>0,ROUND(C{grand}/$B$5,2),"")',
            "",
        ]
    )
    for letter in "BC":
        sheet[f"{letter}{r}"].number_format = MONEY_FORMAT

    comparison = page.comparison
    sheet.append([])
    sheet.append([_("Per year")])
    sheet.cell(row=sheet.max_row, column=1).font = bold
    for row in comparison.per_year:
        total_row(str(row.label), "total", f",{col('year')},{row.label}")
    sheet.append([])
    sheet.append([_("Per activity")])
    sheet.cell(row=sheet.max_row, column=1).font = bold
    for row in comparison.per_activity:
        text = str(row.label).replace('"', '""')
        total_row(str(row.label), "total", f',{col("activity")},"{text}"')
    sheet.column_dimensions["A"].width = 36
    for letter in "BCD":
        sheet.column_dimensions[letter].width = 18


# Import --------------------------------------------------------------------------------------


@dataclass
class ImportCheck:
    """The rows to write (line id or None, fields) or the reasons the file is refused."""

    rows: list[tuple[int | None, dict[str, Any]]] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


def _headers(language: str, keys: list[str]) -> list[str]:
    labels = dict(COLUMNS)
    with translation.override(language):
        return [str(labels[key]).strip().casefold() for key in keys]


def _layout(header: list[str]) -> list[str] | None:
    """The input columns a header row names: today's, or the layout before plan activities."""
    for keys in (INPUT_KEYS, LEGACY_KEYS):
        if header[: len(keys)] in (_headers("sv", keys), _headers("en", keys)):
            return keys
    return None


def _labels(choices: Any) -> dict[str, str]:
    """Choice labels in Swedish and English, and the codes, to their value."""
    found: dict[str, str] = {}
    for language in ("sv", "en"):
        with translation.override(language):
            for value, label in choices:
                found[str(label).strip().casefold()] = value
    for value, _label in choices:
        found[str(value).casefold()] = value
    return found


YES = {"ja", "yes", "x", "1", "true", "sant"}
NO = {"nej", "no", "", "0", "false", "falskt"}


def _text(value: Any) -> str:
    return "" if value is None else str(value).strip()


def _decimal(value: Any) -> Decimal | None:
    """A cell as a decimal; None when empty; ValueError when it is not a number."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, bool):
        raise ValueError
    if isinstance(value, int | float):
        number = Decimal(str(value))
    else:
        try:
            number = Decimal(parse_decimal_text(str(value)))
        except InvalidOperation as error:
            raise ValueError from error
    if not number.is_finite():
        raise ValueError
    return number


def check_workbook(partnership: Partnership, data: bytes) -> ImportCheck:
    """Read an uploaded file and check every cell; nothing is written here."""
    check = ImportCheck()
    try:
        book = load_workbook(BytesIO(data), read_only=True, data_only=False)
    except Exception:  # openpyxl raises many kinds for a file that is not a workbook
        check.errors.append(_("The file could not be read as an .xlsx spreadsheet."))
        return check
    if LINES_SHEET not in book.sheetnames:
        check.errors.append(
            _("The file has no sheet named “%(name)s”: export the calculation and edit that file.")
            % {"name": LINES_SHEET}
        )
        return check
    sheet = book[LINES_SHEET]
    rows = sheet.iter_rows(min_row=1, max_col=INPUTS, values_only=True)
    header = [_text(value).casefold() for value in next(rows, ())]
    header += [""] * (INPUTS - len(header))
    keys = _layout(header)
    if keys is None:
        check.errors.append(
            _("The first row does not have the columns of an exported calculation (%(columns)s).")
            % {"columns": ", ".join(str(label) for _key, label in COLUMNS[:INPUTS])}
        )
        return check

    parties = {
        str(party.organisation).casefold(): party
        for party in Party.objects.filter(partnership=partnership).select_related("organisation")
    }
    categories = {
        category.name.strip().casefold(): category
        for category in StaffCategory.objects.filter(partnership=partnership)
    }
    existing = {line.pk: line for line in CostLine.objects.filter(partnership=partnership)}
    # The plan's current activities; a line may keep a link to one removed since.
    plan = {
        activity.pk: activity
        for activity in PlanActivity.all_objects.filter(partnership=partnership)
    }
    kept_links = {line.pk: line.plan_activity_id for line in existing.values()}
    scenarios = _labels(CostLine.Scenario.choices)
    kinds = _labels(CostLine.Kind.choices)
    headers = {key: str(label) for key, label in COLUMNS}
    seen: set[int] = set()

    for number, values in enumerate(rows, start=2):
        if number > MAX_ROWS + 1:
            check.errors.append(_("The file has more than %(max)s rows.") % {"max": MAX_ROWS})
            break
        cells = dict(zip(keys, values, strict=False))
        if all(_text(cells.get(key)) == "" for key, _label in COLUMNS[2:INPUTS]):
            continue  # an empty row
        errors: list[str] = []
        bad_keys: set[str] = set()

        def bad(
            key: str,
            message: str,
            row: int = number,
            found: list[str] = errors,
            keys: set[str] = bad_keys,
        ) -> None:
            keys.add(key)
            found.append(
                _("Row %(row)s, column %(column)s: %(message)s")
                % {"row": row, "column": headers[key], "message": message}
            )

        pk: int | None = None
        raw_id = cells.get("id")
        if _text(raw_id):
            try:
                pk = int(_decimal(raw_id) or 0)
            except (ValueError, OverflowError):
                pk = None
            if pk not in existing:
                bad("id", _("no line of this calculation has this id; leave it empty to add one."))
                pk = None
            elif pk in seen:
                bad("id", _("the same line appears twice."))
            else:
                seen.add(pk)
                try:
                    version = int(_decimal(cells.get("version")) or 0)
                except ValueError:
                    version = 0
                if version and version != existing[pk].version:
                    bad(
                        "version",
                        _("the line was changed by someone after the export; export again."),
                    )

        fields: dict[str, Any] = {}
        scenario = scenarios.get(_text(cells.get("scenario")).casefold())
        if scenario is None:
            bad(
                "scenario",
                _("write “%(a)s” or “%(b)s”.")
                % {
                    "a": _scenario_label("estimate"),
                    "b": _scenario_label("actual"),
                },
            )
        fields["scenario"] = scenario
        fields["activity"] = _text(cells.get("activity"))
        fields["plan_activity"] = None
        raw_plan = _text(cells.get("plan_activity"))
        if raw_plan:
            try:
                plan_pk: int | None = int(_decimal(raw_plan) or 0)
            except (ValueError, OverflowError):
                plan_pk = None
            found = plan.get(plan_pk) if plan_pk is not None else None
            if found is not None and found.removed_at is not None:
                if pk is None or kept_links.get(pk) != found.pk:
                    found = None
            if found is None:
                bad(
                    "plan_activity",
                    _(
                        "no activity of this partnership's plan has this id; leave it empty "
                        "and name the activity for a cost outside the plan."
                    ),
                )
            fields["plan_activity"] = found
            if found is not None and pk is not None and kept_links.get(pk) == found.pk:
                # Still linked as before: the name in the file is the plan's, not an edit (and
                # a plan activity renamed since the export changes no line by itself).
                fields["activity"] = existing[pk].activity
        party_name = _text(cells.get("party"))
        fields["party"] = None
        if party_name:
            fields["party"] = parties.get(party_name.casefold())
            if fields["party"] is None:
                bad(
                    "party",
                    _("“%(name)s” is not a party of the partnership.") % {"name": party_name[:80]},
                )
        try:
            year = _decimal(cells.get("year"))
            if year is None or year != year.to_integral_value():
                raise ValueError
            fields["year"] = int(year)
        except (ValueError, OverflowError):
            bad("year", _("enter a year, for example 2025."))
        kind = kinds.get(_text(cells.get("kind")).casefold())
        if kind is None:
            bad("kind", _("not a kind of cost; use one of the kinds in the exported file."))
        fields["kind"] = kind
        category_name = _text(cells.get("staff_category"))
        fields["staff_category"] = None
        if kind == CostLine.Kind.STAFF:
            fields["staff_category"] = categories.get(category_name.casefold())
            if fields["staff_category"] is None:
                bad(
                    "staff_category",
                    _("a staff line needs one of the partnership's staff categories.")
                    if not category_name
                    else _("“%(name)s” is not a staff category of the partnership.")
                    % {"name": category_name[:80]},
                )
        fields["description"] = _text(cells.get("description"))
        for key in ("quantity", "unit_price", "vat_rate"):
            try:
                fields[key] = _decimal(cells.get(key))
            except ValueError:
                bad(key, _("“%(value)s” is not a number.") % {"value": _text(cells.get(key))[:40]})
                fields[key] = None
                continue
            value = fields[key]
            if value is not None and value != value.quantize(Decimal("0.01")):
                bad(key, _("at most two decimals."))
        if kind == CostLine.Kind.STAFF and fields["staff_category"] is not None:
            rate = fields["staff_category"].hourly_rate
            if fields["unit_price"] is not None and fields["unit_price"] != rate:
                bad(
                    "unit_price",
                    _(
                        "a staff line is priced at its category's hourly rate (%(rate)s); "
                        "change the rate under Staff categories."
                    )
                    % {"rate": rate},
                )
            fields["unit_price"] = None
        if fields["quantity"] is None and "quantity" not in bad_keys:
            bad("quantity", _("enter a quantity."))
        vat = _text(cells.get("vat_applies")).casefold()
        if vat in YES or vat == _("Yes").casefold():
            fields["vat_applies"] = True
        elif vat in NO or vat == _("No").casefold():
            fields["vat_applies"] = False
        else:
            bad("vat_applies", _("write Yes or No."))

        if not errors:
            candidate = CostLine(partnership=partnership, **fields)
            try:
                candidate.full_clean(exclude=["partnership"])
            except ValidationError as error:
                for name, messages in error.message_dict.items():
                    for message in messages:
                        if name in headers:
                            bad(name, message)
                        else:
                            errors.append(
                                _("Row %(row)s: %(message)s") % {"row": number, "message": message}
                            )
            else:
                fields["unit_price"] = candidate.unit_price
                fields["staff_category"] = candidate.staff_category
        check.errors.extend(errors)
        if not errors:
            check.rows.append((pk, fields))
    if not check.rows and not check.errors:
        check.errors.append(_("The file has no cost lines."))
    return check


# Co-financing time reports, for a funder's report ------------------------------------------------

TIME_SHEET = "Tidrapporter"
TIME_MONTH_SHEET = "Per manad"


def export_time_reports(partnership: Partnership) -> bytes:
    """Every time report with its value as a formula (hours × rate), and the sums per party
    and month (SUMIFS over the reports), in the active language."""
    from .selectors import party_label, time_page

    page = time_page(partnership)
    book = Workbook()
    sheet = book.active
    assert isinstance(sheet, Worksheet)
    sheet.title = TIME_SHEET
    headers = [
        _("Date"),
        _("Person"),
        _("Party"),
        _("Staff category"),
        _("Activity"),
        _("Hours"),
        _("Hourly rate"),
        _("Co-financing value (kr)"),
        _("Month"),
    ]
    sheet.append([str(header) for header in headers])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for number, report in enumerate(page.reports, start=2):
        sheet.append(
            [
                report.worked_on,
                report.person,
                party_label(report.party),
                report.staff_category.name,
                report.activity,
                report.hours,
                report.staff_category.hourly_rate,
                f"=ROUND(F{number}*G{number},2)",
                f"{report.worked_on:%Y-%m}",
            ]
        )
        sheet[f"A{number}"].number_format = "yyyy-mm-dd"
        sheet[f"G{number}"].number_format = MONEY_FORMAT
        sheet[f"H{number}"].number_format = MONEY_FORMAT
    last = len(page.reports) + 1
    total = last + 2
    sheet[f"E{total}"] = _("Total")
    sheet[f"F{total}"] = f"=SUM(F2:F{last})"
    sheet[f"H{total}"] = f"=SUM(H2:H{last})"
    sheet[f"H{total}"].number_format = MONEY_FORMAT
    for letter in "EFH":
        sheet[f"{letter}{total}"].font = Font(bold=True)
    for index, width in enumerate([12, 24, 30, 18, 30, 8, 14, 20, 10], 1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A2"

    months = book.create_sheet(TIME_MONTH_SHEET)
    months.append(
        [str(_("Party")), str(_("Month")), str(_("Hours")), str(_("Co-financing value (kr)"))]
    )
    for cell in months[1]:
        cell.font = Font(bold=True)
    reports = f"'{TIME_SHEET}'!"
    for number, row in enumerate(page.months, start=2):
        party = row.party.replace('"', '""')
        where = f'{reports}$C:$C,"{party}",{reports}$I:$I,"{row.month}"'
        months.append(
            [
                row.party,
                row.month,
                f"=SUMIFS({reports}$F:$F,{where})",
                f"=SUMIFS({reports}$H:$H,{where})",
            ]
        )
        months[f"D{number}"].number_format = MONEY_FORMAT
    for index, width in enumerate([36, 10, 10, 22], 1):
        months.column_dimensions[get_column_letter(index)].width = width
    buffer = BytesIO()
    save_workbook(book, buffer)
    return buffer.getvalue()
