"""Swedish organisation numbers: ten digits, the last a Luhn check digit."""

from __future__ import annotations

import re
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _


def luhn_ok(digits: str) -> bool:
    """True when the digit string passes the Luhn (mod 10) check."""
    total = 0
    for index, char in enumerate(reversed(digits)):
        value = int(char)
        if index % 2 == 1:
            value *= 2
            if value > 9:
                value -= 9
        total += value
    return total % 10 == 0


def normalise_org_number(value: str) -> str:
    """Return NNNNNN-NNNN for a valid Swedish organisation number, or raise ValidationError.

    Accepts 10 digits or 12 digits (a century prefix, as sole traders' personal numbers
    and some registers write it), with or without a hyphen and spaces.
    """
    digits = re.sub(r"[\s-]", "", value or "")
    if not re.fullmatch(r"[0-9]{10}|[0-9]{12}", digits):
        raise ValidationError(
            _("An organisation number has ten digits, written as NNNNNN-NNNN."),
            code="format",
        )
    if len(digits) == 12:
        digits = digits[2:]
    if not luhn_ok(digits):
        raise ValidationError(
            _("The check digit does not match: check the organisation number for a typo."),
            code="checksum",
        )
    return f"{digits[:6]}-{digits[6:]}"


def check_org_number_free(org_number: str, *, organisation: Any = None) -> None:
    """One organisation per organisation number in the shared register: a second would split
    its partnerships and history. The refusal (on the field) says how to use the one there."""
    from .models import Organisation

    if not org_number:
        return
    taken = Organisation.objects.filter(org_number=org_number)
    if organisation is not None and organisation.pk:
        taken = taken.exclude(pk=organisation.pk)
    existing = taken.first()
    if existing is not None:
        raise ValidationError(
            {
                "org_number": _(
                    "%(name)s is already in the register with this organisation number. To work "
                    "with it, add it as a party by its organisation number on your partnership's "
                    "Parties page."
                )
                % {"name": existing.name}
            },
            code="taken",
        )
