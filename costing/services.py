"""Writes of step 5: financing arrangements, staff categories, cost lines, the calculation's
settings and baseline, and the spreadsheet import. Keyword-only; views call these only."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, TypeVar

from django.db import models, transaction
from django.utils import timezone

from partnerships.concurrency import create_validated, update_versioned
from partnerships.history import RESTORED_REASON
from partnerships.models import Partnership

from . import calculation as calc
from .models import (
    CALCULATION_FIELDS,
    COST_LINE_FIELDS,
    FINANCING_FIELDS,
    STAFF_CATEGORY_FIELDS,
    TIME_REPORT_FIELDS,
    Calculation,
    CostLine,
    FinancingArrangement,
    StaffCategory,
    TimeReport,
)

R = TypeVar("R", CostLine, StaffCategory, FinancingArrangement, TimeReport)


def _only(fields: dict[str, Any], allowed: tuple[str, ...], what: str) -> dict[str, Any]:
    """`fields`, refusing any a user may not edit (a programming error, not a user's)."""
    unknown = set(fields) - set(allowed)
    if unknown:
        raise TypeError(f"{what} cannot change {', '.join(sorted(unknown))}")
    return fields


def _set_removed(model: type[R], pk: int, *, removed: bool) -> R:
    """Mark a soft-removable row removed (or not), as a new version with its own history."""
    with transaction.atomic():
        row = model.all_objects.select_for_update().get(pk=pk)
        if (row.removed_at is not None) == removed:
            return row  # already so: a second click changes nothing
        row.removed_at = timezone.now() if removed else None
        row.version += 1
        if not removed:
            row._change_reason = RESTORED_REASON  # type: ignore[attr-defined]  # "Restored"
        row.save()
        return row


# Financing arrangements --------------------------------------------------------------------


def financing_create(*, partnership: Partnership, **fields: Any) -> FinancingArrangement:
    fields = _only(fields, FINANCING_FIELDS, "financing_create")
    return create_validated(FinancingArrangement(partnership=partnership, **fields))


def financing_update(
    *, arrangement: FinancingArrangement, expected_version: int, **fields: Any
) -> FinancingArrangement:
    """Change an arrangement, merged with what others saved since `expected_version`."""
    return update_versioned(
        arrangement,
        expected_version=expected_version,
        changes=_only(fields, FINANCING_FIELDS, "financing_update"),
    )


def financing_remove(*, arrangement: FinancingArrangement) -> FinancingArrangement:
    return _set_removed(FinancingArrangement, arrangement.pk, removed=True)


def financing_restore(*, arrangement: FinancingArrangement) -> FinancingArrangement:
    return _set_removed(FinancingArrangement, arrangement.pk, removed=False)


# Staff categories --------------------------------------------------------------------------


def staff_category_create(*, partnership: Partnership, **fields: Any) -> StaffCategory:
    fields = _only(fields, STAFF_CATEGORY_FIELDS, "staff_category_create")
    return create_validated(StaffCategory(partnership=partnership, **fields))


def staff_category_update(
    *, category: StaffCategory, expected_version: int, **fields: Any
) -> StaffCategory:
    """Change a category; its staff lines are priced at the new rate from now on."""
    return update_versioned(
        category,
        expected_version=expected_version,
        changes=_only(fields, STAFF_CATEGORY_FIELDS, "staff_category_update"),
    )


def staff_category_remove(*, category: StaffCategory) -> StaffCategory:
    """Remove softly: its lines keep their category and rate; it leaves the choices."""
    return _set_removed(StaffCategory, category.pk, removed=True)


def staff_category_restore(*, category: StaffCategory) -> StaffCategory:
    return _set_removed(StaffCategory, category.pk, removed=False)


# Cost lines --------------------------------------------------------------------------------


def cost_line_create(*, partnership: Partnership, **fields: Any) -> CostLine:
    fields = _only(fields, COST_LINE_FIELDS, "cost_line_create")
    return create_validated(CostLine(partnership=partnership, **fields))


def cost_line_update(*, line: CostLine, expected_version: int, **fields: Any) -> CostLine:
    """Change a line, merged with what others saved since `expected_version`."""
    return update_versioned(
        line,
        expected_version=expected_version,
        changes=_only(fields, COST_LINE_FIELDS, "cost_line_update"),
    )


def cost_line_remove(*, line: CostLine) -> CostLine:
    return _set_removed(CostLine, line.pk, removed=True)


def cost_line_restore(*, line: CostLine) -> CostLine:
    return _set_removed(CostLine, line.pk, removed=False)


# Co-financing time reports ----------------------------------------------------------------


def time_report_create(*, partnership: Partnership, **fields: Any) -> TimeReport:
    fields = _only(fields, TIME_REPORT_FIELDS, "time_report_create")
    return create_validated(TimeReport(partnership=partnership, **fields))


def time_report_update(*, report: TimeReport, expected_version: int, **fields: Any) -> TimeReport:
    return update_versioned(
        report,
        expected_version=expected_version,
        changes=_only(fields, TIME_REPORT_FIELDS, "time_report_update"),
    )


def time_report_remove(*, report: TimeReport) -> TimeReport:
    return _set_removed(TimeReport, report.pk, removed=True)


def time_report_restore(*, report: TimeReport) -> TimeReport:
    return _set_removed(TimeReport, report.pk, removed=False)


# The calculation ---------------------------------------------------------------------------


def _calculation_for(partnership: Partnership) -> Calculation:
    """The partnership's calculation row, created with the defaults on first use."""
    found = Calculation.objects.filter(partnership=partnership).first()
    if found is not None:
        return found
    return create_validated(Calculation(partnership=partnership))


def calculation_update(
    *, partnership: Partnership, expected_version: int, **fields: Any
) -> Calculation:
    """Change the overhead, VAT rate or participants, merged like any versioned edit."""
    with transaction.atomic():
        Partnership.objects.select_for_update().filter(pk=partnership.pk).first()
        calculation = _calculation_for(partnership)
        return update_versioned(
            calculation,
            expected_version=expected_version,
            changes=_only(fields, CALCULATION_FIELDS, "calculation_update"),
        )


def baseline_freeze(*, partnership: Partnership) -> Calculation:
    """Freeze the estimate's totals as the baseline (replacing an earlier one)."""
    from .selectors import cost_page

    with transaction.atomic():
        Partnership.objects.select_for_update().filter(pk=partnership.pk).first()
        calculation = _calculation_for(partnership)
        page = cost_page(partnership)
        calculation.baseline = calc.summary_json(page.comparison.estimate)
        calculation.frozen_at = timezone.now()
        calculation.version += 1
        calculation.save()
        return calculation


# Spreadsheet import ------------------------------------------------------------------------


@dataclass
class ImportResult:
    created: int = 0
    changed: int = 0
    removed: int = 0


def cost_lines_import(
    *, partnership: Partnership, rows: list[tuple[int | None, dict[str, Any]]]
) -> ImportResult:
    """Make the partnership's lines those of an imported file, all or nothing: a row with the
    id of a line changes it (when something differs), a row without one adds a line, and a
    line the file no longer has is removed softly (restorable). `rows` are already checked."""
    result = ImportResult()
    with transaction.atomic():
        Partnership.objects.select_for_update().filter(pk=partnership.pk).first()
        existing = {row.pk: row for row in CostLine.objects.filter(partnership=partnership)}
        seen: set[int] = set()
        for pk, fields in rows:
            fields = _only(fields, COST_LINE_FIELDS, "cost_lines_import")
            if pk is not None and pk in existing:
                seen.add(pk)
                line = existing[pk]
                changes = {
                    name: value for name, value in fields.items() if _differs(line, name, value)
                }
                if changes:
                    update_versioned(line, expected_version=line.version, changes=changes)
                    result.changed += 1
            else:
                create_validated(CostLine(partnership=partnership, **fields))
                result.created += 1
        for pk, line in existing.items():
            if pk not in seen:
                _set_removed(CostLine, line.pk, removed=True)
                result.removed += 1
    return result


def _differs(line: CostLine, name: str, value: Any) -> bool:
    model_field = CostLine._meta.get_field(name)
    if isinstance(model_field, models.ForeignKey):
        current = getattr(line, model_field.attname)
        return current != (value.pk if isinstance(value, models.Model) else value)
    current = getattr(line, name)
    if name == "unit_price" and line.kind == CostLine.Kind.STAFF:
        return False  # staff lines are priced by their category
    return bool(current != value)
