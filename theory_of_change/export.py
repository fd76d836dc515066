"""The chain with its indicators as a spreadsheet (openpyxl), for a sector that lives in Excel."""

from __future__ import annotations

import io
import re
from collections.abc import Sequence
from typing import Any, cast

from django.utils.functional import Promise
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.worksheet.worksheet import Worksheet

from .chain import Chain, field_label
from .shape import INDICATOR, NODE, PICTURE_FIELDS, Field, Level, choice_label

# Characters a spreadsheet would read as the start of a formula: a cell must never run code.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
# Column widths by the kind of a field (text columns: 30).
WIDTHS = {"decimal": 14, "date": 14, "choice": 20}


def _value(chain: Chain, item: Field, value: Any) -> object:
    """A field's value as a reader of the sheet wants it."""
    if item.kind == "level":
        return str(Level(value).label)
    if item.kind == "bool":
        return _("Yes") if value else _("No")
    if item.kind == "documents":
        return "\n".join(chain.document_titles(value))
    if item.kind == "needs":
        return "\n".join(chain.need_texts(value))
    if item.kind == "choice":
        return choice_label(item.name, value)
    return value


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
    from .models import Indicator, Node, TheoryOfChange

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
            _("Needs of the target group"),
            "\n".join(need["need"] for need in chain.needs),
        ]
    )
    picture_rows.append(
        [
            _("Anchored in steering documents"),
            "\n".join(chain.document_titles(chain.picture_documents)),
        ]
    )
    _sheet(picture, [_("Field"), _("Text")], picture_rows, [34, 100])

    # The node's columns follow its declared fields (not its position in the level), with
    # where it leads after the description and the SMART check after the goal.
    node_fields = [item for item in NODE if item.kind != "order"]
    chain_sheet = book.create_sheet(_("Chain")[:31])
    chain_rows = []
    for node in sorted(chain.nodes, key=lambda n: (n.level, n.order, n.id)):
        leads_to = [
            nodes[link.target].title
            for link in chain.links
            if link.source == node.id and link.target in nodes
        ]
        result = smart.get(node.id)
        row: list[object] = [node.id]
        for item in node_fields:
            row.append(_value(chain, item, getattr(node, item.name)))
            if item.name == "description":
                row.append("\n".join(leads_to))
            elif item.name == "goal_statement":
                row.append(
                    (
                        _("Yes")
                        if result.passed
                        else _("No: %(missing)s") % {"missing": " ".join(result.missing)}
                    )
                    if result
                    else ""
                )
        chain_rows.append(row)
    headers = [_("Id")]
    widths = [6]
    for item in node_fields:
        headers.append(field_label(Node, item.name))
        widths.append(50 if item.name in ("description", "goal_statement") else 30)
        if item.name == "description":
            headers.append(_("Leads to"))
            widths.append(36)
        elif item.name == "goal_statement":
            headers.append(_("SMART"))
            widths.append(40)
    _sheet(chain_sheet, headers, chain_rows, widths)

    link_sheet = book.create_sheet(_("Links")[:31])
    link_rows = [
        [nodes[link.source].title, nodes[link.target].title, link.assumptions]
        for link in chain.links
        if link.source in nodes and link.target in nodes
    ]
    _sheet(link_sheet, [_("From"), _("Leads to"), _("Assumptions")], link_rows, [40, 40, 70])

    indicator_sheet = book.create_sheet(_("Indicators")[:31])
    indicator_rows = [
        [
            node.title,
            node.level_label,
            *(_value(chain, item, getattr(indicator, item.name)) for item in INDICATOR),
        ]
        for node in sorted(chain.nodes, key=lambda n: (n.level, n.order, n.id))
        for indicator in node.indicators
    ]
    _sheet(
        indicator_sheet,
        [
            _("Chain node"),
            _("Level"),
            *(
                _("Indicator") if item.name == "name" else field_label(Indicator, item.name)
                for item in INDICATOR
            ),
        ],
        indicator_rows,
        [36, 20, *(WIDTHS.get(item.kind, 30) for item in INDICATOR)],
    )
    dates = [index + 2 for index, item in enumerate(INDICATOR) if item.kind == "date"]
    for row in indicator_sheet.iter_rows(min_row=2):
        for index in dates:
            cast(Any, row[index]).number_format = "yyyy-mm-dd"

    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
