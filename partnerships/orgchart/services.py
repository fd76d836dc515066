"""Writes on the organisation chart, a party's responsible unit and the use of steering
documents. Units are removed softly, with the units under them, and restored together."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ..concurrency import create_validated, update_versioned
from ..history import RESTORED_REASON
from ..models import (
    ORG_UNIT_FIELDS,
    PARTY_UNIT_FIELDS,
    Organisation,
    OrgUnit,
    Partnership,
    Party,
    SteeringDocument,
)
from .models import SteeringDocumentUse
from .rules import ancestors_of


def _only(fields: dict[str, Any], allowed: tuple[str, ...], what: str) -> dict[str, Any]:
    unknown = set(fields) - set(allowed)
    if unknown:
        raise TypeError(f"{what} cannot change {', '.join(sorted(unknown))}")
    return fields


def _lock_chart(organisation_id: Any) -> None:
    """Serialise changes to one organisation's tree: two moves at once cannot make a loop."""
    Organisation.objects.select_for_update().filter(pk=organisation_id).first()


# Units -------------------------------------------------------------------------------------


@transaction.atomic
def unit_create(*, organisation: Organisation, **fields: Any) -> OrgUnit:
    """Add a unit to the organisation's chart (under `parent`, or at the top)."""
    fields = _only(fields, ORG_UNIT_FIELDS, "unit_create")
    _lock_chart(organisation.pk)
    return create_validated(OrgUnit(organisation=organisation, **fields))


@transaction.atomic
def unit_update(*, unit: OrgUnit, expected_version: int, **fields: Any) -> OrgUnit:
    """Change a unit, merged with what others saved since `expected_version`; the merged
    parent is checked again (same organisation, not itself, no loop)."""
    _lock_chart(unit.organisation_id)
    return update_versioned(
        unit,
        expected_version=expected_version,
        changes=_only(fields, ORG_UNIT_FIELDS, "unit_update"),
    )


def subtree_of(unit: OrgUnit, *, removed_with: bool = False) -> list[OrgUnit]:
    """The units under `unit`, at any depth (one query). With `removed_with`, the removed ones
    that were removed together with it; otherwise the active ones."""
    rows = list(OrgUnit.all_objects.filter(organisation_id=unit.organisation_id))
    parents = {row.pk: row.parent_id for row in rows}
    below = []
    for row in rows:
        if row.pk == unit.pk or unit.pk not in ancestors_of(parents, row.pk):
            continue
        if removed_with:
            if row.removed_at is not None and row.removed_at == unit.removed_at:
                below.append(row)
        elif row.removed_at is None:
            below.append(row)
    return below


def _mark(row: OrgUnit, removed_at: Any, *, restored: bool) -> None:
    row.removed_at = removed_at
    row.version += 1
    if restored:
        row._change_reason = RESTORED_REASON  # type: ignore[attr-defined]
    row.save()


@transaction.atomic
def unit_remove(*, unit: OrgUnit) -> list[OrgUnit]:
    """Remove a unit and every unit under it, softly and at the same moment, so they are
    restored together. Parties and documents that name them keep the link."""
    _lock_chart(unit.organisation_id)
    current = OrgUnit.all_objects.get(pk=unit.pk)
    if current.removed_at is not None:
        return []  # already removed: a second click changes nothing
    now = timezone.now()
    removed = [current, *subtree_of(current)]
    for row in removed:
        _mark(row, now, restored=False)
    return removed


@transaction.atomic
def unit_restore(*, unit: OrgUnit) -> list[OrgUnit]:
    """Bring a removed unit back with the units removed together with it. Refused while the
    unit it is part of is removed: restore that one first."""
    _lock_chart(unit.organisation_id)
    current = OrgUnit.all_objects.select_related("parent").get(pk=unit.pk)
    if current.removed_at is None:
        return []
    if current.parent is not None and current.parent.removed_at is not None:
        raise ValidationError(
            _("“%(parent)s”, which this unit is part of, is removed: restore it first.")
            % {"parent": current.parent.name}
        )
    restored = [current, *subtree_of(current, removed_with=True)]
    for row in restored:
        _mark(row, None, restored=True)
    return restored


# A party's responsible unit ----------------------------------------------------------------


def party_unit_update(*, party: Party, expected_version: int, **fields: Any) -> Party:
    """Name the unit of the party's organisation that carries the legal responsibility."""
    return update_versioned(
        party,
        expected_version=expected_version,
        changes=_only(fields, PARTY_UNIT_FIELDS, "party_unit_update"),
    )


# Steering documents used by a partnership --------------------------------------------------


def steering_document_use(
    *, partnership: Partnership, document: SteeringDocument
) -> SteeringDocumentUse:
    """The partnership uses the document: its goals may anchor to it. Twice is once."""
    use, _created = SteeringDocumentUse.objects.get_or_create(
        partnership=partnership, document=document
    )
    return use


def anchored_goals(partnership: Partnership, document: SteeringDocument) -> list[str]:
    """What in this partnership's theory of change is anchored in the document."""
    from theory_of_change.models import Node, TheoryOfChange

    titles = [
        f"“{title}”"
        for title in Node.objects.filter(
            partnership=partnership, steering_documents=document
        ).values_list("title", flat=True)
    ]
    if TheoryOfChange.objects.filter(partnership=partnership, steering_documents=document).exists():
        titles.insert(0, str(_("the shared picture")))
    return titles


@transaction.atomic
def steering_document_drop(*, partnership: Partnership, document: SteeringDocument) -> None:
    """The partnership stops using the document (it stays with its organisation). Refused
    while the partnership's goals are anchored in it: unanchor them first."""
    Partnership.objects.select_for_update().filter(pk=partnership.pk).first()
    anchored = anchored_goals(partnership, document)
    if anchored:
        raise ValidationError(
            _("Anchored in it: %(goals)s. Remove the anchoring first.")
            % {"goals": ", ".join(anchored)}
        )
    for use in SteeringDocumentUse.objects.filter(partnership=partnership, document=document):
        use.delete()
