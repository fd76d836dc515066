"""The base of every form: out-of-range and malformed numbers are a form error, never a 500.

A choice of records posts ids. A number larger than the database's integers (for example
99999999999999999999) makes SQLite's driver raise OverflowError inside the query that
checks the choice, a server error; PostgreSQL says "out of range" instead. `BoundedInputMixin`
checks every posted id and integer before any query, so every database answers alike.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import partial
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

# Every id and integer the project stores fits a signed 64-bit integer.
LIMIT = 2**63 - 1
# ASCII digits only: str.isdigit() also accepts "²" and other digits int() refuses.
WHOLE_NUMBER = re.compile(r"-?[0-9]{1,19}")


def parse_int(value: object) -> int | None:
    """A posted or queried whole number within the database's range, else None."""
    text = str(value).strip()
    if not WHOLE_NUMBER.fullmatch(text):
        return None
    number = int(text)
    return number if -LIMIT <= number <= LIMIT else None


def _integer_key(field: forms.ModelChoiceField) -> bool:
    """Whether the records of a choice field are chosen by an integer primary key."""
    key = field.to_field_name or "pk"
    model_field = field.queryset.model._meta.pk if key == "pk" else None  # type: ignore[union-attr]
    if model_field is None:
        model_field = field.queryset.model._meta.get_field(key)  # type: ignore[union-attr]
    return isinstance(model_field, models.IntegerField | models.AutoField)


def _posted_id(value: Any) -> bool:
    """Whether one posted value can be an id: a whole number within the database's range."""
    if value in (None, ""):
        return True
    if isinstance(value, models.Model):
        return True
    return parse_int(value) is not None


def _bounded_clean(field: forms.ModelChoiceField, clean: Callable[[Any], Any], value: Any) -> Any:
    values = value if isinstance(value, list | tuple) else [value]
    if not all(_posted_id(item) for item in values):
        code = "invalid_pk_value" if isinstance(field, forms.ModelMultipleChoiceField) else None
        if code:
            raise ValidationError(
                field.error_messages[code], code=code, params={"pk": str(values[0])[:30]}
            )
        raise ValidationError(
            field.error_messages["invalid_choice"],
            code="invalid_choice",
            params={"value": str(value)[:30]},
        )
    return clean(value)


class BoundedInputMixin:
    """Mixed into every project form (directly or through CrispyMixin/VersionedModelForm)."""

    fields: dict[str, forms.Field]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if isinstance(field, forms.ModelChoiceField) and _integer_key(field):
                field.clean = partial(_bounded_clean, field, field.clean)  # type: ignore[method-assign]
            elif isinstance(field, forms.IntegerField):
                _bound_integer(field)


def _bound_integer(field: forms.IntegerField) -> None:
    """An integer field without limits of its own gets the database's."""
    if field.max_value is None:
        field.max_value = LIMIT
        field.validators.append(MaxValueValidator(LIMIT))
        field.widget.attrs.setdefault("max", LIMIT)
    if field.min_value is None:
        field.min_value = -LIMIT
        field.validators.append(MinValueValidator(-LIMIT))
