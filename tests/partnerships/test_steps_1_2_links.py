"""What a municipal officer found on the step 1 and 2 pages: related records link to each
other (a contact to its relationship-plan entry and back, a meeting's contacts to the contact
list), and the glossary gives a column only to the parties that have written a meaning."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from django.urls import reverse

from partnerships import services
from partnerships.contacts import services as contacts
from partnerships.meetings import services as meetings
from tests.factories import OrganisationFactory, PartyFactory

STOCKHOLM = ZoneInfo("Europe/Stockholm")


def page(client: Any, world: Any, name: str, **kwargs: Any) -> str:
    client.force_login(world.users["viewer"])
    client.cookies["django_language"] = "sv"
    url = reverse(f"partnerships:{name}", kwargs={"key": world.partnership.key, **kwargs})
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_a_contact_and_its_plan_entry_link_to_each_other(client: Any, world: Any) -> None:
    partnership = world.partnership
    contact = contacts.contact_create(
        partnership=partnership, organisation=world.party.organisation, name="Anna Exempel"
    )
    entry = contacts.relationship_entry_create(
        partnership=partnership, contact=contact, why="Beslutar", status="contacted"
    )
    key = partnership.key
    listing = page(client, world, "contact_list")
    assert f'id="contact-{contact.pk}"' in listing
    plan_url = reverse("partnerships:relationship_list", kwargs={"key": key})
    assert f'href="{plan_url}#entry-{entry.pk}">Kontaktad' in listing
    plan = page(client, world, "relationship_list")
    assert f'id="entry-{entry.pk}"' in plan
    contacts_url = reverse("partnerships:contact_list", kwargs={"key": key})
    assert f'href="{contacts_url}#contact-{contact.pk}">Anna Exempel</a>' in plan
    # An overdue action on the overview leads to its entry.
    contacts.relationship_entry_update(
        entry=entry,
        expected_version=entry.version,
        next_action="Ring henne",
        next_action_date=date(2020, 1, 1),
    )
    overview = page(client, world, "overview")
    assert f'href="{plan_url}#entry-{entry.pk}">Anna Exempel: Ring henne</a>' in overview
    # For an editor, the actions of a row wrap rather than run off the edge of the table.
    client.force_login(world.users["editor"])
    listing = client.get(contacts_url).content.decode()
    assert '<td><div class="d-flex flex-wrap justify-content-end gap-1">' in listing


def test_a_meetings_contacts_link_to_the_contact_list(client: Any, world: Any) -> None:
    contact = contacts.contact_create(
        partnership=world.partnership, organisation=world.party.organisation, name="Omar Exempel"
    )
    meeting = meetings.meeting_create(
        partnership=world.partnership,
        kind="co_creation",
        title="Heldag om orden",
        starts_at=datetime(2025, 3, 11, 9, tzinfo=STOCKHOLM),
        ends_at=datetime(2025, 3, 11, 16, tzinfo=STOCKHOLM),
        contacts=[contact],
    )
    detail = page(client, world, "meeting_detail", pk=meeting.pk)
    contacts_url = reverse("partnerships:contact_list", kwargs={"key": world.partnership.key})
    assert f'href="{contacts_url}#contact-{contact.pk}">Omar Exempel</a>' in detail
    # In the meeting form a contact is named with the organisation it belongs to.
    client.force_login(world.users["editor"])
    form = client.get(
        reverse(
            "partnerships:meeting_edit", kwargs={"key": world.partnership.key, "pk": meeting.pk}
        )
    ).content.decode()
    assert f"Omar Exempel ({world.party.organisation.name})" in form


def test_the_glossary_shows_the_parties_that_wrote_a_meaning(client: Any, world: Any) -> None:
    partnership = world.partnership
    municipality = PartyFactory(
        partnership=partnership, organisation=OrganisationFactory(name="Exempelstads kommun")
    )
    PartyFactory(partnership=partnership, organisation=OrganisationFactory(name="Tyst finansiär"))
    # Before any meaning is written, every party has its column.
    services.glossary_term_create(partnership=partnership, term="insats")
    listing = page(client, world, "glossary_list")
    assert "Betydelse för Tyst finansiär" in listing
    assert "Ingen betydelse skriven än av" not in listing
    services.glossary_term_create(
        partnership=partnership,
        term="målgrupp",
        meanings={str(municipality.pk): "Har ett beslut", str(world.party.pk): "Alla vi möter"},
    )
    listing = page(client, world, "glossary_list")
    assert "Betydelse för Exempelstads kommun" in listing
    assert "Betydelse för Right By Me" in listing
    assert "Betydelse för Tyst finansiär" not in listing
    assert "Ingen betydelse skriven än av: Tyst finansiär. Redigera" in listing
    # Its edit form still offers a field for every party.
    term = partnership.glossary_terms.get(term="målgrupp")
    client.force_login(world.users["editor"])
    edit = client.get(
        reverse("partnerships:glossary_edit", kwargs={"key": partnership.key, "pk": term.pk})
    ).content.decode()
    assert "Tyst finansiär" in edit


def test_the_parties_page_says_what_the_unit_button_does(client: Any, world: Any) -> None:
    client.force_login(world.users["editor"])
    client.cookies["django_language"] = "sv"
    body = client.get(
        reverse("partnerships:parties", kwargs={"key": world.partnership.key})
    ).content.decode()
    assert "Ange ansvarig enhet" in body
