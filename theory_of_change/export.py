"""The chain with its indicators as a spreadsheet (openpyxl), for a sector that lives in Excel."""

from __future__ import annotations

import io
import re
from collections.abc import Sequence

from django.utils.functional import Promise
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.worksheet.worksheet import Worksheet

from .chain import PICTURE_FIELDS, Chain, field_label

# Characters a spreadsheet would read as the start of a formula: a cell must never run code.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def _cell(value: object) -> object:
    if isinstance(value, Promise):
        value = str(value)
    if isinstance(value, str):
        value = ILLEGAL.sub("", value)
        if value.startswith(FORMULA_START):
            return "'" + value
    return value


def _sheet(
    sheet: Worksheet, headers: list[str], rows: Sequence[Sequence[object]], widths: list[int]
) -> None:
    sheet.append(headers)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for row in rows:
        sheet.append([_cell(value) for value in row])
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[sheet.cell(row=1, column=index).column_letter].width = width
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = "A2"


def chain_workbook(chain: Chain, *, title: str) -> bytes:
    """A workbook with the shared picture, the chain, the links and the indicators."""
    from .models import Indicator, TheoryOfChange

    frequencies = dict(Indicator.Frequency.choices)
    nodes = chain.node_map()
    smart = chain.smart_results()
    book = Workbook()

    picture = book.active
    picture.title = _("Shared picture")[:31]
    picture_rows: list[list[object]] = [[_("Partnership"), title]]
    picture_rows += [
        [field_label(TheoryOfChange, name), chain.picture.get(name, "")] for name in PICTURE_FIELDS
    ]
    picture_rows.append(
        [
            _("Anchored in steering documents"),
            "\n".join(chain.document_titles(chain.picture_documents)),
        ]
    )
    _sheet(picture, [_("Field"), _("Text")], picture_rows, [34, 100])

    chain_sheet = book.create_sheet(_("Chain")[:31])
    chain_rows = []
    for node in sorted(chain.nodes, key=lambda n: (n.level, n.order, n.id)):
        leads_to = [
            nodes[link.target].title
            for link in chain.links
            if link.source == node.id and link.target in nodes
        ]
        result = smart.get(node.id)
        chain_rows.append(
            [
                node.id,
                node.level_label,
                node.title,
                node.description,
                "\n".join(leads_to),
                node.goal_statement,
                (
                    _("Yes")
                    if result.passed
                    else _("No: %(missing)s") % {"missing": " ".join(result.missing)}
                )
                if result
                else "",
                node.achievability,
                node.need,
                "\n".join(chain.document_titles(node.steering_documents)),
            ]
        )
    _sheet(
        chain_sheet,
        [
            _("Id"),
            _("Level"),
            _("Title"),
            _("Description"),
            _("Leads to"),
            _("Goal"),
            _("SMART"),
            _("Why achievable"),
            _("Need it meets"),
            _("Steering documents"),
        ],
        chain_rows,
        [6, 20, 36, 50, 36, 50, 40, 40, 36, 36],
    )

    link_sheet = book.create_sheet(_("Links")[:31])
    link_rows = [
        [nodes[link.source].title, nodes[link.target].title, link.assumptions]
        for link in chain.links
        if link.source in nodes and link.target in nodes
    ]
    _sheet(link_sheet, [_("From"), _("Leads to"), _("Assumptions")], link_rows, [40, 40, 70])

    indicator_sheet = book.create_sheet(_("Indicators")[:31])
    indicator_rows = []
    for node in sorted(chain.nodes, key=lambda n: (n.level, n.order, n.id)):
        for item in node.indicators:
            indicator_rows.append(
                [
                    node.title,
                    node.level_label,
                    item.name,
                    item.unit,
                    item.baseline_value,
                    item.baseline_date,
                    item.target_value,
                    item.target_date,
                    item.data_source,
                    frequencies.get(item.frequency, item.frequency),
                    item.responsible_party,
                ]
            )
    _sheet(
        indicator_sheet,
        [
            _("Outcome"),
            _("Level"),
            _("Indicator"),
            _("Unit"),
            _("Baseline value"),
            _("Baseline date"),
            _("Target value"),
            _("Target date"),
            _("Data source"),
            _("Frequency"),
            _("Responsible party"),
        ],
        indicator_rows,
        [36, 20, 36, 12, 14, 14, 14, 14, 30, 20, 30],
    )
    for row in indicator_sheet.iter_rows(min_row=2):
        for cell in (row[5], row[7]):
            cell.number_format = "yyyy-mm-dd"

    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
