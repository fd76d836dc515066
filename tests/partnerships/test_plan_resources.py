"""What the parties bring and lack (step 4): matching needs with offers by hand-made cases, the
fair-share numbers and the uneven-split flags, the page (access, read-only viewer, query
count), edits merged, removal and restore, step 4's check and the demo."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from costing import services as costing_services
from partnerships.models import Party, Role
from partnerships.plan import resources_rules as rules
from partnerships.plan import resources_selectors as selectors
from partnerships.plan import resources_services as services
from partnerships.plan import services as plan_services
from partnerships.plan.resources import ResourceItem
from partnerships.plan.resources_steps import resources_said
from tests.factories import (
    MembershipFactory,
    OrganisationFactory,
    PartnershipFactory,
    PartyFactory,
    UserFactory,
)

D = Decimal

# Matching, by hand ----------------------------------------------------------------------------


@dataclass
class Item:
    party_id: str
    kind: str
    direction: str
    description: str


def _offers(need: rules.Need) -> list[tuple[str, bool, list[str]]]:
    return [(o.item.party_id, o.same_kind, o.words) for o in need.offers]


def test_a_need_meets_offers_of_other_parties_of_the_same_kind_first() -> None:
    needs = rules.match_needs(
        [
            Item("rbm", "premises", "lacks", "Lokaler för gruppträffar i Årby"),
            Item("rbm", "premises", "brings", "Eget kontor"),  # its own: never an offer
            Item("avf", "premises", "brings", "Lokal i Årby för träffar"),
            Item("avf", "staff", "brings", "Handläggare"),  # another kind, no shared word
            Item("fac", "premises", "brings", "Konferensrum i stan"),  # same kind, no words
            Item("kfu", "other", "brings", "Hyr ut lokaler på kvällar"),  # words only
        ]
    )
    assert len(needs) == 1
    assert _offers(needs[0]) == [
        ("avf", True, ["lokaler", "årby"]),  # same kind and shared words: the closest
        ("fac", True, []),
        ("kfu", False, ["lokaler"]),
    ]
    assert needs[0].met and rules.unmet(needs) == []


def test_other_kind_meets_only_by_words_and_commitments_are_not_matched() -> None:
    needs = rules.match_needs(
        [
            Item("rbm", "other", "lacks", "Långsiktig finansiering"),
            Item("esf", "other", "brings", "Projektfinansiering"),  # same kind, no word
            Item("inv", "other", "brings", "Finansiering för tre år"),
            Item("avf", "commitments", "lacks", "Ordinarie ärenden tar tiden"),
            Item("rbm", "commitments", "brings", "Ordinarie ärenden"),
            Item("avf", "data", "lacks", "Statistik om målgruppen"),
        ]
    )
    assert [need.item.description for need in needs] == [
        "Långsiktig finansiering",
        "Statistik om målgruppen",
    ]
    assert _offers(needs[0]) == [("inv", False, ["finansiering"])]
    assert [need.item.description for need in rules.unmet(needs)] == ["Statistik om målgruppen"]


def test_words_nearly_every_item_mentions_do_not_make_a_match() -> None:
    needs = rules.match_needs(
        [
            Item("inkl", "data", "lacks", "Uppgifter om vad insatsen ger deltagarna"),
            Item("avf", "staff", "brings", "Handläggare som matchar deltagare mot insatser"),
            Item("rbm", "expertise", "brings", "Uppgifter om deltagarnas resultat"),
        ]
    )
    assert _offers(needs[0]) == [("rbm", False, ["uppgifter"])]


def test_parties_that_have_not_said_both() -> None:
    said = [("a", "brings"), ("a", "lacks"), ("b", "brings"), ("b", "brings"), ("c", "lacks")]
    assert rules.incomplete_parties(["a", "b", "c", "d"], said) == ["b", "c", "d"]


# Fair share, by hand -------------------------------------------------------------------------


@dataclass
class Org:
    name: str


@dataclass
class P:
    pk: int
    organisation: Org


AVF, RBM, REACH = P(1, Org("AVF")), P(2, Org("Right By Me")), P(3, Org("Reach"))


def test_fair_share_numbers_and_an_uneven_split(english: None) -> None:
    roles = {(10, 2): "R", (10, 1): "A", (11, 2): "R", (11, 1): "A", (12, 1): "R", (12, 3): "C"}
    share = rules.fair_share(
        [AVF, RBM, REACH],
        hours={1: D(850), 2: D(150)},
        costs={1: D("60000"), 2: D("30000"), None: D("10000")},
        roles=roles,
    )
    avf, rbm, reach = share.rows
    assert (avf.hours, avf.hours_share, avf.cost_share) == (D(850), D("85.0"), D("60.0"))
    assert (rbm.hours_share, rbm.cost_share, rbm.responsible, rbm.accountable) == (
        D("15.0"),
        D("30.0"),
        2,
        0,
    )
    assert (avf.responsible, avf.accountable, avf.responsible_share) == (1, 2, D("33.3"))
    assert rbm.responsible_share == D("66.7")
    assert reach.hours_share == D("0.0") and reach.responsible == 0
    assert share.unassigned is not None and share.unassigned.cost_share == D("10.0")
    assert (share.total_hours, share.total_cost, share.total_responsible) == (
        D(1000),
        D(100000),
        3,
    )
    assert share.has_costs and not share.fair
    assert [str(flag) for flag in share.flags] == [
        "AVF carries 85\u00a0% of the staff hours, while other parties are also responsible "
        "for work: Right By Me (R in 2 activities)."
    ]


def test_a_responsible_party_without_hours_is_flagged(english: None) -> None:
    share = rules.fair_share(
        [AVF, RBM],
        hours={1: D(60)},
        costs={1: D(600), 2: D(400)},
        roles={(1, 1): "A", (1, 2): "R"},
    )
    flags = [str(flag) for flag in share.flags]
    # 100 % of the hours while Right By Me does work, and Right By Me has no hours at all.
    assert len(flags) == 2
    assert flags[0].startswith("AVF carries 100\u00a0% of the staff hours")
    assert flags[1] == (
        "Right By Me is responsible (R) for 1 activity but has no staff hours in the "
        "calculation: is its work unpaid?"
    )


@pytest.mark.parametrize(("hours", "flagged"), [(D(70), False), (D("70.1"), True)])
def test_the_limit_is_more_than_seventy_percent(hours: Decimal, flagged: bool) -> None:
    share = rules.fair_share(
        [AVF, RBM],
        hours={1: hours, 2: D(100) - hours},
        costs={1: D(50), 2: D(50)},
        roles={(1, 2): "R", (1, 1): "A"},
    )
    assert bool(share.flags) is flagged


def test_one_party_doing_everything_alone_is_not_compared_with_anyone() -> None:
    share = rules.fair_share(
        [AVF, RBM], hours={1: D(100)}, costs={1: D(100)}, roles={(1, 1): "R", (1, 2): "A"}
    )
    assert share.fair  # no other party is responsible for work


def test_no_cost_calculation_yet_means_no_flags() -> None:
    share = rules.fair_share([AVF, RBM], hours={}, costs={}, roles={(1, 2): "R"})
    assert not share.has_costs and share.fair and share.unassigned is None
    assert share.rows[0].hours_share is None and share.rows[1].responsible_share == D("100.0")


def test_fair_share_from_real_cost_lines_and_raci(db: Any) -> None:
    partnership = PartnershipFactory()
    avf = PartyFactory(partnership=partnership, part=Party.Part.LEAD_MUNICIPALITY)
    rbm = PartyFactory(partnership=partnership, part=Party.Part.SOCIAL_ENTREPRENEUR)
    coach = costing_services.staff_category_create(
        partnership=partnership, name="Coach", hourly_rate=D("500"), party=rbm
    )
    common = {"activity": "Träffar", "year": 2025}
    costing_services.cost_line_create(
        partnership=partnership,
        party=rbm,
        kind="staff",
        staff_category=coach,
        quantity=D(90),
        **common,
    )
    costing_services.cost_line_create(
        partnership=partnership,
        party=avf,
        kind="staff",
        staff_category=coach,
        quantity=D(10),
        **common,
    )
    costing_services.cost_line_create(
        partnership=partnership,
        party=avf,
        kind="premises",
        quantity=D(1),
        unit_price=D("10000"),
        vat_applies=True,
        **common,
    )
    # An actual cost is not part of the estimate.
    costing_services.cost_line_create(
        partnership=partnership,
        party=rbm,
        scenario="actual",
        kind="staff",
        staff_category=coach,
        quantity=D(500),
        **common,
    )
    activity = plan_services.plan_activity_create(partnership=partnership, title="Träffar")
    plan_services.raci_set(activity=activity, party=rbm, role="R")
    plan_services.raci_set(activity=activity, party=avf, role="A")
    share = selectors.fair_share(partnership)
    by_party = {row.party.pk: row for row in share.rows}
    assert by_party[rbm.pk].hours == D(90) and by_party[rbm.pk].cost == D("45000.00")
    # 10 h × 500 kr + 10 000 kr with 25 % VAT
    assert by_party[avf.pk].hours == D(10) and by_party[avf.pk].cost == D("17500.00")
    assert by_party[rbm.pk].hours_share == D("90.0")
    assert by_party[rbm.pk].responsible == 1 and by_party[avf.pk].accountable == 1
    assert share.fair  # Right By Me carries the hours and is the only one responsible


def test_the_page_shows_an_uneven_split_in_words(client: Any, world: Any, english: None) -> None:
    partnership = world.partnership
    avf = PartyFactory(partnership=partnership, organisation=OrganisationFactory(name="AVF"))
    category = costing_services.staff_category_create(
        partnership=partnership, name="Handläggare", hourly_rate=D("400"), party=avf
    )
    costing_services.cost_line_create(
        partnership=partnership,
        party=avf,
        activity="Träffar",
        year=2025,
        kind="staff",
        staff_category=category,
        quantity=D(1000),
    )
    activity = plan_services.plan_activity_create(partnership=partnership, title="Uppsökande")
    plan_services.raci_set(activity=activity, party=avf, role="A")
    plan_services.raci_set(activity=activity, party=world.party, role="R")
    client.force_login(world.users["viewer"])
    page = client.get(_url(world)).content.decode()
    assert "Worth talking about: the split may be uneven" in page
    # The world's own plan has Right By Me responsible for one more activity, and its
    # calculation 10 staff hours that no party carries.
    assert (
        "AVF carries 99\xa0% of the staff hours, while other parties are also responsible for "
        "work: Right By Me (R in 2 activities)." in page
    )
    assert "AVF carries 98.9\xa0% of the costs" in page
    assert "Right By Me is responsible (R) for 2 activities but has no staff hours" in page


# The page ------------------------------------------------------------------------------------


def _url(world: Any, name: str = "plan_resources", **kwargs: Any) -> str:
    return reverse(f"partnerships:{name}", kwargs={"key": world.partnership.key, **kwargs})


def _item(world: Any, party: Any = None, **fields: Any) -> ResourceItem:
    values: dict[str, Any] = {"kind": "premises", "direction": "brings", "description": "Lokal"}
    values.update(fields)
    return services.resource_item_create(
        partnership=world.partnership, party=party or world.party, **values
    )


def test_outsider_404_and_viewer_reads_without_controls(
    client: Any, world: Any, english: None
) -> None:
    item = _item(world, description="Lokal i Årby", amount=D("2"), unit="rum")
    client.force_login(world.users["outsider"])
    assert client.get(_url(world)).status_code == 404
    assert client.get(_url(world, "plan_resource_edit", pk=item.pk)).status_code == 404
    client.force_login(world.users["viewer"])
    page = client.get(_url(world)).content.decode()
    assert "Lokal i Årby" in page and "(2 rum)" in page
    assert "Nothing written yet of these kinds: Staff, Network, Data, Expertise" in page
    assert _url(world, "plan_resource_edit", pk=item.pk) not in page
    assert _url(world, "plan_resource_create") not in page
    response = client.post(
        _url(world, "plan_resource_edit", pk=item.pk),
        {"party": world.party.pk, "kind": "staff", "direction": "brings", "description": "X"},
    )
    assert response.status_code == 403
    item.refresh_from_db()
    assert item.kind == "premises"


def test_editor_adds_from_the_party_link_and_the_page_matches(
    client: Any, world: Any, english: None
) -> None:
    other = PartyFactory(
        partnership=world.partnership, organisation=OrganisationFactory(name="AVF")
    )
    _item(world, party=other, description="Lokaler för gruppträffar i Årby")
    client.force_login(world.users["editor"])
    page = client.get(_url(world)).content.decode()
    link = f"{_url(world, 'plan_resource_create')}?party={world.party.pk}&amp;direction=lacks"
    assert link in page
    form = client.get(link.replace("&amp;", "&")).content.decode()
    assert f'value="{world.party.pk}" selected' in form
    response = client.post(
        _url(world, "plan_resource_create"),
        {
            "party": world.party.pk,
            "kind": "premises",
            "direction": "lacks",
            "description": "Lokal nära deltagarna",
            "amount": "1 500,5",
            "unit": "kvadratmeter",
        },
    )
    assert response.status_code == 302
    created = ResourceItem.objects.get(direction="lacks")
    assert created.amount == D("1500.5")
    page = client.get(_url(world)).content.decode()
    assert "Where a need meets an offer" in page
    assert "same kind; shared words: lokal)" in page
    assert "Every need written down meets an offer of another party." in page


@pytest.mark.parametrize("party", ["other-partnership", "garbage", "99999999999999999999"])
def test_a_party_not_of_this_partnership_is_refused(client: Any, world: Any, party: str) -> None:
    stranger = PartyFactory()
    value = str(stranger.pk) if party == "other-partnership" else party
    client.force_login(world.users["editor"])
    response = client.post(
        _url(world, "plan_resource_create"),
        {"party": value, "kind": "staff", "direction": "brings", "description": "Coach"},
    )
    assert response.status_code == 400
    assert not ResourceItem.objects.filter(description="Coach").exists()
    # Hostile query parameters only leave the form empty.
    get = client.get(_url(world, "plan_resource_create") + f"?party={value}&kind=x&direction=y")
    assert get.status_code == 200


def test_no_cost_calculation_yet_is_said_plainly(client: Any, db: Any, english: None) -> None:
    owner = UserFactory()
    partnership = PartnershipFactory()
    MembershipFactory(partnership=partnership, user=owner, role=Role.VIEWER)
    PartyFactory(partnership=partnership)
    client.force_login(owner)
    page = client.get(
        reverse("partnerships:plan_resources", kwargs={"key": partnership.key})
    ).content.decode()
    assert "No cost calculation yet" in page
    assert reverse("costing:costs", kwargs={"key": partnership.key}) in page
    assert "Nothing written down yet." in page and "No needs written down yet." in page


def test_an_item_of_another_partnership_is_a_404(client: Any, world: Any) -> None:
    partnership = PartnershipFactory()
    stranger = services.resource_item_create(
        partnership=partnership,
        party=PartyFactory(partnership=partnership),
        kind="data",
        description="Statistik",
    )
    client.force_login(world.users["owner"])
    for name in ("plan_resource_edit", "plan_resource_delete"):
        assert client.get(_url(world, name, pk=stranger.pk)).status_code == 404
    assert client.post(_url(world, "plan_resource_restore", pk=stranger.pk)).status_code == 404


def test_two_edits_merge_and_a_clash_is_shown(client: Any, world: Any, english: None) -> None:
    item = _item(world, description="Lokal")
    services.resource_item_update(item=item, expected_version=1, amount=D(3), unit="rum")
    client.force_login(world.users["editor"])
    url = _url(world, "plan_resource_edit", pk=item.pk)
    # Started from version 1; someone else set the amount since: my description merges.
    data = {
        "party": world.party.pk,
        "kind": "premises",
        "direction": "brings",
        "description": "Lokal i Nyfors",
        "version_seen": 1,
    }
    response = client.post(url, {**data, "amount": "", "unit": ""})
    assert response.status_code == 302
    item.refresh_from_db()
    assert (item.description, item.amount, item.unit, item.version) == (
        "Lokal i Nyfors",
        D(3),
        "rum",
        3,
    )
    # Both changed the description from version 2: a conflict, nothing saved.
    response = client.post(url, {**data, "description": "Lokal i Årby", "version_seen": 2})
    assert response.status_code == 200
    assert "Lokal i Nyfors" in response.content.decode()
    item.refresh_from_db()
    assert item.description == "Lokal i Nyfors"


def test_remove_asks_first_then_restore(client: Any, world: Any, english: None) -> None:
    item = _item(world, description="Lokal i Årby")
    client.force_login(world.users["editor"])
    delete = _url(world, "plan_resource_delete", pk=item.pk)
    confirm = client.get(delete)
    assert confirm.status_code == 200 and "Remove “Lokal i Årby”?" in confirm.content.decode()
    assert ResourceItem.objects.filter(pk=item.pk).exists()
    assert client.post(delete).status_code == 302
    assert not ResourceItem.objects.filter(pk=item.pk).exists()
    page = client.get(_url(world)).content.decode()
    assert "Removed resources" in page and "Right By Me – Brings: Lokal i Årby" in page
    restore = _url(world, "plan_resource_restore", pk=item.pk)
    assert client.post(restore).status_code == 302
    assert ResourceItem.objects.filter(pk=item.pk).exists()
    assert client.post(restore).status_code == 404  # no longer removed
    history = client.get(_url(world, "history")).content.decode()
    assert "Right By Me – Lokal i Årby" in history


def test_page_query_count_does_not_grow_with_parties(client: Any, db: Any) -> None:
    counts = []
    for size in (2, 6):
        owner = UserFactory(email=f"owner-{size}@example.org")
        partnership = PartnershipFactory()
        MembershipFactory(partnership=partnership, user=owner, role=Role.OWNER)
        parties = [PartyFactory(partnership=partnership) for _ in range(size)]
        activity = plan_services.plan_activity_create(partnership=partnership, title="Ett")
        for number, party in enumerate(parties):
            plan_services.raci_set(activity=activity, party=party, role="A" if number else "R")
            for direction in ("brings", "lacks"):
                services.resource_item_create(
                    partnership=partnership,
                    party=party,
                    kind="premises",
                    direction=direction,
                    description=f"Lokal {number}",
                )
            costing_services.cost_line_create(
                partnership=partnership,
                party=party,
                activity="Ett",
                year=2025,
                kind="material",
                quantity=D(1),
                unit_price=D(100),
            )
        services.resource_item_remove(item=ResourceItem.objects.filter(party=parties[0]).first())
        client.force_login(owner)
        url = reverse("partnerships:plan_resources", kwargs={"key": partnership.key})
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1], counts


# Step 4 and the demo ------------------------------------------------------------------------


def test_step_four_check_every_party_says_what_it_brings_and_lacks(db: Any, english: None) -> None:
    partnership = PartnershipFactory()
    assert [c.passed for c in resources_said(partnership)] == [False]  # no parties
    first = PartyFactory(partnership=partnership, organisation=OrganisationFactory(name="AVF"))
    second = PartyFactory(partnership=partnership, organisation=OrganisationFactory(name="RBM"))
    for party, direction in ((first, "brings"), (first, "lacks"), (second, "brings")):
        services.resource_item_create(
            partnership=partnership,
            party=party,
            kind="staff",
            direction=direction,
            description="Coach",
        )
    [check] = resources_said(partnership)
    assert not check.passed and str(check.action) == "Write down what RBM brings and lacks"
    lacks = services.resource_item_create(
        partnership=partnership, party=second, kind="data", direction="lacks", description="Data"
    )
    with CaptureQueriesContext(connection) as queries:
        [check] = resources_said(partnership)
    assert check.passed and len(queries) == 2
    services.resource_item_remove(item=lacks)
    assert not resources_said(partnership)[0].passed


def test_demo_resources(db: Any) -> None:
    from io import StringIO

    from django.core.management import call_command

    from partnerships.demo import BODEN, ESKILSTUNA
    from partnerships.models import Partnership

    call_command("seed_demo", stdout=StringIO())
    count = ResourceItem.objects.count()
    eskilstuna = Partnership.objects.get(title=ESKILSTUNA)
    boden = Partnership.objects.get(title=BODEN)
    assert resources_said(eskilstuna)[0].passed
    assert not resources_said(boden)[0].passed
    page = selectors.resources_page(eskilstuna)
    needs = {need.item.description: need for need in page.needs}
    premises = needs["Lokaler för gruppträffar nära deltagarna i Årby"]
    assert premises.offers[0].item.description == "Lokaler för gruppträffar i Årby och Nyfors"
    trust = needs["Förtroende hos de yngsta i målgruppen, 16–19 år"]
    assert trust.offers[0].item.party.organisation.name == "Right By Me"
    call_command("seed_demo", stdout=StringIO())
    assert ResourceItem.objects.count() == count
