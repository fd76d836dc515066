"""The organisation chart: tree rules, subtree removal and restore, the chart page and its
search, a party's responsible unit, and step 1's check."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from partnerships.concurrency import EditConflict
from partnerships.models import OrgUnit, Party
from partnerships.orgchart import services
from partnerships.orgchart.steps import responsible_unit
from tests.factories import MembershipFactory, OrganisationFactory, PartnershipFactory, PartyFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english_messages() -> Any:
    """The services' messages read in English, as the code writes them."""
    with translation.override("en"):
        yield


def chart_url(organisation: Any, name: str = "organisation_chart", **kwargs: Any) -> str:
    return reverse(f"partnerships:{name}", kwargs={"pk": organisation.pk, **kwargs})


def tree(organisation: Any) -> dict[str, OrgUnit]:
    """Nämnd → förvaltning → enhet, and a second committee."""
    committee = services.unit_create(organisation=organisation, name="Nämnden", kind="committee")
    administration = services.unit_create(
        organisation=organisation, name="Förvaltningen", kind="administration", parent=committee
    )
    unit = services.unit_create(
        organisation=organisation,
        name="Enheten",
        kind="unit",
        parent=administration,
        responsibility_areas="Kommunala aktivitetsansvaret (skollagen 29 kap. 9 §)\n\nVuxenutbildning",
    )
    other = services.unit_create(organisation=organisation, name="Socialnämnden", kind="committee")
    return {"committee": committee, "administration": administration, "unit": unit, "other": other}


# The tree's rules -------------------------------------------------------------------------


def test_responsibility_areas_are_one_per_line(world: Any) -> None:
    units = tree(world.party.organisation)
    assert units["unit"].responsibility_list == [
        "Kommunala aktivitetsansvaret (skollagen 29 kap. 9 §)",
        "Vuxenutbildning",
    ]


def test_a_unit_cannot_be_placed_under_itself_or_its_own_units(world: Any) -> None:
    units = tree(world.party.organisation)
    committee = units["committee"]
    with pytest.raises(ValidationError, match="part of itself"):
        services.unit_update(unit=committee, expected_version=committee.version, parent=committee)
    with pytest.raises(ValidationError, match="its own units"):
        services.unit_update(
            unit=committee, expected_version=committee.version, parent=units["unit"]
        )
    committee.refresh_from_db()
    assert committee.parent is None
    # Moving a unit elsewhere in the tree is fine.
    moved = services.unit_update(
        unit=units["unit"], expected_version=units["unit"].version, parent=units["other"]
    )
    assert moved.parent == units["other"]


def test_the_unit_above_must_be_in_the_same_organisation(world: Any) -> None:
    units = tree(world.party.organisation)
    elsewhere = services.unit_create(
        organisation=OrganisationFactory(), name="Annan kommuns nämnd", kind="committee"
    )
    with pytest.raises(ValidationError, match="same organisation"):
        services.unit_create(
            organisation=world.party.organisation, name="X", kind="unit", parent=elsewhere
        )
    with pytest.raises(ValidationError, match="same organisation"):
        services.unit_update(
            unit=units["unit"], expected_version=units["unit"].version, parent=elsewhere
        )


def test_the_edit_page_refuses_a_loop_with_the_reason(
    client: Any, world: Any, english: Any
) -> None:
    units = tree(world.party.organisation)
    client.force_login(world.users["editor"])
    committee = units["committee"]
    url = chart_url(world.party.organisation, "org_unit_edit", unit_pk=committee.pk)
    # The form does not even offer the units under it as the unit above.
    form = client.get(url).content.decode()
    assert "Enheten" not in form and "Socialnämnden" in form
    response = client.post(
        url,
        {"name": "Nämnden", "kind": "committee", "parent": units["unit"].pk, "version_seen": 1},
    )
    assert response.status_code == 400
    committee.refresh_from_db()
    assert committee.parent is None


