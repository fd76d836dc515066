"""Writes of step 2's perspectives and organisational contexts (one row per party).

A row is made the first time someone saves a party's answers: first empty (its version 1),
then changed through `update_versioned`. A form opened before the row existed carries
version 1, so two people filling in the same party's empty page at once are merged field by
field against that empty start, like any other edit.
"""

from __future__ import annotations

from typing import Any, TypeVar

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from ..concurrency import create_validated, update_versioned
from ..models import Partnership, Party
from .models import OrganisationalContext, PartyAnswers, Perspective
from .shape import CONTEXT_FIELDS, PERSPECTIVE_FIELDS

A = TypeVar("A", bound=PartyAnswers)


def _save_answers(
    model: type[A],
    allowed: tuple[str, ...],
    *,
    partnership: Partnership,
    party: Party,
    expected_version: int,
    fields: dict[str, Any],
) -> A:
    unknown = set(fields) - set(allowed)
    if unknown:
        raise TypeError(f"{model.__name__} cannot change {', '.join(sorted(unknown))}")
    changes = {
        name: str(value or "").replace("\r\n", "\n").strip() for name, value in fields.items()
    }
    with transaction.atomic():
        # Lock the partnership row: "one row per party" is made here, so two first saves of
        # the same party's page are served one after the other (the second merges).
        Partnership.objects.select_for_update().filter(pk=partnership.pk).first()
        if not Party.objects.filter(pk=party.pk, partnership=partnership).exists():
            raise ValidationError(_("This organisation is not a party in the partnership."))
        row = model._default_manager.filter(partnership=partnership, party=party).first()
        if row is None:
            row = create_validated(model(partnership=partnership, party=party))
        return update_versioned(row, expected_version=expected_version, changes=changes)


def perspective_save(
    *, partnership: Partnership, party: Party, expected_version: int, **fields: Any
) -> Perspective:
    """Write a party's perspective, merged with what others saved since `expected_version`."""
    return _save_answers(
        Perspective,
        PERSPECTIVE_FIELDS,
        partnership=partnership,
        party=party,
        expected_version=expected_version,
        fields=fields,
    )


def organisational_context_save(
    *, partnership: Partnership, party: Party, expected_version: int, **fields: Any
) -> OrganisationalContext:
    """Write a party's organisational context, merged like any versioned edit."""
    return _save_answers(
        OrganisationalContext,
        CONTEXT_FIELDS,
        partnership=partnership,
        party=party,
        expected_version=expected_version,
        fields=fields,
    )
