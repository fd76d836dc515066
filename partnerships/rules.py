"""Permission rules on a partnership, evaluated against the user's membership.

The access helper attaches the membership to the partnership it loads, so checking a rule
costs no query. `rules` makes the same predicates available to templates and `has_perm`.
"""

from __future__ import annotations

from typing import Any

import rules

from .models import Membership, Partnership


def membership_of(user: Any, partnership: Partnership) -> Membership | None:
    cached = getattr(partnership, "membership", None)
    if cached is not None and cached.user_id == user.pk:
        return cached
    if not getattr(user, "is_authenticated", False):
        return None
    return Membership.objects.filter(user=user, partnership=partnership).first()


@rules.predicate
def is_member(user: Any, partnership: Partnership | None) -> bool:
    return partnership is not None and membership_of(user, partnership) is not None


@rules.predicate
def can_edit(user: Any, partnership: Partnership | None) -> bool:
    membership = membership_of(user, partnership) if partnership is not None else None
    return membership is not None and membership.can_edit


@rules.predicate
def can_facilitate(user: Any, partnership: Partnership | None) -> bool:
    membership = membership_of(user, partnership) if partnership is not None else None
    return membership is not None and membership.can_facilitate


@rules.predicate
def can_manage(user: Any, partnership: Partnership | None) -> bool:
    membership = membership_of(user, partnership) if partnership is not None else None
    return membership is not None and membership.can_manage


NEEDS = {
    "view": "partnerships.view_partnership",
    "edit": "partnerships.change_partnership",
    "facilitate": "partnerships.facilitate_partnership",
    "manage": "partnerships.manage_partnership",
}

rules.add_perm(NEEDS["view"], is_member)
rules.add_perm(NEEDS["edit"], can_edit)
rules.add_perm(NEEDS["facilitate"], can_facilitate)
rules.add_perm(NEEDS["manage"], can_manage)
