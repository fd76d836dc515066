"""Steering documents belong to an organisation: entered once, used by many partnerships."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse

from partnerships import services
from partnerships.models import Party, Role, SteeringDocument, SteeringDocumentUse
from partnerships.orgchart import services as orgchart
from tests.factories import MembershipFactory, OrganisationFactory, PartnershipFactory, PartyFactory
from tests.theory_of_change.factories import OutcomeFactory
from theory_of_change.selectors import steering_documents_of

pytestmark = pytest.mark.django_db


def url(name: str, partnership: Any, **kwargs: Any) -> str:
    return reverse(f"partnerships:{name}", kwargs={"key": partnership.key, **kwargs})


@pytest.fixture
def municipality(world: Any) -> Any:
    """A municipality that is a party in the world's partnership and in a second one, where
    the world's editor is an editor too."""
    organisation = OrganisationFactory(name="Eskilstuna kommun", kind="municipality")
    PartyFactory(
        partnership=world.partnership, organisation=organisation, part=Party.Part.LEAD_MUNICIPALITY
    )
    second = PartnershipFactory(title="Andra partnerskapet")
    PartyFactory(partnership=second, organisation=organisation, part=Party.Part.LEAD_MUNICIPALITY)
    MembershipFactory(partnership=second, user=world.users["editor"], role=Role.EDITOR)
    organisation.second = second
    return organisation


def test_a_document_entered_once_is_used_and_anchored_by_two_partnerships(
    client: Any, world: Any, municipality: Any, english: Any
) -> None:
    second = municipality.second
    client.force_login(world.users["editor"])
    response = client.post(
        url("steering_create", world.partnership),
        {"title": "Budget 2026", "kind": "budget", "organisation": str(municipality.pk)},
    )
    assert response.status_code == 302
    document = SteeringDocument.objects.get(title="Budget 2026")
    assert document.organisation == municipality
    # The second partnership finds it among its parties' documents and picks it.
    listing = client.get(url("steering_list", second))
    assert document in list(listing.context["available"])
    assert client.post(url("steering_use", second, pk=document.pk)).status_code == 302
    assert SteeringDocument.objects.filter(title="Budget 2026").count() == 1  # entered once
    # Both partnerships' goals may anchor to it; the municipality's page lists it.
    assert document in steering_documents_of(world.partnership)
    assert document in steering_documents_of(second)
    for partnership in (world.partnership, second):
        goal = OutcomeFactory(partnership=partnership, anchored=False)
        goal.steering_documents.add(document)
    detail = client.get(reverse("partnerships:organisation_detail", kwargs={"pk": municipality.pk}))
    assert "Budget 2026" in detail.content.decode()
    # An edit from one partnership is seen by the other: one record.
    services.steering_document_update(document=document, expected_version=1, year=2026)
    assert steering_documents_of(second).get(pk=document.pk).year == 2026


def test_outsiders_cannot_use_or_edit_another_partnerships_document(
    client: Any, world: Any, municipality: Any
) -> None:
    document = services.steering_document_create(
        partnership=municipality.second,
        title="Handlingsplan",
        kind="action_plan",
        organisation=municipality,
    )
    # A member of a third partnership without the municipality as a party.
    third = PartnershipFactory()
    stranger = MembershipFactory(partnership=third, role=Role.OWNER).user
    client.force_login(stranger)
    assert client.post(url("steering_use", third, pk=document.pk)).status_code == 404
    assert client.get(url("steering_edit", third, pk=document.pk)).status_code == 404
    assert client.get(url("steering_list", municipality.second)).status_code == 404
    # The world's partnership has the municipality as a party but does not use it yet.
    client.force_login(world.users["editor"])
    assert client.get(url("steering_edit", world.partnership, pk=document.pk)).status_code == 404
    client.force_login(world.users["viewer"])
    assert client.post(url("steering_use", world.partnership, pk=document.pk)).status_code == 403


def test_a_document_of_a_non_party_is_not_offered(client: Any, world: Any) -> None:
    foreign = SteeringDocument.objects.create(
        organisation=OrganisationFactory(), title="Annans budget", kind="budget"
    )
    client.force_login(world.users["editor"])
    listing = client.get(url("steering_list", world.partnership))
    assert foreign not in list(listing.context["available"])
    assert client.post(url("steering_use", world.partnership, pk=foreign.pk)).status_code == 404


