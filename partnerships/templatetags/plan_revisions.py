"""Template filters of the plan's revisions."""

from __future__ import annotations

from typing import Any

from django import template

register = template.Library()


@register.filter
def awaits_approval_from(status: Any, user: Any) -> bool:
    """`{% if status|awaits_approval_from:request.user %}`: the user may approve a party that
    has not approved the current revision yet."""
    return bool(status is not None and status.latest is not None and status.awaits(user))
