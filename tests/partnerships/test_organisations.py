"""The shared organisation registry: who may edit it, and that it does not tell a member of one
partnership who works in another."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from partnerships import services
from partnerships.models import Role
from tests.factories import MembershipFactory, PartnershipFactory, PartyFactory, UserFactory

OUTSIDE = "someone outside your partnerships"


pytestmark = pytest.mark.usefixtures("english")


def form_data(organisation: Any, **changes: Any) -> dict[str, Any]:
    data = {
        "name": organisation.name,
        "kind": organisation.kind,
        "org_number": "",
        "foreign_registration": "",
        "legal_form": "",
        "home_municipality": "",
        "website": "",
        "description": organisation.description,
        "version_seen": organisation.version,
    }
    data.update(changes)
    return data


@pytest.fixture
def other_partnership(world: Any) -> Any:
    """Partnership B, where Bertil edits, with the same organisation as a party."""
    partnership = PartnershipFactory(title="Samlad kraft för framtidens Boden")
    bertil = UserFactory(email="bertil.bodén@example.org", name="Bertil Bodén")
    MembershipFactory(partnership=partnership, user=bertil, role=Role.EDITOR)
    PartyFactory(partnership=partnership, organisation=world.party.organisation)
    return bertil


def test_a_change_from_another_partnership_is_shown_without_its_author(
    client: Any, world: Any, other_partnership: Any
) -> None:
    organisation = world.party.organisation
    bertil = other_partnership
    edit = reverse("partnerships:organisation_edit", kwargs={"pk": organisation.pk})
    client.force_login(bertil)
    assert (
        client.post(edit, form_data(organisation, description="Ny beskrivning")).status_code == 302
    )
    organisation.refresh_from_db()
    client.force_login(world.users["editor"])  # a colleague in partnership A changes it too
    client.post(edit, form_data(organisation, website="https://rightbyme.se"))

    client.force_login(world.users["viewer"])
    page = client.get(organisation.get_absolute_url()).content.decode()
    assert "Bertil" not in page and "bertil" not in page  # neither name nor address
    assert "Samlad kraft" not in page  # nor the other partnership
    assert OUTSIDE in page  # the change itself is shown
    assert str(world.users["editor"]) in page  # a fellow member is named


def test_an_edit_conflict_does_not_name_someone_from_another_partnership(
    client: Any, world: Any, other_partnership: Any
) -> None:
    organisation = world.party.organisation
    opened = form_data(organisation)
    edit = reverse("partnerships:organisation_edit", kwargs={"pk": organisation.pk})
    client.force_login(other_partnership)
    client.post(edit, {**opened, "name": "Right By Me AB"})

    client.force_login(world.users["editor"])
    response = client.post(edit, {**opened, "name": "Right By Me ideell förening"})
    page = response.content.decode()
    assert response.status_code == 200 and "Right By Me AB" in page  # the conflict is shown
    assert "Bertil" not in page
    assert OUTSIDE in page


def test_edit_rights_follow_the_active_parties_and_a_removed_one_stays_visible(
    client: Any, world: Any
) -> None:
    organisation = world.party.organisation
    edit = reverse("partnerships:organisation_edit", kwargs={"pk": organisation.pk})
    client.force_login(world.users["editor"])
    assert client.get(edit).status_code == 200
    services.party_remove(party=world.party)
    assert client.get(edit).status_code == 403
    page = client.get(organisation.get_absolute_url())
    assert page.status_code == 200
    assert "removed as a party" in page.content.decode()
    services.party_restore(party=world.party)
    assert client.get(edit).status_code == 200


def test_organisation_pages_are_not_found_for_outsiders(client: Any, world: Any) -> None:
    client.force_login(world.users["outsider"])
    assert client.get(world.party.organisation.get_absolute_url()).status_code == 404


def test_update_services_refuse_fields_a_user_may_not_edit(world: Any) -> None:
    with pytest.raises(TypeError):
        services.organisation_update(
            organisation=world.party.organisation,
            expected_version=world.party.organisation.version,
            created_by=world.users["outsider"],
        )
    with pytest.raises(TypeError):
        services.partnership_update(
            partnership=world.partnership, expected_version=world.partnership.version, key="x"
        )


def test_one_organisation_per_number_and_the_refusal_says_how_to_use_it(
    client: Any, world: Any
) -> None:
    world.party.organisation.org_number = "212000-0340"
    world.party.organisation.save()
    client.force_login(world.users["outsider"])  # cannot see that organisation in a list
    response = client.post(
        reverse("partnerships:organisation_create"),
        {"name": "Eskilstuna kommun (kopia)", "kind": "municipality", "org_number": "2120000340"},
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "Right By Me is already in the register" in page and "Parties page" in page
    assert not type(world.party.organisation).objects.filter(name__contains="kopia").exists()


def test_a_party_is_added_from_the_whole_register_by_its_number(client: Any, world: Any) -> None:
    organisation = world.party.organisation
    organisation.org_number = "212000-0340"
    organisation.save()
    mine = PartnershipFactory(title="En annan samverkan")
    outsider = world.users["outsider"]
    MembershipFactory(partnership=mine, user=outsider, role=Role.OWNER)
    client.force_login(outsider)
    add = reverse("partnerships:party_add", kwargs={"key": mine.key})
    unknown = client.post(add, {"org_number": "556036-0793", "part": "other"})
    assert unknown.status_code == 400 and "register it first" in unknown.content.decode()
    assert client.post(add, {"org_number": "212000-0340", "part": "other"}).status_code == 302
    assert mine.parties.get().organisation == organisation
    detail = reverse("partnerships:organisation_detail", kwargs={"pk": organisation.pk})
    assert client.get(detail).status_code == 200  # now one of the outsider's organisations
    neither = client.post(add, {"part": "other"})
    assert neither.status_code == 400 and "Choose an organisation or give its number" in (
        neither.content.decode()
    )
