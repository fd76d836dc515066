"""Writes of contacts and the relationship plan: create, versioned update, soft removal,
restore, and erasure on request (GDPR art. 17)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from accounts.models import User

from ..concurrency import create_validated, update_versioned
from ..history import RESTORED_REASON
from ..models import Contact, OrgUnit, Partnership
from .models import CONTACT_FIELDS, RELATIONSHIP_ENTRY_FIELDS, RelationshipEntry

# The history row of an erasure says so (the row itself keeps who and when).
ERASED_REASON = "erased"
# The personal fields an erasure blanks, on the row and in every historical row.
PERSONAL_FIELDS = ("name", "title", "email", "phone")


def _only(fields: dict[str, Any], allowed: tuple[str, ...], what: str) -> dict[str, Any]:
    unknown = set(fields) - set(allowed)
    if unknown:
        raise TypeError(f"{what} cannot change {', '.join(sorted(unknown))}")
    return fields


def erased_label() -> str:
    """The neutral name an erased contact keeps, in the site's first language (stored data)."""
    with translation.override(settings.LANGUAGE_CODE):
        return _("Erased contact")


def check_contact(contact: Contact) -> None:
    """The rules of a contact: the model's, an erased one is never changed again, and a unit
    belongs to the contact's organisation and is not removed."""
    if contact.erased_at is not None:
        raise ValidationError(_("This contact has been erased and cannot be changed."))
    contact.full_clean()
    if contact.unit_id is not None:
        unit = OrgUnit.all_objects.filter(pk=contact.unit_id).first()
        if unit is None or unit.removed_at is not None:
            raise ValidationError({"unit": _("This unit has been removed: choose another.")})
        if unit.organisation_id != contact.organisation_id:
            raise ValidationError(
                {
                    "unit": _(
                        "The unit “%(unit)s” belongs to %(owner)s, not to the contact's "
                        "organisation: choose one of its own units, or none."
                    )
                    % {"unit": unit.name, "owner": unit.organisation}
                }
            )


def contact_create(*, partnership: Partnership, **fields: Any) -> Contact:
    """Add a contact to the partnership (seen by its members only)."""
    fields = _only(fields, CONTACT_FIELDS, "contact_create")
    return create_validated(Contact(partnership=partnership, **fields), validate=check_contact)


def contact_update(*, contact: Contact, expected_version: int, **fields: Any) -> Contact:
    """Change a contact, merged with what others saved since `expected_version`; an erased
    contact is refused."""
    return update_versioned(
        contact,
        expected_version=expected_version,
        changes=_only(fields, CONTACT_FIELDS, "contact_update"),
        validate=check_contact,
    )


def _set_removed(model: type[Contact] | type[RelationshipEntry], pk: int, removed: bool) -> Any:
    with transaction.atomic():
        row = model.all_objects.select_for_update().get(pk=pk)
        if (row.removed_at is not None) == removed:
            return row
        row.removed_at = timezone.now() if removed else None
        row.version += 1
        if not removed:
            row._change_reason = RESTORED_REASON  # type: ignore[union-attr]
        row.save()
        return row


def contact_remove(*, contact: Contact) -> Contact:
    """Remove a contact, softly: its relationship plan entries are hidden until it is back."""
    return _set_removed(Contact, contact.pk, removed=True)


def contact_restore(*, contact: Contact) -> Contact:
    """Bring a removed contact back, with its relationship plan entries."""
    return _set_removed(Contact, contact.pk, removed=False)


@transaction.atomic
def contact_erase(*, contact: Contact, user: User | None) -> Contact:
    """Erase (anonymise) a contact on the person's request, for good.

    The name becomes a neutral label and title, email and phone are blanked, on the row and
    in every historical row of it, so no earlier version holds them. Who erased it and when
    stay on the row; the erasure is a history row of its own. The relationship plan entries
    stay, pointing at the erased contact."""
    row = Contact.all_objects.select_for_update().get(pk=contact.pk)
    if row.erased_at is not None:
        return row  # a second click erases nothing more
    label = erased_label()
    row.name, row.title, row.email, row.phone = label, "", "", ""
    row.erased_at = timezone.now()
    row.erased_by = user
    row.version += 1
    row._change_reason = ERASED_REASON  # type: ignore[attr-defined]
    row.save()
    scrubbed = {"name": label, "title": "", "email": "", "phone": ""}
    Contact.history.filter(id=row.pk).update(**scrubbed)
    return row


# The relationship plan ---------------------------------------------------------------------


def _lock_plan(partnership_id: Any) -> None:
    """One writer of a partnership's plan at a time: the one-entry-per-contact rule counts."""
    Partnership.objects.select_for_update().filter(pk=partnership_id).first()


def check_entry(entry: RelationshipEntry) -> None:
    entry.full_clean()
    contact = Contact.all_objects.filter(pk=entry.contact_id).first()
    if contact is None or contact.partnership_id != entry.partnership_id:
        raise ValidationError({"contact": _("Choose one of the partnership's contacts.")})
    taken = RelationshipEntry.objects.filter(
        partnership_id=entry.partnership_id, contact_id=entry.contact_id
    ).exclude(pk=entry.pk)
    if taken.exists():
        raise ValidationError(
            {
                "contact": _("%(name)s is in the relationship plan already: edit that entry.")
                % {"name": contact.name}
            }
        )


def relationship_entry_create(*, partnership: Partnership, **fields: Any) -> RelationshipEntry:
    """Add a contact to the relationship plan; a contact already in it is refused."""
    fields = _only(fields, RELATIONSHIP_ENTRY_FIELDS, "relationship_entry_create")
    contact = fields.get("contact")
    if isinstance(contact, Contact) and contact.erased_at is not None:
        raise ValidationError({"contact": _("An erased contact cannot be added to the plan.")})
    with transaction.atomic():
        _lock_plan(partnership.pk)
        entry = RelationshipEntry(partnership=partnership, **fields)
        return create_validated(entry, validate=check_entry)


def relationship_entry_update(
    *, entry: RelationshipEntry, expected_version: int, **fields: Any
) -> RelationshipEntry:
    """Change an entry, merged with what others saved since `expected_version`."""
    with transaction.atomic():
        _lock_plan(entry.partnership_id)
        return update_versioned(
            entry,
            expected_version=expected_version,
            changes=_only(fields, RELATIONSHIP_ENTRY_FIELDS, "relationship_entry_update"),
            validate=check_entry,
        )


def relationship_entry_remove(*, entry: RelationshipEntry) -> RelationshipEntry:
    """Remove an entry from the plan, softly."""
    return _set_removed(RelationshipEntry, entry.pk, removed=True)


def relationship_entry_restore(*, entry: RelationshipEntry) -> RelationshipEntry:
    """Bring a removed entry back, unless its contact is in the plan again."""
    with transaction.atomic():
        _lock_plan(entry.partnership_id)
        if RelationshipEntry.objects.filter(
            partnership_id=entry.partnership_id, contact_id=entry.contact_id
        ).exists():
            raise ValidationError(
                _("%(name)s is in the relationship plan again: edit that entry instead.")
                % {"name": entry.contact.name}
            )
        return _set_removed(RelationshipEntry, entry.pk, removed=False)
