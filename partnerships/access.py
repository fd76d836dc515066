"""The one way views load tenant objects: through the user's membership.

A non-member gets 404, exactly like a partnership that does not exist, so keys cannot be
probed. A member without the needed right gets 403.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, TypeAlias

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404

from accounts.models import User

from .models import Membership, Organisation, Partnership, Party, Role

AnyUser: TypeAlias = User | AnonymousUser
Need = Literal["view", "edit", "facilitate", "manage"]


@dataclass(frozen=True)
class Access:
    """A member's access to one partnership: what views and templates both read.

    Rights come from the membership alone. A site administrator (superuser) who is, say, a
    viewer of a partnership is a viewer here: administrators act through the admin site, not
    as hidden owners, so the page never offers what the view would refuse and vice versa.
    """

    partnership: Partnership
    membership: Membership

    @property
    def role(self) -> str:
        return self.membership.role

    @property
    def role_label(self) -> str:
        return self.membership.role_label

    @property
    def can_edit(self) -> bool:
        return self.membership.can_edit

    @property
    def can_facilitate(self) -> bool:
        return self.membership.can_facilitate

    @property
    def can_manage(self) -> bool:
        return self.membership.can_manage

    def allows(self, need: Need) -> bool:
        return need == "view" or bool(getattr(self, f"can_{need}"))


def get_partnership_for_user(user: AnyUser, key: str, need: Need = "view") -> Access:
    """The user's access to partnership `key`, or 404 (not a member) / 403 (no right)."""
    if not user.is_authenticated:
        raise Http404
    membership = (
        Membership.objects.select_related("partnership", "partnership__municipality", "user")
        .filter(user_id=user.pk, partnership__key=key)
        .first()
    )
    if membership is None:
        raise Http404
    access = Access(partnership=membership.partnership, membership=membership)
    if not access.allows(need):
        raise PermissionDenied
    return access


def organisations_visible_to(user: User) -> QuerySet[Organisation]:
    """Organisations the user registered or that take or took part in one of the user's
    partnerships (a removed party's organisation stays findable, so it can be restored), or
    are or were a candidate partner in one of them."""
    from .models import Candidate

    return Organisation.objects.filter(
        Q(created_by=user)
        | Q(
            pk__in=Party.all_objects.filter(partnership__memberships__user=user).values(
                "organisation"
            )
        )
        # A candidate partner (also a removed one) is known to the partnership's members.
        | Q(
            pk__in=Candidate.all_objects.filter(partnership__memberships__user=user).values(
                "organisation"
            )
        )
    )


def organisations_editable_by(user: User) -> QuerySet[Organisation]:
    """Organisations the user registered, or that are a party (not removed) in a partnership
    where the user may edit: the registry is shared, and so is the right to keep it right."""
    editing = Party.objects.filter(
        partnership__memberships__user=user,
        partnership__memberships__role__in=[Role.OWNER, Role.FACILITATOR, Role.EDITOR],
    )
    return Organisation.objects.filter(
        Q(created_by=user) | Q(pk__in=editing.values("organisation"))
    )


def people_known_to(user: User, user_ids: set[int]) -> set[int]:
    """Those of `user_ids` the user may know by name: the user and fellow members of one of
    the user's partnerships. Anyone else works elsewhere, and who they are is not shown."""
    ids = {pk for pk in user_ids if pk is not None}
    if not ids:
        return set()
    fellows = Membership.objects.filter(
        user_id__in=ids, partnership__memberships__user=user
    ).values_list("user_id", flat=True)
    return ({user.pk} & ids) | set(fellows)


def get_organisation_for_user(
    user: AnyUser, pk: str, need: Literal["view", "edit"] = "view"
) -> Organisation:
    """Load an organisation the user may see (404 otherwise); 403 when editing is not allowed."""
    if not isinstance(user, User):
        raise Http404
    organisation = (
        organisations_visible_to(user).select_related("home_municipality").filter(pk=pk).first()
    )
    if organisation is None:
        raise Http404
    if need == "edit" and not organisations_editable_by(user).filter(pk=pk).exists():
        raise PermissionDenied
    return organisation
