"""Restoring contacts from the history: never for an erased one.

An erasure is for good: the history no longer holds the personal data, and bringing back an
earlier version would also undo the record of the erasure."""

from __future__ import annotations

from django.utils.translation import gettext as _

from ..models import Contact
from ..restore import RestoreContext, RestorePlan, default_rule, register_restore
from .models import RelationshipEntry
from .services import check_contact, check_entry


def contact_rule(context: RestoreContext) -> RestorePlan:
    current = Contact.all_objects.filter(pk=context.object_id).first()
    if context.record.erased_at is not None or (current is not None and current.is_erased):
        plan = RestorePlan("version", context.what(), context.tracked.type_label)
        plan.refusal = _("An erased contact cannot be restored: the person asked to be forgotten.")
        return plan
    return default_rule(context)


register_restore(Contact, contact_rule, check=check_contact)
# An earlier version of an entry obeys the plan's rules too (one entry per contact).
register_restore(RelationshipEntry, default_rule, check=check_entry)
