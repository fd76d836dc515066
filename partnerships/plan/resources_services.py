"""Writes of what the parties bring and lack: create, change (merged), remove and restore."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ..concurrency import create_validated, update_versioned
from ..history import RESTORED_REASON
from ..models import Partnership
from .resources import RESOURCE_ITEM_FIELDS, ResourceItem


def _only(fields: dict[str, Any], what: str) -> dict[str, Any]:
    unknown = set(fields) - set(RESOURCE_ITEM_FIELDS)
    if unknown:
        raise TypeError(f"{what} cannot change {', '.join(sorted(unknown))}")
    return fields


def check_resource_item(item: ResourceItem) -> None:
    """The model's rules, and that its party is a current party of its partnership."""
    item.full_clean()
    party = item.party
    if party.partnership_id != item.partnership_id or party.is_removed:
        raise ValidationError({"party": _("Choose a current party of this partnership.")})


def resource_item_create(*, partnership: Partnership, **fields: Any) -> ResourceItem:
    """Write down something a party brings or lacks."""
    fields = _only(fields, "resource_item_create")
    return create_validated(
        ResourceItem(partnership=partnership, **fields), validate=check_resource_item
    )


def resource_item_update(
    *, item: ResourceItem, expected_version: int, **fields: Any
) -> ResourceItem:
    """Change an item, merged with what others saved since `expected_version`."""
    return update_versioned(
        item,
        expected_version=expected_version,
        changes=_only(fields, "resource_item_update"),
        validate=check_resource_item,
    )


def _set_removed(pk: int, *, removed: bool) -> ResourceItem:
    with transaction.atomic():
        row = ResourceItem.all_objects.select_for_update().get(pk=pk)
        if (row.removed_at is not None) == removed:
            return row  # already so: a second click changes nothing
        row.removed_at = timezone.now() if removed else None
        row.version += 1
        if not removed:
            row._change_reason = RESTORED_REASON  # type: ignore[attr-defined]
        row.save()
        return row


def resource_item_remove(*, item: ResourceItem) -> ResourceItem:
    """Remove an item softly: it comes back as it was with Restore."""
    return _set_removed(item.pk, removed=True)


def resource_item_restore(*, item: ResourceItem) -> ResourceItem:
    return _set_removed(item.pk, removed=False)
