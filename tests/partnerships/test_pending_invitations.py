"""Invitations waiting on the dashboard: shown to verified addresses, accepted or declined there."""

from __future__ import annotations

import re
from datetime import timedelta
from typing import Any

from allauth.account.models import EmailAddress
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from partnerships.models import Invitation, Membership, Role
from partnerships.services import invitation_token
from tests.factories import InvitationFactory, UserFactory

PASSWORD = "a long enough pass 42"


def dashboard(client: Any) -> str:
    return client.get(reverse("partnerships:dashboard")).content.decode()


def accept_url(invitation: Invitation) -> str:
    return reverse("partnerships:pending_invitation_accept", kwargs={"pk": invitation.pk})


def decline_url(invitation: Invitation) -> str:
    return reverse("partnerships:pending_invitation_decline", kwargs={"pk": invitation.pk})


def test_invitation_shows_after_signup_and_verification(client: Any, world: Any) -> None:
    invitation = InvitationFactory(
        partnership=world.partnership, email="ny.person@example.org", role=Role.FACILITATOR
    )
    client.post(
        reverse("account_signup"),
        {"email": "Ny.Person@example.org", "password1": PASSWORD, "password2": PASSWORD},
    )
    confirmation = mail.outbox[-1]
    link = re.search(r"/accounts/confirm-email/[^/\s]+/", confirmation.body)
    assert link, confirmation.body
    client.post(link.group(0))
    response = client.post(
        reverse("account_login"), {"login": "ny.person@example.org", "password": PASSWORD}
    )
    assert response["Location"] == reverse("partnerships:dashboard")
    page = dashboard(client)
    assert world.partnership.title in page
    assert accept_url(invitation) in page
    assert decline_url(invitation) in page


def test_accepting_on_the_dashboard_makes_a_membership(client: Any, world: Any) -> None:
    invitation = InvitationFactory(
        partnership=world.partnership, email="anna@example.org", role=Role.VIEWER
    )
    anna = UserFactory(email="anna@example.org")
    client.force_login(anna)
    response = client.post(accept_url(invitation))
    assert response.status_code == 302
    assert response["Location"] == world.partnership.get_absolute_url()
    assert Membership.objects.get(user=anna, partnership=world.partnership).role == Role.VIEWER
    invitation.refresh_from_db()
    assert invitation.accepted_by == anna
    # Answered: no longer waiting, and a second answer finds nothing.
    assert accept_url(invitation) not in dashboard(client)
    assert client.post(accept_url(invitation)).status_code == 404


def test_a_verified_second_address_counts(client: Any, world: Any) -> None:
    invitation = InvitationFactory(partnership=world.partnership, email="work@example.org")
    anna = UserFactory(email="private@example.org")
    EmailAddress.objects.create(user=anna, email="work@example.org", verified=True)
    client.force_login(anna)
    assert accept_url(invitation) in dashboard(client)
    assert client.post(accept_url(invitation)).status_code == 302
    assert Membership.objects.filter(user=anna, partnership=world.partnership).exists()


def test_declining_asks_first_then_hides_the_invitation(client: Any, world: Any) -> None:
    invitation = InvitationFactory(partnership=world.partnership, email="bo@example.org")
    bo = UserFactory(email="bo@example.org")
    client.force_login(bo)
    confirm = client.get(decline_url(invitation))
    assert confirm.status_code == 200
    assert world.partnership.title in confirm.content.decode()
    invitation.refresh_from_db()
    assert invitation.declined_at is None  # looking at the question changes nothing
    response = client.post(decline_url(invitation))
    assert response["Location"] == reverse("partnerships:dashboard")
    invitation.refresh_from_db()
    assert invitation.declined_at is not None
    assert invitation.history.first().declined_at == invitation.declined_at
    assert not Membership.objects.filter(user=bo, partnership=world.partnership).exists()
    page = dashboard(client)
    assert "Inbjudningar som väntar på dig" not in page
    assert accept_url(invitation) not in page
    # The emailed link now says it was declined.
    link = client.get(
        reverse("partnerships:invitation_accept", args=[invitation_token(invitation)])
    )
    assert link.status_code == 410
    assert "tackade nej" in link.content.decode()
    # The owners see the answer instead of an open invitation, and may invite again.
    client.force_login(world.users["owner"])
    members = client.get(reverse("partnerships:members", kwargs={"key": world.partnership.key}))
    assert members.context["invitations"] == [world.invitation]
    assert members.context["declined_invitations"] == [invitation]
    assert "tackade nej" in members.content.decode()
    response = client.post(
        reverse("partnerships:invite", kwargs={"key": world.partnership.key}),
        {"email": "bo@example.org", "role": "editor"},
    )
    assert response.status_code == 302


def test_an_invitation_to_another_address_is_neither_shown_nor_answerable(
    client: Any, world: Any
) -> None:
    invitation = InvitationFactory(partnership=world.partnership, email="karin@example.org")
    mallory = UserFactory(email="mallory@example.org")
    # Adding the address without verifying it is not enough.
    EmailAddress.objects.create(user=mallory, email="karin@example.org", verified=False)
    client.force_login(mallory)
    assert world.partnership.title not in dashboard(client)
    assert client.post(accept_url(invitation)).status_code == 404
    assert client.get(decline_url(invitation)).status_code == 404
    assert client.post(decline_url(invitation)).status_code == 404
    invitation.refresh_from_db()
    assert invitation.is_open
    assert not Membership.objects.filter(user=mallory).exists()


def test_expired_and_withdrawn_invitations_are_not_shown(client: Any, world: Any) -> None:
    expired = InvitationFactory(partnership=world.partnership, email="sara@example.org")
    Invitation.objects.filter(pk=expired.pk).update(created_at=timezone.now() - timedelta(days=15))
    other = InvitationFactory(email="sara@example.org", revoked_at=timezone.now())
    sara = UserFactory(email="sara@example.org")
    client.force_login(sara)
    page = dashboard(client)
    assert world.partnership.title not in page
    assert other.partnership.title not in page
    for invitation in (expired, other):
        assert client.post(accept_url(invitation)).status_code == 404
    assert not Membership.objects.filter(user=sara).exists()


def test_the_link_accepts_for_a_verified_second_address(client: Any, world: Any) -> None:
    invitation = InvitationFactory(partnership=world.partnership, email="work@example.org")
    user = UserFactory(email="home@example.org")
    EmailAddress.objects.create(user=user, email="work@example.org", verified=True)
    client.force_login(user)
    path = reverse("partnerships:invitation_accept", args=[invitation_token(invitation)])
    assert client.post(path).status_code == 302
    assert User.objects.filter(memberships__partnership=world.partnership, pk=user.pk).exists()