def test_two_people_editing_a_unit_are_merged_field_by_field(world: Any) -> None:
    unit = tree(world.party.organisation)["unit"]
    services.unit_update(unit=unit, expected_version=1, name="Arbetsmarknadsenheten")
    merged = services.unit_update(unit=unit, expected_version=1, responsibility_areas="Ny text")
    assert (merged.name, merged.responsibility_areas) == ("Arbetsmarknadsenheten", "Ny text")
    with pytest.raises(EditConflict):
        services.unit_update(unit=unit, expected_version=1, name="Tredje namnet")


# Removal and restore ----------------------------------------------------------------------


def test_removing_a_unit_removes_its_subtree_and_restore_brings_it_back(
    client: Any, world: Any, english: Any
) -> None:
    organisation = world.party.organisation
    units = tree(organisation)
    client.force_login(world.users["editor"])
    url = chart_url(organisation, "org_unit_remove", unit_pk=units["administration"].pk)
    confirm = client.get(url).content.decode()
    assert "Enheten" in confirm  # the unit under it is named on the confirmation page
    assert "At least one party names it" not in confirm
    assert OrgUnit.objects.filter(pk=units["unit"].pk).exists()  # GET changes nothing
    # A party that names the unit as responsible is said (without naming its partnership).
    services.party_unit_update(
        party=world.party, expected_version=world.party.version, unit=units["administration"]
    )
    confirm = client.get(url).content.decode()
    assert "At least one party names it as its responsible unit." in confirm

    assert client.post(url).status_code == 302
    active = set(OrgUnit.objects.filter(organisation=organisation).values_list("name", flat=True))
    assert active == {"Nämnden", "Socialnämnden", "Styrelsen"}  # Styrelsen: the world's
    page = client.get(chart_url(organisation)).content.decode()
    assert "Removed units" in page and "Förvaltningen" in page.split("Removed units")[1]

    # The unit under it cannot come back alone while the unit above is removed.
    with translation.override("en"), pytest.raises(ValidationError, match="restore it first"):
        services.unit_restore(unit=OrgUnit.all_objects.get(pk=units["unit"].pk))
    restore = chart_url(organisation, "org_unit_restore", unit_pk=units["administration"].pk)
    assert client.post(restore).status_code == 302
    assert OrgUnit.objects.filter(organisation=organisation).count() == 5


def test_restore_brings_back_only_what_was_removed_with_it(world: Any) -> None:
    units = tree(world.party.organisation)
    services.unit_remove(unit=units["unit"])  # removed first, on its own
    services.unit_remove(unit=units["administration"])
    services.unit_restore(unit=OrgUnit.all_objects.get(pk=units["administration"].pk))
    assert OrgUnit.objects.filter(pk=units["administration"].pk).exists()
    assert not OrgUnit.objects.filter(pk=units["unit"].pk).exists()


# The chart page ---------------------------------------------------------------------------


def test_outsiders_do_not_find_the_chart(client: Any, world: Any) -> None:
    units = tree(world.party.organisation)
    client.force_login(world.users["outsider"])
    organisation = world.party.organisation
    assert client.get(chart_url(organisation)).status_code == 404
    edit = chart_url(organisation, "org_unit_edit", unit_pk=units["unit"].pk)
    assert client.post(edit, {"name": "x", "kind": "unit"}).status_code == 404


def test_a_unit_of_another_organisation_is_not_found_through_this_one(
    client: Any, world: Any
) -> None:
    other = OrganisationFactory(created_by=world.users["editor"])
    foreign = services.unit_create(organisation=other, name="Främmande", kind="unit")
    client.force_login(world.users["editor"])
    url = chart_url(world.party.organisation, "org_unit_edit", unit_pk=foreign.pk)
    assert client.get(url).status_code == 404


