"""The one way views load tenant objects: through the user's membership.

A non-member gets 404, exactly like a partnership that does not exist, so keys cannot be
probed. A member without the needed right gets 403.
"""

from __future__ import annotations

from typing import Any, Literal

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404

from .models import Membership, Organisation, Partnership
from .rules import NEEDS

Need = Literal["view", "edit", "facilitate", "manage"]


def get_partnership_for_user(user: Any, key: str, need: Need = "view") -> Partnership:
    """Load the partnership `key` for `user`, or raise 404 (not a member) / 403 (no right)."""
    if not getattr(user, "is_authenticated", False):
        raise Http404
    membership = (
        Membership.objects.select_related("partnership", "partnership__municipality", "user")
        .filter(user=user, partnership__key=key)
        .first()
    )
    if membership is None:
        raise Http404
    partnership = membership.partnership
    partnership.membership = membership  # type: ignore[attr-defined]
    if not user.has_perm(NEEDS[need], partnership):
        raise PermissionDenied
    return partnership


def organisations_visible_to(user: Any) -> QuerySet[Organisation]:
    """Organisations the user registered or that take part in one of the user's partnerships."""
    return Organisation.objects.filter(
        Q(created_by=user) | Q(parties__partnership__memberships__user=user)
    ).distinct()


def organisations_editable_by(user: Any) -> QuerySet[Organisation]:
    editing = Membership.objects.filter(user=user, role__in=["owner", "facilitator", "editor"])
    return Organisation.objects.filter(
        Q(created_by=user) | Q(parties__partnership__memberships__in=editing)
    ).distinct()


def get_organisation_for_user(
    user: Any, pk: Any, need: Literal["view", "edit"] = "view"
) -> Organisation:
    """Load an organisation the user may see (404 otherwise); 403 when editing is not allowed."""
    if not getattr(user, "is_authenticated", False):
        raise Http404
    organisation = (
        organisations_visible_to(user).select_related("home_municipality").filter(pk=pk).first()
    )
    if organisation is None:
        raise Http404
    if need == "edit" and not organisations_editable_by(user).filter(pk=pk).exists():
        raise PermissionDenied
    return organisation
