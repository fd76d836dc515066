"""Destructive actions ask first, saying what will change, and what they remove comes back."""

from __future__ import annotations

from html import escape
from typing import Any
from unittest import mock

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import translation

from partnerships.models import Invitation, Membership, Party, Role, SteeringDocument
from partnerships.selectors import partnership_parties
from tests.factories import InvitationFactory, UserFactory
from tests.theory_of_change.factories import IndicatorFactory, OutcomeFactory
from theory_of_change.selectors import load_chain, parties_of, steering_documents_of

pytestmark = pytest.mark.usefixtures("english")


def after(heading: str, page: str) -> str:
    """The part of the page after a heading (where a list of removed records is)."""
    return page.split(f">{heading}</h", 1)[1] if f">{heading}</h" in page else ""


def url(name: str, world: Any, **kwargs: Any) -> str:
    return reverse(f"partnerships:{name}", kwargs={"key": world.partnership.key, **kwargs})


def text(response: Any) -> str:
    return response.content.decode()


def on_commit_now() -> Any:
    return mock.patch("django.db.transaction.on_commit", side_effect=lambda f, **kw: f())


# Parties ---------------------------------------------------------------------------------


def test_removing_a_party_asks_first_and_lists_what_names_it(client: Any, world: Any) -> None:
    party = world.party
    indicator = IndicatorFactory(
        node=OutcomeFactory(partnership=world.partnership),
        name="Andel unga i arbete",
        responsible_party=party,
    )
    client.force_login(world.users["editor"])
    page = client.get(url("party_remove", world, pk=party.pk))
    assert page.status_code == 200
    body = text(page)
    assert "Right By Me" in body
    assert indicator.name in body  # the record that names it is listed
    assert "Removed parties" in body  # and where it can be restored
    assert Party.objects.filter(pk=party.pk).exists()  # nothing happened on GET
    # The parties page links to this page; it has no one-click remove any more.
    parties = text(client.get(url("parties", world)))
    assert f'href="{url("party_remove", world, pk=party.pk)}"' in parties


def test_a_removed_party_keeps_what_names_it_and_comes_back(client: Any, world: Any) -> None:
    party = world.party
    indicator = IndicatorFactory(
        node=OutcomeFactory(partnership=world.partnership), responsible_party=party
    )
    client.force_login(world.users["editor"])
    response = client.post(url("party_remove", world, pk=party.pk))
    assert response.status_code == 302

    assert party not in partnership_parties(world.partnership)
    assert party not in parties_of(world.partnership)  # not offered as a responsible party
    indicator.refresh_from_db()
    assert indicator.responsible_party_id == party.pk  # kept, not cleared
    with translation.override("en"):  # each request ends by resetting the language
        [chain_indicator] = [
            i
            for node in load_chain(world.partnership).nodes
            for i in node.indicators
            if i.id == indicator.pk
        ]
    assert chain_indicator.responsible_party == "Right By Me (removed party)"
    # The organisation is still in the registry for the partnership's members.
    organisations = text(client.get(reverse("partnerships:organisation_list")))
    assert "Right By Me" in organisations
    restore = url("party_restore", world, pk=party.pk)
    assert restore in after("Removed parties", text(client.get(url("parties", world))))

    assert client.post(restore).status_code == 302
    assert party in partnership_parties(world.partnership)
    assert restore not in text(client.get(url("parties", world)))


def test_adding_a_removed_organisation_again_brings_its_party_back(client: Any, world: Any) -> None:
    party = world.party
    client.force_login(world.users["editor"])
    client.post(url("party_remove", world, pk=party.pk))
    response = client.post(
        url("party_add", world),
        {"organisation": party.organisation.pk, "part": "funder", "contribution": "Pengar"},
    )
    assert response.status_code == 302
    again = Party.objects.get(partnership=world.partnership, organisation=party.organisation)
    assert again.pk == party.pk  # the same record, its history and links intact
    assert again.part == "funder"


def test_editing_an_indicator_does_not_clear_a_removed_responsible_party(world: Any) -> None:
    from theory_of_change.forms import IndicatorForm

    indicator = IndicatorFactory(
        node=OutcomeFactory(partnership=world.partnership), responsible_party=world.party
    )
    from partnerships import services

    services.party_remove(party=world.party)
    form = IndicatorForm(instance=indicator, parties=parties_of(world.partnership))
    assert "Right By Me (removed party)" in form.as_p()


# Steering documents ----------------------------------------------------------------------


def test_removing_a_steering_document_asks_then_hides_it_and_restore_brings_its_links_back(
    client: Any, world: Any
) -> None:
    from partnerships import services

    # Entered in the partnership, which then uses it.
    document = services.steering_document_create(
        partnership=world.partnership, title="Budget 2025", kind="budget"
    )
    goal = OutcomeFactory(partnership=world.partnership, title="Fler unga i arbete", anchored=False)
    goal.steering_documents.add(document)
    client.force_login(world.users["editor"])

    page = client.get(url("steering_delete", world, pk=document.pk))
    assert page.status_code == 200
    assert "Budget 2025" in text(page)
    assert "Fler unga i arbete" in text(page)  # the goal anchored in it is listed
    assert SteeringDocument.objects.filter(pk=document.pk).exists()

    assert client.post(url("steering_delete", world, pk=document.pk)).status_code == 302
    assert document not in steering_documents_of(world.partnership)
    assert not goal.steering_documents.exists()
    assert all(d["id"] != document.pk for d in load_chain(world.partnership).steering_documents)
    listing = text(client.get(url("steering_list", world)))
    assert "Budget 2025" in after("Removed documents", listing)
    # A removed document cannot be edited by its old address.
    assert client.get(url("steering_edit", world, pk=document.pk)).status_code == 404

    assert client.post(url("steering_restore", world, pk=document.pk)).status_code == 302
    assert list(goal.steering_documents.all()) == [document]  # anchored again, as before
    assert "Budget 2025" not in after(
        "Removed documents", text(client.get(url("steering_list", world)))
    )