def test_viewers_read_the_tree_editors_get_the_actions(
    client: Any, world: Any, english: Any
) -> None:
    units = tree(world.party.organisation)
    client.force_login(world.users["viewer"])
    page = client.get(chart_url(world.party.organisation)).content.decode()
    assert "Enheten" in page and "Vuxenutbildning" in page
    assert "Add a unit under it" not in page
    client.force_login(world.users["editor"])
    page = client.get(chart_url(world.party.organisation)).content.decode()
    add_under = chart_url(world.party.organisation, "org_unit_create")
    assert f"{add_under}?parent={units['unit'].pk}" in page


def test_search_highlights_the_units_responsible(client: Any, world: Any, english: Any) -> None:
    units = tree(world.party.organisation)
    client.force_login(world.users["viewer"])
    response = client.get(
        chart_url(world.party.organisation), {"q": "AKTIVITETSANSVARET skollagen"}
    )
    assert [node.unit for node in response.context["matches"]] == [units["unit"]]
    page = response.content.decode()
    assert "Matches your search" in page  # words, not colour alone
    assert f'href="#unit-{units["unit"].pk}"' in page
    nothing = client.get(chart_url(world.party.organisation), {"q": "bostadsförsörjning"})
    assert nothing.context["matches"] == []
    assert "No unit" in nothing.content.decode()


def test_adding_under_a_unit_starts_from_it(client: Any, world: Any) -> None:
    units = tree(world.party.organisation)
    client.force_login(world.users["editor"])
    url = chart_url(world.party.organisation, "org_unit_create")
    form = client.get(url, {"parent": units["other"].pk}).context["form"]
    assert form.initial["parent"] == units["other"]
    assert client.get(url, {"parent": "99999999999999999999999"}).status_code == 200
    response = client.post(
        url, {"name": "Socialförvaltningen", "kind": "administration", "parent": units["other"].pk}
    )
    assert response.status_code == 302
    assert OrgUnit.objects.get(name="Socialförvaltningen").parent == units["other"]


def test_chart_queries_do_not_grow_with_the_units(client: Any, world: Any) -> None:
    organisation = world.party.organisation
    client.force_login(world.users["editor"])
    counts = []
    for size in (1, 10):
        parent = None
        for n in range(size):
            parent = services.unit_create(
                organisation=organisation,
                name=f"Enhet {size}-{n}",
                kind="unit",
                parent=parent if n % 2 else None,
                responsibility_areas="a\nb",
            )
        with CaptureQueriesContext(connection) as captured:
            assert client.get(chart_url(organisation), {"q": "a"}).status_code == 200
        counts.append(len(captured.captured_queries))
    assert counts[0] == counts[1], counts


# A party's responsible unit and step 1 ----------------------------------------------------


def test_a_party_names_a_unit_of_its_own_organisation(client: Any, world: Any) -> None:
    units = tree(world.party.organisation)
    foreign = services.unit_create(organisation=OrganisationFactory(), name="Fel", kind="unit")
    client.force_login(world.users["editor"])
    url = reverse(
        "partnerships:party_unit", kwargs={"key": world.partnership.key, "pk": world.party.pk}
    )
    assert client.post(url, {"unit": foreign.pk, "version_seen": 1}).status_code == 400
    assert client.post(url, {"unit": units["unit"].pk, "version_seen": 1}).status_code == 302
    world.party.refresh_from_db()
    assert world.party.unit == units["unit"]
    parties = client.get(reverse("partnerships:parties", kwargs={"key": world.partnership.key}))
    assert "Enheten" in parties.content.decode()
    # The service holds the rule too, whatever the form offered.
    with pytest.raises(ValidationError):
        services.party_unit_update(
            party=world.party, expected_version=world.party.version, unit=foreign
        )
    client.force_login(world.users["viewer"])
    assert client.post(url, {"unit": ""}).status_code == 403


