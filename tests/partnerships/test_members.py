"""Invitations by signed link, roles, removal and the last-owner rule."""

from __future__ import annotations

import re
from typing import Any
from unittest import mock
from urllib.parse import urlsplit

import pytest
from django.core import mail
from django.urls import reverse

from accounts.models import User
from partnerships.models import Membership, Role
from tests.factories import UserFactory
from tests.partnerships.test_edit_and_history import form_data


def invite(client: Any, world: Any, email: str, role: str = "editor") -> str:
    """Invite as the owner; return the link from the email."""
    client.force_login(world.users["owner"])
    with mock.patch("django.db.transaction.on_commit", side_effect=lambda f, **kw: f()):
        response = client.post(
            reverse("partnerships:invite", kwargs={"key": world.partnership.key}),
            {"email": email, "role": role},
        )
    assert response.status_code == 302
    message = mail.outbox[-1]
    assert message.to == [email.lower()]
    link = re.search(r"https?://\S+/invitation/\S+/", message.body)
    assert link, message.body
    return urlsplit(link.group(0)).path


def test_owner_invites_existing_user_who_accepts(client: Any, world: Any) -> None:
    existing = UserFactory(email="anna@example.org")
    path = invite(client, world, "Anna@Example.org", "facilitator")
    client.force_login(existing)
    page = client.get(path)
    assert page.status_code == 200
    assert world.partnership.title in page.content.decode()
    response = client.post(path)
    assert response.status_code == 302
    assert (
        Membership.objects.get(user=existing, partnership=world.partnership).role
        == Role.FACILITATOR
    )
    # The link is used up.
    assert client.post(path).status_code == 410


def test_new_user_signs_up_and_accepts(client: Any, world: Any) -> None:
    path = invite(client, world, "new.person@example.org")
    client.logout()
    page = client.get(path).content.decode()
    assert reverse("account_signup") in page  # told how to get an account
    client.post(
        reverse("account_signup"),
        {
            "email": "new.person@example.org",
            "password1": "a long enough pass 42",
            "password2": "a long enough pass 42",
        },
    )
    user = User.objects.get(email="new.person@example.org")
    client.force_login(user)
    client.post(path)
    assert Membership.objects.filter(
        user=user, partnership=world.partnership, role=Role.EDITOR
    ).exists()


def test_invitation_for_someone_else_is_refused(client: Any, world: Any) -> None:
    path = invite(client, world, "invited@example.org")
    client.force_login(world.users["outsider"])
    response = client.post(path)
    assert response.status_code == 400
    assert "invited@example.org" in response.content.decode()
    assert not Membership.objects.filter(
        user=world.users["outsider"], partnership=world.partnership
    ).exists()


def test_link_expires_after_14_days(client: Any, world: Any) -> None:
    import time as real_time

    path = invite(client, world, "late@example.org")
    late = UserFactory(email="late@example.org")
    client.force_login(late)
    fifteen_days = real_time.time() + 15 * 24 * 3600
    with mock.patch("django.core.signing.time.time", return_value=fifteen_days):
        response = client.get(path)
    assert response.status_code == 410
    assert not Membership.objects.filter(user=late).exists()
    with mock.patch(
        "django.core.signing.time.time", return_value=real_time.time() + 13 * 24 * 3600
    ):
        assert client.post(path).status_code == 302


def test_tampered_link_is_refused(client: Any, world: Any) -> None:
    path = invite(client, world, "x@example.org")
    assert client.get(path[:-3] + "xx/").status_code == 410


def test_viewer_cannot_invite(client: Any, world: Any) -> None:
    client.force_login(world.users["viewer"])
    response = client.post(
        reverse("partnerships:invite", kwargs={"key": world.partnership.key}),
        {"email": "a@example.org", "role": "owner"},
    )
    assert response.status_code == 403