# Members ---------------------------------------------------------------------------------


def test_removing_a_member_asks_first_and_the_owner_can_add_them_back(
    client: Any, world: Any
) -> None:
    editor = world.users["editor"]
    membership = world.partnership.memberships.get(user=editor)
    client.force_login(world.users["owner"])

    page = client.get(url("member_remove", world, pk=membership.pk))
    assert page.status_code == 200
    body = text(page)
    assert escape(editor.email) in body and "loses access" in body
    assert "Former members" in body  # says how to undo it
    assert Membership.objects.filter(pk=membership.pk).exists()

    assert client.post(url("member_remove", world, pk=membership.pk)).status_code == 302
    assert not world.partnership.memberships.filter(user=editor).exists()
    former = after("Former members", text(client.get(url("members", world))))
    assert url("member_restore", world, pk=editor.pk) in former
    assert "Add back as Editor" in former

    assert client.post(url("member_restore", world, pk=editor.pk)).status_code == 302
    assert world.partnership.memberships.get(user=editor).role == Role.EDITOR


def test_only_former_members_can_be_added_back(client: Any, world: Any) -> None:
    client.force_login(world.users["owner"])
    stranger = UserFactory()
    assert client.post(url("member_restore", world, pk=stranger.pk)).status_code == 404
    assert not world.partnership.memberships.filter(user=stranger).exists()


def test_leaving_asks_first_and_coming_back_takes_a_new_invitation(client: Any, world: Any) -> None:
    viewer = world.users["viewer"]
    client.force_login(viewer)
    page = client.get(url("leave", world))
    assert page.status_code == 200
    assert "You lose access" in text(page) and "invite you again" in text(page)
    assert world.partnership.memberships.filter(user=viewer).exists()

    assert client.post(url("leave", world)).status_code == 302
    assert not world.partnership.memberships.filter(user=viewer).exists()

    # The owner sees who left, with their role, but cannot put them back without asking them.
    client.force_login(world.users["owner"])
    former = after("Former members", text(client.get(url("members", world))))
    assert viewer.email in former and "Viewer" in former and "invite them again" in former
    assert url("member_restore", world, pk=viewer.pk) not in former
    client.post(url("member_restore", world, pk=viewer.pk))
    assert not world.partnership.memberships.filter(user=viewer).exists()


def test_the_last_owner_is_told_on_the_confirmation_page_and_offered_no_button(
    client: Any, world: Any
) -> None:
    client.force_login(world.users["owner"])
    page = text(client.get(url("leave", world)))
    assert "The last owner cannot leave" in page
    assert 'type="submit"' not in page.split("<h1", 1)[1].split("</main>")[0]


# Invitations -----------------------------------------------------------------------------


def test_withdrawing_an_invitation_asks_first_and_it_can_be_reopened(
    client: Any, world: Any
) -> None:
    invitation = world.invitation
    client.force_login(world.users["owner"])
    page = client.get(url("invitation_revoke", world, pk=invitation.pk))
    assert page.status_code == 200
    assert "newcomer@example.org" in text(page) and "stops working" in text(page)
    invitation.refresh_from_db()
    assert invitation.is_open

    assert client.post(url("invitation_revoke", world, pk=invitation.pk)).status_code == 302
    invitation.refresh_from_db()
    assert not invitation.is_open
    withdrawn = after("Withdrawn invitations", text(client.get(url("members", world))))
    assert url("invitation_reopen", world, pk=invitation.pk) in withdrawn

    mail.outbox.clear()
    with on_commit_now():
        assert client.post(url("invitation_reopen", world, pk=invitation.pk)).status_code == 302
    invitation.refresh_from_db()
    assert invitation.is_open
    assert [message.to for message in mail.outbox] == [["newcomer@example.org"]]  # a new link


def test_an_invitation_is_not_reopened_when_another_is_open(client: Any, world: Any) -> None:
    from django.utils import timezone

    withdrawn = InvitationFactory(
        partnership=world.partnership, email="twice@example.org", revoked_at=timezone.now()
    )
    InvitationFactory(partnership=world.partnership, email="twice@example.org")
    client.force_login(world.users["owner"])
    response = client.post(url("invitation_reopen", world, pk=withdrawn.pk), follow=True)
    assert "already has an open invitation" in text(response)
    withdrawn.refresh_from_db()
    assert not withdrawn.is_open


@pytest.mark.parametrize(
    ("name", "role"),
    [
        ("party_remove", "editor"),
        ("steering_delete", "editor"),
        ("member_remove", "owner"),
        ("invitation_revoke", "owner"),
        ("leave", "viewer"),
    ],
)
def test_confirmation_pages_change_nothing(client: Any, world: Any, name: str, role: str) -> None:
    samples = world.samples.get(f"partnerships:{name}", {})
    counts = (
        Party.objects.count(),
        SteeringDocument.objects.count(),
        Membership.objects.count(),
        Invitation.objects.filter(revoked_at__isnull=True).count(),
    )
    client.force_login(world.users[role])
    page = client.get(url(name, world, **samples))
    assert page.status_code == 200
    assert "What will change" in text(page)
    assert 'method="post"' in text(page)
    assert counts == (
        Party.objects.count(),
        SteeringDocument.objects.count(),
        Membership.objects.count(),
        Invitation.objects.filter(revoked_at__isnull=True).count(),
    )
