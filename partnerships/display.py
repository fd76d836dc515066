"""Values of model fields as a person reads them: names of linked records, dates, Ja/Nej.

Shared by the conflict table of edit forms and the history page, so both speak alike.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from django.db import models
from django.utils import formats, timezone
from django.utils.translation import gettext as _

EMPTY = "—"


def field_label(model: type[models.Model], name: str) -> str:
    """A model field's label as shown to people: its verbose name, capitalised."""
    field = model._meta.get_field(name)
    return str(getattr(field, "verbose_name", name)).capitalize()


def _related_names(field: Any, values: Iterable[Any]) -> list[str]:
    """Names of linked records given as instances or primary keys (one query for the keys)."""
    values = list(values)
    keys = [value for value in values if not isinstance(value, models.Model)]
    found = {}
    if keys:
        model = field.related_model
        found = {obj.pk: str(obj) for obj in model._base_manager.filter(pk__in=keys)}
    names = []
    for value in values:
        if isinstance(value, models.Model):
            names.append(str(value))
        else:
            names.append(found.get(value, _("(removed record)")))
    return names


def readable(field: Any, value: Any, *, limit: int | None = None) -> str:
    """`value` of the model field `field` as a person reads it."""
    describe = getattr(field, "readable_value", None)  # a field that knows how it reads
    if describe is not None:
        text = describe(value)
    elif field.many_to_many:
        names = sorted(_related_names(field, value or ()))
        text = ", ".join(names) if names else EMPTY
    elif value is None or value == "":
        return EMPTY
    elif field.is_relation:
        text = _related_names(field, [value])[0]
    elif field.choices:
        text = str(dict(field.flatchoices).get(value, value))
    elif isinstance(value, bool):
        text = _("Yes") if value else _("No")
    elif isinstance(value, dt.datetime):
        local = timezone.localtime(value) if timezone.is_aware(value) else value
        text = formats.date_format(local, "SHORT_DATETIME_FORMAT")
    elif isinstance(value, dt.date):
        text = formats.date_format(value, "DATE_FORMAT")
    elif isinstance(value, (Decimal, float, int)):
        text = formats.number_format(value)
    else:
        text = str(value)
    if limit is not None and len(text) > limit:
        return text[: limit - 1] + "…"
    return text


def kronor(value: int) -> str:
    """A whole amount of kronor grouped in threes the Swedish way: 1 500 000 (no-break spaces)."""
    return f"{value:,}".replace(",", "\u00a0")


def amount_range(low: int | None, high: int | None) -> str:
    """An amount range in kronor as a person reads it: 500 000–1 500 000 kr, or one end."""
    if low is not None and high is not None:
        if low == high:
            return _("%(amount)s kr") % {"amount": kronor(low)}
        return _("%(low)s–%(high)s kr") % {"low": kronor(low), "high": kronor(high)}
    if low is not None:
        return _("from %(amount)s kr") % {"amount": kronor(low)}
    if high is not None:
        return _("up to %(amount)s kr") % {"amount": kronor(high)}
    return EMPTY


def percent(value: Decimal | None) -> str:
    """A percentage without trailing zeros, with the language's decimal mark: 12,5 %, 40 %."""
    if value is None:
        return EMPTY
    trimmed = value.quantize(Decimal(1)) if value == value.to_integral() else value.normalize()
    return f"{formats.number_format(trimmed)}\u00a0%"


# Swedish alphabetical order: a–z, then å, ä, ö (æ and ø sort as ä and ö; other accented
# letters as their base letter, é as e, ü as y). Python's default order puts å, ä, ö by code
# point (ä before å) and SQLite's and most databases' default collations do not know Swedish.
_SWEDISH_LAST = {"å": "{", "ä": "|", "æ": "|", "ö": "}", "ø": "}", "ü": "y"}


def swedish_sort_key(text: str) -> str:
    """A key that sorts words as a Swedish dictionary does, ignoring case."""
    import unicodedata

    key = []
    for char in text.strip().casefold():
        if char in _SWEDISH_LAST:
            key.append(_SWEDISH_LAST[char])
            continue
        base = unicodedata.normalize("NFD", char)[0]
        key.append(base)
    return "".join(key)
