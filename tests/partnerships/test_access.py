"""The access helper: outsiders get 404 like a missing partnership, viewers 403 on writes."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.urls import reverse

from partnerships.access import get_organisation_for_user, get_partnership_for_user
from tests.factories import OrganisationFactory


def test_member_gets_the_partnership_with_their_membership(world: Any) -> None:
    access = get_partnership_for_user(world.users["viewer"], world.partnership.key)
    assert access.partnership == world.partnership
    assert access.membership.role == "viewer"
    assert (access.can_edit, access.can_manage) == (False, False)


def test_a_superuser_has_the_rights_of_their_membership_only(world: Any, client: Any) -> None:
    """Administrators act through the admin site, not as hidden owners of partnerships."""
    viewer = world.users["viewer"]
    viewer.is_superuser = viewer.is_staff = True
    viewer.save()
    with pytest.raises(PermissionDenied):
        get_partnership_for_user(viewer, world.partnership.key, need="manage")
    client.force_login(viewer)
    members = client.get(reverse("partnerships:members", kwargs={"key": world.partnership.key}))
    assert members.status_code == 200
    assert reverse("partnerships:invite", kwargs={"key": world.partnership.key}) not in (
        members.content.decode()
    )
    invite = client.post(
        reverse("partnerships:invite", kwargs={"key": world.partnership.key}),
        {"email": "someone@example.org", "role": "editor"},
    )
    assert invite.status_code == 403


def test_outsider_and_missing_key_are_the_same_404(world: Any) -> None:
    with pytest.raises(Http404):
        get_partnership_for_user(world.users["outsider"], world.partnership.key)
    with pytest.raises(Http404):
        get_partnership_for_user(world.users["owner"], "does-not-exist")


@pytest.mark.parametrize(
    ("role", "need", "allowed"),
    [
        ("viewer", "edit", False),
        ("editor", "edit", True),
        ("editor", "manage", False),
        ("facilitator", "facilitate", True),
        ("editor", "facilitate", False),
        ("owner", "manage", True),
    ],
)
def test_rights_per_role(world: Any, role: str, need: str, allowed: bool) -> None:
    if allowed:
        assert get_partnership_for_user(world.users[role], world.partnership.key, need=need)
    else:
        with pytest.raises(PermissionDenied):
            get_partnership_for_user(world.users[role], world.partnership.key, need=need)


def test_outsider_response_looks_like_a_missing_page(world: Any, client: Any) -> None:
    client.force_login(world.users["outsider"])
    real = client.get(reverse("partnerships:overview", kwargs={"key": world.partnership.key}))
    missing = client.get(reverse("partnerships:overview", kwargs={"key": "nope-nope-nope"}))
    assert real.status_code == missing.status_code == 404
    assert world.partnership.title not in real.content.decode()
    # Identical pages apart from the per-request CSRF token and the address itself.
    token = re.compile(rb'(csrfmiddlewaretoken" value="|X-CSRFToken": "|name="next" value=")[^"]+')
    assert token.sub(b"", real.content) == token.sub(b"", missing.content)


def test_outsider_cannot_change_anything_by_guessing_urls(world: Any, client: Any) -> None:
    client.force_login(world.users["outsider"])
    key = world.partnership.key
    title = world.partnership.title
    client.post(
        reverse("partnerships:edit", kwargs={"key": key}), {"title": "Hacked", "challenge": "x"}
    )
    client.post(reverse("partnerships:party_remove", kwargs={"key": key, "pk": world.party.pk}))
    client.post(
        reverse("partnerships:invite", kwargs={"key": key}),
        {"email": "x@example.org", "role": "owner"},
    )
    world.partnership.refresh_from_db()
    assert world.partnership.title == title
    assert world.partnership.parties.count() == 1
    assert not world.partnership.invitations.filter(email="x@example.org").exists()


def test_organisations_are_visible_only_through_partnerships(world: Any) -> None:
    organisation = world.party.organisation
    assert get_organisation_for_user(world.users["viewer"], organisation.pk) == organisation
    with pytest.raises(Http404):
        get_organisation_for_user(world.users["outsider"], organisation.pk)
    with pytest.raises(PermissionDenied):
        get_organisation_for_user(world.users["viewer"], organisation.pk, need="edit")
    own = OrganisationFactory(created_by=world.users["outsider"])
    assert get_organisation_for_user(world.users["outsider"], own.pk, need="edit") == own
