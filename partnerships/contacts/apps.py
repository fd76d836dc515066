"""Registrations of contacts and the relationship plan, run from `PartnershipsConfig.ready`."""

from __future__ import annotations

from django.utils.translation import gettext as _


def _describe_contact(record: object) -> str:
    if getattr(record, "erased_at", None) is not None:
        return _("Erased contact")
    return str(getattr(record, "name", ""))


def ready() -> None:
    from ..history import register_history
    from ..models import Contact
    from . import restore  # noqa: F401  (registers the restore rule of contacts)
    from .models import RelationshipEntry

    register_history(Contact, related=("organisation",), describe=_describe_contact)
    register_history(
        RelationshipEntry, related=("contact",), describe=lambda r: _describe_contact(r.contact)
    )
