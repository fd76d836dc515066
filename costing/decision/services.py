"""Writes of the budget lines and the value assumptions. Keyword-only; views call these only."""

from __future__ import annotations

from typing import Any, TypeVar

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from partnerships.concurrency import create_validated, update_versioned
from partnerships.history import RESTORED_REASON
from partnerships.models import Partnership

from ..services import _only
from .models import BUDGET_LINE_FIELDS, VALUE_ASSUMPTION_FIELDS, BudgetLine, ValueAssumption

R = TypeVar("R", BudgetLine, ValueAssumption)


def _set_removed(model: type[R], pk: int, *, removed: bool) -> R:
    """Mark a row removed (or not), as a new version with its own history (as costing does)."""
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


def _lock(partnership_id: int) -> None:
    """Serialise the writes that check a rule across rows (one assumption per use)."""
    Partnership.objects.select_for_update().filter(pk=partnership_id).first()


# Budget lines --------------------------------------------------------------------------------


def budget_line_create(*, partnership: Partnership, **fields: Any) -> BudgetLine:
    fields = _only(fields, BUDGET_LINE_FIELDS, "budget_line_create")
    return create_validated(BudgetLine(partnership=partnership, **fields))


def budget_line_update(*, line: BudgetLine, expected_version: int, **fields: Any) -> BudgetLine:
    """Change a line, merged with what others saved since `expected_version`."""
    return update_versioned(
        line,
        expected_version=expected_version,
        changes=_only(fields, BUDGET_LINE_FIELDS, "budget_line_update"),
    )


def budget_line_remove(*, line: BudgetLine) -> BudgetLine:
    return _set_removed(BudgetLine, line.pk, removed=True)


def budget_line_restore(*, line: BudgetLine) -> BudgetLine:
    return _set_removed(BudgetLine, line.pk, removed=False)


# Value assumptions ---------------------------------------------------------------------------


def value_assumption_create(*, partnership: Partnership, **fields: Any) -> ValueAssumption:
    fields = _only(fields, VALUE_ASSUMPTION_FIELDS, "value_assumption_create")
    with transaction.atomic():
        _lock(partnership.pk)
        return create_validated(ValueAssumption(partnership=partnership, **fields))


def value_assumption_update(
    *, assumption: ValueAssumption, expected_version: int, **fields: Any
) -> ValueAssumption:
    """Change an assumption, merged with what others saved since `expected_version`."""
    with transaction.atomic():
        _lock(assumption.partnership_id)
        return update_versioned(
            assumption,
            expected_version=expected_version,
            changes=_only(fields, VALUE_ASSUMPTION_FIELDS, "value_assumption_update"),
        )


def value_assumption_remove(*, assumption: ValueAssumption) -> ValueAssumption:
    return _set_removed(ValueAssumption, assumption.pk, removed=True)


def value_assumption_restore(*, assumption: ValueAssumption) -> ValueAssumption:
    """Bring a removed assumption back, unless another now has its use in the estimate."""
    with transaction.atomic():
        _lock(assumption.partnership_id)
        if (
            assumption.role != ValueAssumption.Role.OTHER
            and ValueAssumption.objects.filter(
                partnership_id=assumption.partnership_id, role=assumption.role
            ).exists()
        ):
            raise ValidationError(
                _("Another assumption now has the use “%(role)s”: change or remove that one first.")
                % {"role": assumption.get_role_display()}
            )
        return _set_removed(ValueAssumption, assumption.pk, removed=False)
