"""Contacts and the relationship plan: access, the unit rule, merge, removal and restore,
erasure on request that scrubs the history, overdue actions, step 1's checks and the demo."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from partnerships.concurrency import EditConflict
from partnerships.contacts import selectors, services
from partnerships.contacts.models import RelationshipEntry
from partnerships.contacts.steps import contacts_and_relationships
from partnerships.models import Contact, OrgUnit, Party
from partnerships.restore import RecordNotFound, history_restore, restore_preview
from tests.factories import OrganisationFactory, PartnershipFactory, PartyFactory

pytestmark = pytest.mark.usefixtures("english")

CONTACT_URLS = [
    "contact_list",
    "contact_create",
    "contact_edit",
    "contact_remove",
    "contact_restore",
    "contact_erase",
    "relationship_list",
    "relationship_create",
    "relationship_edit",
    "relationship_remove",
    "relationship_restore",
]
WRITES = [name for name in CONTACT_URLS if not name.endswith("_list")]


def url(name: str, world: Any, **kwargs: Any) -> str:
    return reverse(f"partnerships:{name}", kwargs={"key": world.partnership.key, **kwargs})


def sample_url(name: str, world: Any) -> str:
    return url(name, world, **world.samples.get(f"partnerships:{name}", {}))


def contact_data(contact: Contact | None = None, **changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "organisation": "",
        "unit": "",
        "name": "",
        "title": "",
        "position": "officer",
        "email": "",
        "phone": "",
    }
    if contact is not None:
        data.update(
            {
                "organisation": str(contact.organisation_id),
                "unit": contact.unit_id or "",
                "name": contact.name,
                "title": contact.title,
                "position": contact.position,
                "email": contact.email,
                "phone": contact.phone,
                "version_seen": contact.version,
            }
        )
        if contact.has_decision_mandate:
            data["has_decision_mandate"] = "on"
        if contact.door_opener:
            data["door_opener"] = "on"
    data.update(changes)
    return data


def add_contact(world: Any, name: str = "Dana Exempel", **fields: Any) -> Contact:
    fields.setdefault("organisation", world.party.organisation)
    return services.contact_create(partnership=world.partnership, name=name, **fields)


def add_entry(world: Any, contact: Contact, **fields: Any) -> RelationshipEntry:
    fields.setdefault("why", "Hon kan besluta")
    return services.relationship_entry_create(
        partnership=world.partnership, contact=contact, **fields
    )


def unit_of(organisation: Any, name: str = "Ungdomsenheten", **fields: Any) -> OrgUnit:
    fields.setdefault("kind", OrgUnit.Kind.UNIT)
    return OrgUnit.objects.create(organisation=organisation, name=name, **fields)


# Access ------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", CONTACT_URLS)
def test_an_outsider_gets_404_on_every_contact_url(client: Any, world: Any, name: str) -> None:
    client.force_login(world.users["outsider"])
    if not name.endswith("_restore"):  # restoring answers POST only
        assert client.get(sample_url(name, world)).status_code == 404
    if not name.endswith("_list"):  # lists answer GET only
        assert client.post(sample_url(name, world)).status_code == 404


def test_a_viewer_reads_the_contacts_and_the_plan_but_cannot_write(client: Any, world: Any) -> None:
    client.force_login(world.users["viewer"])
    contacts = client.get(url("contact_list", world))
    assert contacts.status_code == 200
    page = contacts.content.decode()
    assert "Anna Exempel" in page
    assert url("contact_create", world) not in page  # nothing offered that would be refused
    plan = client.get(url("relationship_list", world)).content.decode()
    assert "Beslutar om enheten" in plan
    assert url("relationship_create", world) not in plan
    for name in WRITES:
        assert client.post(sample_url(name, world)).status_code == 403, name
    assert Contact.objects.get(name="Anna Exempel").erased_at is None


def test_a_contact_of_another_partnership_is_not_found(client: Any, world: Any) -> None:
    other = PartnershipFactory()
    stranger = services.contact_create(
        partnership=other, organisation=world.party.organisation, name="Främling"
    )
    client.force_login(world.users["owner"])
    for name in ("contact_edit", "contact_remove", "contact_erase"):
        assert client.get(url(name, world, pk=stranger.pk)).status_code == 404
    assert "Främling" not in client.get(url("contact_list", world)).content.decode()


# The list and the form ---------------------------------------------------------------------


def test_editor_adds_a_contact_shown_by_organisation_and_unit_in_words(
    client: Any, world: Any
) -> None:
    organisation = world.party.organisation
    unit = unit_of(organisation)
    client.force_login(world.users["editor"])
    response = client.post(
        url("contact_create", world),
        contact_data(
            organisation=str(organisation.pk),
            unit=unit.pk,
            name="Eva Exempel",
            title="Enhetschef",
            position="elected",
            has_decision_mandate="on",
            door_opener="on",
            email="eva@example.se",
            phone="016-710 00 00",
        ),
    )
    assert response.status_code == 302
    page = client.get(url("contact_list", world)).content.decode()
    assert "Ungdomsenheten" in page and "Enhetschef" in page
    assert "Elected official" in page
    assert "Decision mandate" in page and "Door opener" in page  # words, not colour only
    assert 'href="mailto:eva@example.se"' in page
    assert 'href="tel:016-7100000"' in page


def test_a_unit_of_another_organisation_is_refused_with_the_reason(client: Any, world: Any) -> None:
    elsewhere = OrganisationFactory(name="Annan kommun")
    PartyFactory(partnership=world.partnership, organisation=elsewhere)
    their_unit = unit_of(elsewhere, name="Deras enhet")
    client.force_login(world.users["editor"])
    response = client.post(
        url("contact_create", world),
        contact_data(
            organisation=str(world.party.organisation.pk), unit=their_unit.pk, name="Fel Enhet"
        ),
    )
    assert response.status_code == 400
    errors = response.context["form"].errors["unit"]
    assert "belongs to Annan kommun, not to Right By Me" in errors[0]
    assert not Contact.objects.filter(name="Fel Enhet").exists()
    # The service holds the same rule, whoever calls it.
    with pytest.raises(ValidationError) as refused:
        add_contact(world, "Fel Enhet", unit=their_unit)
    assert "unit" in refused.value.message_dict
    contact = add_contact(world, "Rätt Enhet")
    with pytest.raises(ValidationError):
        services.contact_update(contact=contact, expected_version=contact.version, unit=their_unit)


def test_a_removed_unit_is_not_offered_and_not_accepted(client: Any, world: Any) -> None:
    organisation = world.party.organisation
    gone = unit_of(organisation, name="Nedlagd enhet", removed_at=timezone.now())
    client.force_login(world.users["editor"])
    form = client.get(url("contact_create", world)).content.decode()
    assert "Nedlagd enhet" not in form
    with pytest.raises(ValidationError):
        add_contact(world, unit=gone)


def test_organisations_offered_are_parties_and_those_the_user_may_see(
    client: Any, world: Any
) -> None:
    hidden = OrganisationFactory(name="Okänd organisation AB")
    client.force_login(world.users["editor"])
    form = client.get(url("contact_create", world)).content.decode()
    assert "Right By Me" in form
    assert "Okänd organisation AB" not in form
    response = client.post(
        url("contact_create", world), contact_data(organisation=str(hidden.pk), name="X")
    )
    assert response.status_code == 400


def test_services_refuse_fields_people_do_not_edit(world: Any) -> None:
    with pytest.raises(TypeError):
        add_contact(world, erased_at=timezone.now())
    with pytest.raises(TypeError):
        services.relationship_entry_create(
            partnership=world.partnership,
            contact=add_contact(world),
            why="x",
            removed_at=timezone.now(),
        )


# Merge, removal, restore -------------------------------------------------------------------


def test_two_people_editing_a_contact_merge_and_only_a_field_both_changed_conflicts(
    client: Any, world: Any
) -> None:
    contact = add_contact(world, "Gustav Exempel", title="Handläggare")
    opened = contact_data(contact)
    client.force_login(world.users["editor"])
    first = client.post(url("contact_edit", world, pk=contact.pk), {**opened, "phone": "123"})
    assert first.status_code == 302
    client.force_login(world.users["owner"])
    second = client.post(
        url("contact_edit", world, pk=contact.pk), {**opened, "title": "Enhetschef"}
    )
    assert second.status_code == 302
    contact.refresh_from_db()
    assert (contact.phone, contact.title) == ("123", "Enhetschef")
    client.force_login(world.users["facilitator"])
    third = client.post(url("contact_edit", world, pk=contact.pk), {**opened, "phone": "456"})
    assert third.status_code == 200
    assert [conflict.name for conflict in third.context["form"].conflict] == ["phone"]
    contact.refresh_from_db()
    assert contact.phone == "123"
    with pytest.raises(EditConflict):
        services.contact_update(contact=contact, expected_version=1, title="Annan titel")


def test_remove_asks_first_then_restore_brings_the_contact_and_its_plan_back(
    client: Any, world: Any
) -> None:
    contact = add_contact(world, "Helga Exempel")
    add_entry(world, contact, why="Öppnar dörrar")
    client.force_login(world.users["editor"])
    confirm = client.get(url("contact_remove", world, pk=contact.pk)).content.decode()
    assert "Removed contacts" in confirm and "Helga Exempel" in confirm
    assert Contact.objects.filter(pk=contact.pk).exists()
    assert client.post(url("contact_remove", world, pk=contact.pk)).status_code == 302
    assert not Contact.objects.filter(pk=contact.pk).exists()
    plan = client.get(url("relationship_list", world)).content.decode()
    assert "Öppnar dörrar" not in plan  # hidden with its contact
    page = client.get(url("contact_list", world)).content.decode()
    assert url("contact_restore", world, pk=contact.pk) in page
    assert client.post(url("contact_restore", world, pk=contact.pk)).status_code == 302
    assert Contact.objects.filter(pk=contact.pk).exists()
    assert "Öppnar dörrar" in client.get(url("relationship_list", world)).content.decode()


def test_an_entry_is_removed_and_restored_and_one_entry_per_contact(
    client: Any, world: Any
) -> None:
    contact = add_contact(world, "Ivar Exempel")
    entry = add_entry(world, contact)
    with pytest.raises(ValidationError) as refused:
        add_entry(world, contact)
    assert "already" in str(refused.value)
    client.force_login(world.users["editor"])
    assert client.post(url("relationship_remove", world, pk=entry.pk)).status_code == 302
    assert not RelationshipEntry.objects.filter(pk=entry.pk).exists()
    again = add_entry(world, contact, why="Ny plan")
    response = client.post(url("relationship_restore", world, pk=entry.pk), follow=True)
    assert "again" in response.content.decode()  # refused with the reason
    services.relationship_entry_remove(entry=again)
    assert client.post(url("relationship_restore", world, pk=entry.pk)).status_code == 302
    assert RelationshipEntry.objects.filter(pk=entry.pk).exists()


def test_an_entry_needs_an_action_when_it_has_a_date(client: Any, world: Any) -> None:
    contact = add_contact(world)
    client.force_login(world.users["editor"])
    response = client.post(
        url("relationship_create", world),
        {
            "contact": contact.pk,
            "why": "Varför",
            "status": "contacted",
            "next_action_date": "2026-01-01",
        },
    )
    assert response.status_code == 400
    assert "next_action" in response.context["form"].errors


# Erasure -----------------------------------------------------------------------------------


def _all_text(model: Any) -> str:
    values = []
    for row in (
        model.objects.all().values() if model is not Contact else Contact.all_objects.values()
    ):
        values.extend(str(value) for value in row.values())
    return " ".join(values)


def test_erasure_scrubs_the_contact_and_every_historical_row(client: Any, world: Any) -> None:
    contact = add_contact(
        world,
        "Jenny Raderas",
        title="Rektor",
        email="jenny.raderas@example.se",
        phone="070-123 45 67",
    )
    services.contact_update(
        contact=contact, expected_version=contact.version, email="jenny.ny@example.se"
    )
    entry = add_entry(
        world,
        contact,
        why="Nyckelperson",
        next_action="Ring",
        next_action_date=date.today() - timedelta(days=3),
    )
    client.force_login(world.users["editor"])
    confirm = client.get(url("contact_erase", world, pk=contact.pk)).content.decode()
    assert "cannot be undone" in confirm
    assert Contact.objects.get(pk=contact.pk).erased_at is None  # nothing on GET
    assert client.post(url("contact_erase", world, pk=contact.pk)).status_code == 302

    contact.refresh_from_db()
    assert contact.is_erased and contact.erased_by == world.users["editor"]
    assert contact.name == "Raderad kontakt"  # the neutral label, in the site's language
    assert (contact.title, contact.email, contact.phone) == ("", "", "")
    for secret in ("Jenny", "Raderas", "jenny", "Rektor", "070-123"):
        assert secret not in _all_text(Contact)
        assert secret not in _all_text(Contact.history.model)
    assert Contact.history.filter(id=contact.pk).count() >= 3  # the history is kept, scrubbed
    erasure = Contact.history.filter(id=contact.pk).first()
    assert erasure.history_change_reason == services.ERASED_REASON
    assert erasure.history_user == world.users["editor"]
    # The plan entry stays, pointing at the erased contact, and is no longer overdue.
    assert RelationshipEntry.objects.get(pk=entry.pk).contact_id == contact.pk
    assert selectors.overdue_relationship_actions(world.partnership) == []
    page = client.get(url("contact_list", world)).content.decode()
    assert "Erased contact" in page and "Erased" in page
    assert url("contact_edit", world, pk=contact.pk) not in page
    # An erased contact is not edited, whatever the way in.
    assert client.get(url("contact_edit", world, pk=contact.pk)).status_code == 302
    with pytest.raises(ValidationError):
        services.contact_update(contact=contact, expected_version=contact.version, name="Jenny")
    # ... nor brought back from the history.
    first = Contact.history.filter(id=contact.pk).last()
    with translation.override("en"):
        plan = restore_preview(
            partnership=world.partnership,
            model_label="partnerships.contact",
            history_id=first.history_id,
        )
    assert not plan.possible and "erased" in plan.refusal
    with pytest.raises(ValidationError):
        history_restore(
            partnership=world.partnership,
            model_label="partnerships.contact",
            history_id=first.history_id,
            user=world.users["owner"],
        )
    # The history page tells the erasure without the old name.
    history = client.get(
        reverse("partnerships:history", kwargs={"key": world.partnership.key})
    ).content.decode()
    assert "Jenny" not in history and "Erased contact" in history


def test_erasing_twice_changes_nothing_more(world: Any) -> None:
    contact = add_contact(world, "Karl Exempel")
    first = services.contact_erase(contact=contact, user=None)
    second = services.contact_erase(contact=contact, user=None)
    assert first.erased_at == second.erased_at and first.version == second.version


def test_an_erased_contact_cannot_be_added_to_the_plan(world: Any) -> None:
    contact = services.contact_erase(contact=add_contact(world), user=None)
    with pytest.raises(ValidationError):
        add_entry(world, contact)
    assert contact not in selectors.plan_contact_choices(world.partnership)


def test_restore_from_history_of_another_partnership_is_not_found(world: Any) -> None:
    contact = add_contact(world)
    record = Contact.history.filter(id=contact.pk).first()
    with pytest.raises(RecordNotFound):
        restore_preview(
            partnership=PartnershipFactory(),
            model_label="partnerships.contact",
            history_id=record.history_id,
        )


# Overdue actions -----------------------------------------------------------------------------


def test_the_plan_lists_overdue_actions_first_and_says_so_in_words(client: Any, world: Any) -> None:
    RelationshipEntry.all_objects.filter(partnership=world.partnership).delete()
    today = date(2026, 3, 10)
    specs = [
        ("Later", "contacted", today + timedelta(days=5)),
        ("Undated", "in_dialogue", None),
        ("Long overdue", "not_contacted", today - timedelta(days=20)),
        ("Paused past", "paused", today - timedelta(days=30)),
        ("Due today", "on_board", today),
        ("Just overdue", "contacted", today - timedelta(days=1)),
    ]
    for name, status, when in specs:
        add_entry(
            world,
            add_contact(world, name),
            status=status,
            next_action="Ring" if when else "",
            next_action_date=when,
        )
    rows = selectors.relationship_plan(world.partnership, today=today)
    assert [(entry.contact.name, overdue) for entry, overdue in rows] == [
        ("Long overdue", True),
        ("Just overdue", True),
        ("Due today", False),
        ("Later", False),
        ("Undated", False),
        ("Paused past", False),
    ]
    overdue = selectors.overdue_relationship_actions(world.partnership, today=today)
    assert [entry.contact.name for entry in overdue] == ["Long overdue", "Just overdue"]
    # The rule of the query and the rule of a loaded entry agree.
    assert all(entry.is_overdue(today) == flag for entry, flag in rows)


def test_overdue_actions_stand_out_on_the_plan_and_the_overview(client: Any, world: Any) -> None:
    add_entry(
        world,
        add_contact(world, "Lena Sen"),
        next_action="Boka möte",
        next_action_date=timezone.localdate() - timedelta(days=2),
    )
    client.force_login(world.users["viewer"])
    plan = client.get(url("relationship_list", world)).content.decode()
    assert "1 action is overdue." in plan  # counted at the top
    assert "Overdue" in plan  # in words beside the date, not colour only
    overview = client.get(
        reverse("partnerships:overview", kwargs={"key": world.partnership.key})
    ).content.decode()
    assert "1 overdue relationship action" in overview and "Boka möte" in overview


def test_no_overdue_notice_on_the_overview_when_nothing_is_late(client: Any, world: Any) -> None:
    add_entry(
        world,
        add_contact(world, "Mats Snart"),
        next_action="Boka möte",
        next_action_date=timezone.localdate(),
    )
    client.force_login(world.users["viewer"])
    overview = client.get(
        reverse("partnerships:overview", kwargs={"key": world.partnership.key})
    ).content.decode()
    assert "overdue relationship action" not in overview


# Step 1 ----------------------------------------------------------------------------------------


def _checks(partnership: Any) -> list[bool]:
    return [check.passed for check in contacts_and_relationships(partnership)]


def test_step_1_checks_from_contacts_and_the_plan(
    world: Any, django_assert_num_queries: Any
) -> None:
    partnership = world.partnership
    # The world: Right By Me (a social entrepreneur) has contacts, no lead municipality yet.
    with django_assert_num_queries(3):
        assert _checks(partnership) == [False, False, True]
    municipality = OrganisationFactory(name="Exempelby kommun")
    PartyFactory(
        partnership=partnership, organisation=municipality, part=Party.Part.LEAD_MUNICIPALITY
    )
    assert _checks(partnership) == [False, False, True]  # the municipality has no contact
    officer = add_contact(world, "Nils Handläggare", organisation=municipality)
    add_entry(world, officer)
    assert _checks(partnership) == [True, False, True]  # no decision mandate
    head = add_contact(world, "Olga Chef", organisation=municipality, has_decision_mandate=True)
    entry = add_entry(
        world, head, next_action="Ring", next_action_date=timezone.localdate() - timedelta(days=1)
    )
    assert _checks(partnership) == [True, True, False]  # but her action is overdue
    services.relationship_entry_update(entry=entry, expected_version=entry.version, status="paused")
    assert _checks(partnership) == [True, True, True]
    services.contact_erase(contact=head, user=None)
    assert _checks(partnership) == [True, False, True]  # an erased person decides nothing


def test_step_1_checks_keep_a_constant_number_of_queries(
    world: Any, django_assert_num_queries: Any
) -> None:
    municipality = OrganisationFactory(name="Exempelby kommun")
    PartyFactory(
        partnership=world.partnership, organisation=municipality, part=Party.Part.LEAD_MUNICIPALITY
    )
    for n in range(10):
        contact = add_contact(
            world, f"Person {n}", organisation=municipality, has_decision_mandate=True
        )
        add_entry(world, contact, next_action="x", next_action_date=timezone.localdate())
    with django_assert_num_queries(3):
        contacts_and_relationships(world.partnership)


# Query counts ------------------------------------------------------------------------------


def _page_queries(client: Any, world: Any, name: str, count: int) -> int:
    organisation = world.party.organisation
    unit = unit_of(organisation, name=f"Enhet {count}")
    for n in range(count):
        contact = add_contact(world, f"Person {count}-{n}", unit=unit if n % 2 else None)
        add_entry(world, contact, next_action="x", next_action_date=date(2020, 1, 1))
    client.force_login(world.users["owner"])
    client.get(url(name, world))
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url(name, world)).status_code == 200
    return len(queries)


@pytest.mark.parametrize("name", ["contact_list", "relationship_list"])
def test_list_query_counts_do_not_grow_with_the_rows(client: Any, world: Any, name: str) -> None:
    small = _page_queries(client, world, name, 1)
    RelationshipEntry.all_objects.all().delete()
    Contact.all_objects.all().delete()
    assert small == _page_queries(client, world, name, 10)


def test_the_pages_speak_swedish(client: Any, world: Any) -> None:
    from django.conf import settings
    from django.utils import translation

    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "sv"
    client.force_login(world.users["owner"])
    with translation.override("sv"):
        page = client.get(url("contact_list", world)).content.decode()
        plan = client.get(url("relationship_list", world)).content.decode()
    assert "Kontakter" in page and "Relationsplan" in plan


# Demo --------------------------------------------------------------------------------------


def test_the_demo_has_contacts_and_one_overdue_action_and_seeds_once(db: Any) -> None:
    from io import StringIO

    from django.core.management import call_command

    from partnerships.demo import BODEN, ESKILSTUNA
    from partnerships.models import Partnership

    call_command("seed_demo", stdout=StringIO())
    eskilstuna = Partnership.objects.get(title=ESKILSTUNA)
    boden = Partnership.objects.get(title=BODEN)
    names = set(Contact.objects.filter(partnership=eskilstuna).values_list("name", flat=True))
    assert {"Anna Exempel", "Birgitta Fiktiv", "Sara Exempelsson", "Jonas Låtsas"} <= names
    assert all(
        email.endswith("@example.se")
        for email in Contact.objects.exclude(email="").values_list("email", flat=True)
    )
    assert len(selectors.overdue_relationship_actions(eskilstuna)) == 1
    assert Contact.objects.filter(partnership=boden).count() >= 2
    # Contacts on both sides and a decision maker in the plan, but one action is overdue.
    assert _checks(eskilstuna) == [True, True, False]
    counts = Contact.all_objects.count(), RelationshipEntry.all_objects.count()
    call_command("seed_demo", stdout=StringIO())
    assert (Contact.all_objects.count(), RelationshipEntry.all_objects.count()) == counts


def test_a_merge_of_one_persons_organisation_and_anothers_unit_is_refused(world: Any) -> None:
    """Each edit alone is valid; merged they would put the contact in another organisation's
    unit, so the second save is refused with the reason and nothing is saved."""
    organisation = world.party.organisation
    unit = unit_of(organisation)
    other = OrganisationFactory(name="Annan organisation")
    contact = add_contact(world, "Petra Exempel")
    services.contact_update(contact=contact, expected_version=1, organisation=other)
    with pytest.raises(ValidationError) as refused:
        services.contact_update(contact=contact, expected_version=1, unit=unit)
    assert "unit" in refused.value.message_dict
    contact.refresh_from_db()
    assert (contact.organisation, contact.unit) == (other, None)


def test_the_plan_form_starts_from_the_contact_chosen_on_the_list(client: Any, world: Any) -> None:
    contact = add_contact(world, "Rut Exempel")
    client.force_login(world.users["editor"])
    page = client.get(url("relationship_create", world) + f"?contact={contact.pk}")
    assert page.context["form"].initial["contact"] == contact
    hostile = client.get(url("relationship_create", world) + "?contact=99999999999999999999")
    assert hostile.status_code == 200
