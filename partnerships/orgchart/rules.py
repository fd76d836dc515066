"""The organisation chart's rules: a unit's parent, a unit named by another record."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

if TYPE_CHECKING:
    from ..models import OrgUnit


def check_unit_of(unit: OrgUnit | None, organisation_id: Any, *, field: str) -> None:
    """A record that names a unit names one of its own organisation's units."""
    if unit is None:
        return
    if organisation_id is None or unit.organisation_id != organisation_id:
        raise ValidationError({field: _("Choose a unit of the same organisation.")})


def ancestors_of(parents: Mapping[int, int | None], start: int | None) -> list[int]:
    """The ids from `start` up to the top of the chart (`parents`: id → parent id). Stops at
    a loop already stored, so a damaged chart cannot hang the check."""
    seen: list[int] = []
    current = start
    while current is not None and current not in seen:
        seen.append(current)
        current = parents.get(current)
    return seen


def check_parent(unit: OrgUnit) -> None:
    """A unit's parent is an active unit of the same organisation, not the unit itself and
    not one of the units under it (the chart stays a tree)."""
    from ..models import OrgUnit

    parent = unit.parent
    if parent is None:
        return
    if parent.organisation_id != unit.organisation_id:
        raise ValidationError({"parent": _("The unit above must be in the same organisation.")})
    if unit.pk is not None and parent.pk == unit.pk:
        raise ValidationError({"parent": _("A unit cannot be part of itself.")})
    if parent.removed_at is not None:
        raise ValidationError({"parent": _("The unit above has been removed.")})
    if unit.pk is None:
        return
    parents = dict(
        OrgUnit.all_objects.filter(organisation_id=unit.organisation_id).values_list(
            "id", "parent_id"
        )
    )
    if unit.pk in ancestors_of(parents, parent.pk):
        raise ValidationError(
            {
                "parent": _(
                    "“%(parent)s” is part of “%(unit)s”: a unit cannot be placed under one of "
                    "its own units."
                )
                % {"parent": parent.name, "unit": unit.name}
            }
        )