def test_stopping_to_use_a_document_is_refused_while_goals_are_anchored(
    client: Any, world: Any, municipality: Any, english: Any
) -> None:
    document = services.steering_document_create(
        partnership=world.partnership, title="Policy", kind="policy", organisation=municipality
    )
    goal = OutcomeFactory(partnership=world.partnership, title="Fler i arbete", anchored=False)
    goal.steering_documents.add(document)
    client.force_login(world.users["editor"])
    drop = url("steering_drop", world.partnership, pk=document.pk)
    page = client.get(drop).content.decode()
    assert "Fler i arbete" in page and "Remove the anchoring" in page
    client.post(drop)
    assert SteeringDocumentUse.objects.filter(document=document).exists()
    goal.steering_documents.remove(document)
    assert client.post(drop).status_code == 302
    assert not SteeringDocumentUse.objects.filter(document=document).exists()
    assert SteeringDocument.objects.filter(pk=document.pk).exists()  # still the municipality's
    # And it is offered again.
    listing = client.get(url("steering_list", world.partnership))
    assert document in list(listing.context["available"])


def test_the_new_document_form_offers_the_parties_and_their_units(
    client: Any, world: Any, municipality: Any
) -> None:
    unit = orgchart.unit_create(organisation=municipality, name="AVF", kind="administration")
    elsewhere = orgchart.unit_create(
        organisation=OrganisationFactory(), name="Främmande enhet", kind="unit"
    )
    client.force_login(world.users["editor"])
    create = url("steering_create", world.partnership)
    form = client.get(create).context["form"]
    assert set(form.fields["organisation"].queryset) == {municipality, world.party.organisation}
    assert unit in form.fields["unit"].queryset and elsewhere not in form.fields["unit"].queryset
    data = {
        "title": "Plan",
        "kind": "action_plan",
        "organisation": str(world.party.organisation.pk),
    }
    # A unit of another party's organisation does not fit.
    assert client.post(create, {**data, "unit": unit.pk}).status_code == 400
    assert (
        client.post(
            create, {**data, "organisation": str(municipality.pk), "unit": unit.pk}
        ).status_code
        == 302
    )
    assert SteeringDocument.objects.get(title="Plan").unit == unit


# The data migration ------------------------------------------------------------------------

BEFORE = [("partnerships", "0015_meetings")]
AFTER = [("partnerships", "0016_orgchart_steering_documents")]


def _migrate(targets: list[tuple[str, str]]) -> Any:
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.mark.django_db(transaction=True)
def test_existing_documents_move_to_the_lead_municipality_and_stay_used() -> None:
    old = _migrate(BEFORE)
    try:
        Partnership = old.get_model("partnerships", "Partnership")
        Organisation = old.get_model("partnerships", "Organisation")
        OldParty = old.get_model("partnerships", "Party")
        Document = old.get_model("partnerships", "SteeringDocument")
        with_lead = Partnership.objects.create(key="mig-lead", title="A", challenge="x")
        entrepreneur = Organisation.objects.create(name="Företaget", kind="social_entrepreneur")
        kommun = Organisation.objects.create(name="Kommunen", kind="municipality")
        OldParty.objects.create(
            partnership=with_lead, organisation=entrepreneur, part="social_entrepreneur"
        )
        OldParty.objects.create(
            partnership=with_lead, organisation=kommun, part="lead_municipality"
        )
        only_other = Partnership.objects.create(key="mig-other", title="B", challenge="x")
        OldParty.objects.create(partnership=only_other, organisation=entrepreneur, part="other")
        alone = Partnership.objects.create(key="mig-alone", title="C", challenge="x")
        budget = Document.objects.create(partnership=with_lead, title="Budget", kind="budget")
        policy = Document.objects.create(partnership=only_other, title="Policy", kind="policy")
        lonely = Document.objects.create(partnership=alone, title="Plan", kind="action_plan")

        new = _migrate(AFTER)
        Document = new.get_model("partnerships", "SteeringDocument")
        Use = new.get_model("partnerships", "SteeringDocumentUse")
        assert Document.objects.get(pk=budget.pk).organisation_id == kommun.pk
        assert Document.objects.get(pk=policy.pk).organisation_id == entrepreneur.pk
        kept = Document.objects.get(pk=lonely.pk)
        assert kept.organisation_id is None and kept.partnership_id == alone.pk
        uses = set(Use.objects.values_list("partnership_id", "document_id"))
        assert uses == {
            (with_lead.pk, budget.pk),
            (only_other.pk, policy.pk),
            (alone.pk, lonely.pk),
        }
    finally:
        _migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())


def test_the_steering_page_queries_do_not_grow_with_the_documents(
    client: Any, world: Any, municipality: Any
) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    unit = orgchart.unit_create(organisation=municipality, name="AVF", kind="administration")
    client.force_login(world.users["editor"])
    counts = []
    for size in (1, 10):
        for n in range(size):
            services.steering_document_create(
                partnership=world.partnership,
                title=f"Plan {size}-{n}",
                kind="action_plan",
                organisation=municipality,
                unit=unit,
            )
            SteeringDocument.objects.create(
                organisation=municipality, unit=unit, title=f"Ledig {size}-{n}", kind="policy"
            )
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url("steering_list", world.partnership)).status_code == 200
        counts.append(len(captured.captured_queries))
    assert counts[0] == counts[1], counts