def test_step_one_asks_for_the_responsible_unit_and_its_areas(db: Any) -> None:
    partnership = PartnershipFactory()
    with translation.override("en"):
        [check] = responsible_unit(partnership)
        assert not check.passed and "lead municipality" in str(check.action)
    lead = PartyFactory(partnership=partnership, part=Party.Part.LEAD_MUNICIPALITY)
    [check] = responsible_unit(partnership)
    assert not check.passed
    assert check.action_url.endswith(f"/parties/{lead.pk}/unit/")
    unit = services.unit_create(organisation=lead.organisation, name="AVF", kind="administration")
    services.party_unit_update(party=lead, expected_version=lead.version, unit=unit)
    [check] = responsible_unit(partnership)
    assert not check.passed
    assert check.action_url == chart_url(lead.organisation, "org_unit_edit", unit_pk=unit.pk)
    services.unit_update(
        unit=unit, expected_version=unit.version, responsibility_areas="Arbetsmarknadsinsatser"
    )
    [check] = responsible_unit(partnership)
    assert check.passed
    # A removed unit no longer counts.
    services.unit_remove(unit=unit)
    [check] = responsible_unit(partnership)
    assert not check.passed


def test_the_step_check_is_one_query(db: Any, django_assert_num_queries: Any) -> None:
    partnership = PartnershipFactory()
    for _n in range(3):
        PartyFactory(partnership=partnership, part=Party.Part.LEAD_MUNICIPALITY)
    with django_assert_num_queries(1):
        responsible_unit(partnership)


def test_chart_changes_hide_authors_from_other_partnerships(
    client: Any, world: Any, english: Any
) -> None:
    from partnerships.orgchart.selectors import unit_changes

    stranger = MembershipFactory(partnership=PartnershipFactory()).user
    unit = tree(world.party.organisation)["unit"]
    unit.history.update(history_user=stranger)
    changes = unit_changes(world.party.organisation, world.users["viewer"])
    assert "someone outside your partnerships" in [change.who for change in changes]
    assert str(stranger) not in [change.who for change in changes]


# The demo ---------------------------------------------------------------------------------


def test_the_demo_charts_eskilstuna_and_boden_once(db: Any) -> None:
    from io import StringIO

    from django.core.management import call_command

    from partnerships.demo import BODEN, ESKILSTUNA
    from partnerships.models import Organisation, Partnership, SteeringDocument

    for _time in range(2):  # seeding again creates nothing new
        call_command("seed_demo", stdout=StringIO())
    eskilstuna = Organisation.objects.get(org_number="212000-0340")
    assert eskilstuna.name == "Eskilstuna kommun"
    units = {unit.name: unit for unit in OrgUnit.objects.filter(organisation=eskilstuna)}
    assert len(units) == OrgUnit.all_objects.filter(organisation=eskilstuna).count() >= 8
    avf = units["Arbetsmarknads- och vuxenutbildningsförvaltningen (AVF)"]
    assert avf.parent == units["Arbetsmarknads- och vuxenutbildningsnämnden"]
    assert units["Vuxenutbildningen"].parent == avf
    assert any(
        "aktivitetsansvaret" in area
        for area in units["Barn- och utbildningsförvaltningen"].responsibility_list
    )
    case = Partnership.objects.get(title=ESKILSTUNA)
    assert Party.objects.get(partnership=case, organisation=eskilstuna).unit == avf
    [check] = responsible_unit(case)
    assert check.passed
    # Eskilstuna's steering documents are the municipality's, used by the case.
    documents = SteeringDocument.objects.filter(uses__partnership=case)
    assert documents.count() == 4  # the chain's three and the budget step 5's lines are in
    assert set(documents.values_list("organisation", flat=True)) == {eskilstuna.pk}
    # Boden has a smaller chart; its responsible unit is left to name.
    boden = Partnership.objects.get(title=BODEN)
    assert OrgUnit.objects.filter(organisation__org_number="212000-2643").count() >= 3
    assert not responsible_unit(boden)[0].passed