def test_owner_changes_role_and_removes_member(client: Any, world: Any) -> None:
    client.force_login(world.users["owner"])
    viewer = world.partnership.memberships.get(user=world.users["viewer"])
    client.post(
        reverse("partnerships:member_role", kwargs={"key": world.partnership.key, "pk": viewer.pk}),
        {"role": "editor"},
    )
    viewer.refresh_from_db()
    assert viewer.role == Role.EDITOR
    client.post(
        reverse(
            "partnerships:member_remove", kwargs={"key": world.partnership.key, "pk": viewer.pk}
        )
    )
    assert not Membership.objects.filter(pk=viewer.pk).exists()


def test_last_owner_cannot_leave_or_be_demoted(client: Any, world: Any) -> None:
    client.force_login(world.users["owner"])
    owner = world.partnership.memberships.get(user=world.users["owner"])
    response = client.post(
        reverse("partnerships:leave", kwargs={"key": world.partnership.key}), follow=True
    )
    assert "last owner" in response.content.decode() or "sista ägaren" in response.content.decode()
    assert Membership.objects.filter(pk=owner.pk).exists()
    client.post(
        reverse("partnerships:member_role", kwargs={"key": world.partnership.key, "pk": owner.pk}),
        {"role": "viewer"},
    )
    owner.refresh_from_db()
    assert owner.role == Role.OWNER


def test_an_owner_may_leave_when_another_owner_remains(client: Any, world: Any) -> None:
    editor = world.partnership.memberships.get(user=world.users["editor"])
    editor.role = Role.OWNER
    editor.save()
    client.force_login(world.users["owner"])
    response = client.post(reverse("partnerships:leave", kwargs={"key": world.partnership.key}))
    assert response.status_code == 302
    assert not world.partnership.memberships.filter(user=world.users["owner"]).exists()


@pytest.mark.parametrize("bad_role", ["admin", "", "owner'--"])
def test_unknown_role_gets_a_message_not_an_error(client: Any, world: Any, bad_role: str) -> None:
    client.force_login(world.users["owner"])
    viewer = world.partnership.memberships.get(user=world.users["viewer"])
    response = client.post(
        reverse("partnerships:member_role", kwargs={"key": world.partnership.key, "pk": viewer.pk}),
        {"role": bad_role},
        follow=True,
    )
    assert response.status_code == 200
    viewer.refresh_from_db()
    assert viewer.role == Role.VIEWER


def test_invitation_email_says_who_invites_with_title_and_organisation(
    client: Any, world: Any
) -> None:
    owner = world.users["owner"]
    owner.name, owner.title, owner.organisation = (
        "Anna Andersson",
        "utvecklingsstrateg",
        "Eskilstuna kommun",
    )
    owner.save()
    invite(client, world, "ny@example.org")
    assert mail.outbox[-1].body.startswith(
        "Anna Andersson, utvecklingsstrateg, Eskilstuna kommun bjuder in dig"
    )


def test_history_shows_names_not_addresses(client: Any, world: Any) -> None:
    editor = world.users["editor"]
    editor.name = "Elias Entreprenör"
    editor.save()
    client.force_login(editor)
    client.post(
        reverse("partnerships:edit", kwargs={"key": world.partnership.key}),
        form_data(world.partnership, title="Nytt namn"),
    )
    client.force_login(world.users["viewer"])
    page = client.get(
        reverse("partnerships:history", kwargs={"key": world.partnership.key})
    ).content.decode()
    assert "Elias Entreprenör" in page
    assert editor.email not in page


def test_the_task_claims_the_invitation_then_calls_the_sending_service(world: Any) -> None:
    """Run twice, the task sends once: the conditional UPDATE claims it before the service."""
    from partnerships.tasks import send_invitation_email

    with mock.patch("partnerships.tasks.invitation_send") as send:
        assert send_invitation_email(world.invitation.pk) is True
        assert send_invitation_email(world.invitation.pk) is False
    send.assert_called_once()
    assert send.call_args.kwargs["invitation"].pk == world.invitation.pk
