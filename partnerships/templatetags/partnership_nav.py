from __future__ import annotations

from typing import Any

from django import template

from ..navigation import NavSection, navigation

register = template.Library()


@register.simple_tag(takes_context=True)
def partnership_sections(context: Any, partnership: Any) -> list[NavSection]:
    request = context.get("request")
    match = getattr(request, "resolver_match", None)
    return navigation(partnership.key, match.view_name if match else "")
