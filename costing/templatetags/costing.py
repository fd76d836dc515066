"""Swedish money and percentages in the templates: {{ amount|sek }}, {{ variance|signed_percent }}."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from django import template

from ..calculation import MINUS, format_percent, format_sek

register = template.Library()


def _decimal(value: Any) -> Decimal | None:
    if value is None or value == "":
        return None
    try:
        return Decimal(str(value))
    except InvalidOperation:
        return None


@register.filter
def sek(value: Any) -> str:
    """1 234 567,50 kr"""
    return format_sek(_decimal(value))


@register.filter
def signed_sek(value: Any) -> str:
    """+1 234,50 kr / −1 234,50 kr (the sign is written out, not only coloured)."""
    number = _decimal(value)
    if number is None:
        return format_sek(None)
    text = format_sek(number)
    return f"+{text}" if number > 0 else text


@register.filter
def signed_percent(value: Any) -> str:
    return format_percent(_decimal(value))


@register.filter
def number_sv(value: Any) -> str:
    """A quantity with a decimal comma, without zero decimals: 12, 12,5."""
    number = _decimal(value)
    if number is None:
        return "—"
    text = format_sek(number, unit=False)
    return text.removesuffix(",00").replace("-", MINUS)


@register.filter
def multiply_rate(hours: Any, rate: Any) -> Decimal | None:
    """Hours × hourly rate, rounded half-up to öre (a time report's value)."""
    a, b = _decimal(hours), _decimal(rate)
    if a is None or b is None:
        return None
    from ..calculation import round_money

    return round_money(a * b)


@register.filter
def one_decimal(value: Any) -> str:
    """A share with one decimal and a decimal comma: 50,4."""
    number = _decimal(value)
    if number is None:
        return "—"
    return f"{number:.1f}".replace(".", ",").replace("-", MINUS)
