"""The collaboration plan (step 4): RACI rules by hand-made cases, sync with the chain, the
matrix's cell endpoint (hostile input, access), the starting pattern, steps and the demo."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from partnerships.models import Party, Role
from partnerships.plan import rules, selectors, services
from partnerships.plan.models import PlanActivity, RaciAssignment
from partnerships.plan.steps import plan_and_roles
from tests.factories import (
    MembershipFactory,
    OrganisationFactory,
    PartnershipFactory,
    PartyFactory,
    UserFactory,
)
from theory_of_change import services as toc_services
from theory_of_change.models import Level

# The rules, by hand ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("roles", "problems"),
    [
        (["A", "R"], 0),
        (["R", "A", "C", "I", ""], 0),
        (["R", "R", "A"], 0),  # several may be responsible
        ([], 2),  # no A, no R
        (["", "", ""], 2),
        (["A"], 1),  # no R
        (["R", "C"], 1),  # no A
        (["A", "A", "R"], 1),  # two A
        (["A", "A"], 2),  # two A and no R
        (["I", "C", "I"], 2),
    ],
)
def test_row_rules(roles: list[str], problems: int) -> None:
    assert len(rules.row_problems(roles)) == problems


def test_row_rules_say_why(english: None) -> None:
    assert [str(p) for p in rules.row_problems(["A", "A", "R"])] == [
        "2 parties are accountable (A): exactly one may be."
    ]
    assert [str(p) for p in rules.row_problems(["C"])] == [
        "No party is accountable (A): exactly one must be.",
        "No party is responsible (R): at least one must be.",
    ]


def test_matrix_flags_rows_and_parties_without_a_role() -> None:
    cells = {(1, "m"): "A", (1, "s"): "R", (2, "s"): "R", (2, "f"): "I", (9, "x"): "A"}
    check = rules.check_matrix([1, 2], ["m", "s", "f", "idle"], cells)
    assert check.rows[1] == []
    assert len(check.rows[2]) == 1  # no A
    assert check.idle_parties == ["idle"]
    assert not check.valid and not check.rows_valid and check.invalid_rows == 1
    # Cells of activities or parties not listed (removed) do not count.
    assert rules.check_matrix([1], ["m", "s"], cells).valid
    assert rules.check_matrix([], ["m"], {}).idle_parties == ["m"]


@pytest.mark.parametrize(
    ("value", "role"),
    [("R", "R"), ("a", "A"), (" c ", "C"), ("", ""), (None, ""), ("X", None), ("RA", None)],
)
def test_parse_role(value: Any, role: str | None) -> None:
    assert rules.parse_role(value) == role


def test_starting_pattern_fills_only_empty_cells_with_one_a_per_row() -> None:
    parties = [
        ("kommun", "lead_municipality"),
        ("se", "social_entrepreneur"),
        ("fac", "facilitator"),
        ("fund", "funder"),
        ("kommun2", "lead_municipality"),
    ]
    cells = {(2, "fac"): "A", (3, "se"): "C"}
    proposal = rules.starting_pattern([1, 2, 3], parties, cells)
    # Row 1: empty; the first lead municipality is accountable, the second consulted.
    assert [proposal[(1, p)] for p, _ in parties] == ["A", "R", "C", "I", "C"]
    # Row 2 has an A already: the municipality is consulted; the filled cell stays.
    assert (2, "fac") not in proposal
    assert proposal[(2, "kommun")] == "C"
    # Row 3: the entrepreneur's C is kept.
    assert (3, "se") not in proposal
    for activity in (1, 2, 3):
        merged = {**{k: v for k, v in cells.items() if k[0] == activity}}
        merged.update({k: v for k, v in proposal.items() if k[0] == activity})
        assert list(merged.values()).count("A") == 1


# Helpers ------------------------------------------------------------------------------------


@pytest.fixture
def world(world: Any) -> Any:
    """The shared world without its sample plan (activities, roles and risks for the URL
    table), so each test here starts from an empty plan."""
    from partnerships.plan.models import Risk, WaysOfWorking

    PlanActivity.all_objects.filter(partnership=world.partnership).delete()
    Risk.all_objects.filter(partnership=world.partnership).delete()
    WaysOfWorking.objects.filter(partnership=world.partnership).delete()
    return world


def _chain(partnership: Any, *titles: str) -> list[Any]:
    return [
        toc_services.node_create(partnership=partnership, level=Level.ACTIVITY, title=title)
        for title in titles
    ]


def _parties(partnership: Any) -> dict[str, Party]:
    parts = {
        "kommun": Party.Part.LEAD_MUNICIPALITY,
        "se": Party.Part.SOCIAL_ENTREPRENEUR,
        "fac": Party.Part.FACILITATOR,
    }
    return {
        name: PartyFactory(
            partnership=partnership, organisation=OrganisationFactory(name=f"Org {name}"), part=part
        )
        for name, part in parts.items()
    }


# Sync with the chain ------------------------------------------------------------------------


def test_sync_flags_both_ways_and_create_from_chain_is_idempotent(db: Any) -> None:
    partnership = PartnershipFactory()
    outreach, meetings = _chain(partnership, "Uppsökande arbete", "Gruppträffar")
    output = toc_services.node_create(
        partnership=partnership, level=Level.OUTPUT, title="Unga deltar"
    )
    on_output = services.plan_activity_create(partnership=partnership, title="Fel nivå")
    on_output.node = output  # linked before the node was an output (as by an old import)
    PlanActivity.objects.filter(pk=on_output.pk).update(node=output)
    own = services.plan_activity_create(partnership=partnership, title="Egen aktivitet")

    sync = selectors.chain_sync(partnership)
    assert [n.title for n in sync.missing] == ["Uppsökande arbete", "Gruppträffar"]
    assert [a.title for a in sync.unlinked] == ["Egen aktivitet"]
    assert [a.title for a in sync.not_activity] == ["Fel nivå"]
    assert not sync.in_step

    created = services.plan_activities_from_chain(partnership=partnership)
    assert [(a.title, a.node_id) for a in created] == [
        ("Uppsökande arbete", outreach.pk),
        ("Gruppträffar", meetings.pk),
    ]
    assert services.plan_activities_from_chain(partnership=partnership) == []  # idempotent
    assert selectors.chain_sync(partnership).missing == []

    # A chain activity deleted: its plan activity is kept, flagged, not lost.
    toc_services.node_delete(node=meetings)
    sync = selectors.chain_sync(partnership)
    assert "Gruppträffar" in [a.title for a in sync.unlinked]
    assert PlanActivity.objects.filter(title="Gruppträffar").exists()
    del own


def test_plan_page_shows_flags_and_the_button_creates_from_the_chain(
    client: Any, world: Any, english: None
) -> None:
    _chain(world.partnership, "Uppsökande arbete")
    chain = selectors.chain_activities(world.partnership).count()  # the world has one too
    url = reverse("partnerships:plan", kwargs={"key": world.partnership.key})
    client.force_login(world.users["editor"])
    page = client.get(url).content.decode()
    assert f"{chain} activities of the chain have no plan activity" in page
    assert "Create plan activities from the chain" in page
    create = reverse("partnerships:plan_from_chain", kwargs={"key": world.partnership.key})
    assert client.post(create).status_code == 302
    assert client.post(create).status_code == 302
    assert PlanActivity.objects.filter(partnership=world.partnership).count() == chain
    page = client.get(url).content.decode()
    assert "Every activity of the chain has a plan activity" in page
    # A viewer sees the flags but not the button.
    _chain(world.partnership, "Gruppträffar")
    client.force_login(world.users["viewer"])
    page = client.get(url).content.decode()
    assert "has no plan activity" in page and "Create plan activities" not in page


# Plan activities ----------------------------------------------------------------------------


def test_create_an_activity_with_months_and_refuse_an_end_before_the_start(
    client: Any, world: Any, english: None
) -> None:
    (node,) = _chain(world.partnership, "Gruppträffar")
    client.force_login(world.users["editor"])
    url = reverse("partnerships:plan_activity_create", kwargs={"key": world.partnership.key})
    data = {
        "title": "Gruppträffar",
        "node": node.pk,
        "start_month": "2025-03",
        "end_month": "2025-01",
        "status": "planned",
        "responsible_party": world.party.pk,
        "responsible_person": world.users["editor"].pk,
        "planned_participants": "30",
        "what": "Träffar",
        "who": "Unga",
        "how": "Varje vecka",
    }
    response = client.post(url, data)
    assert response.status_code == 400
    assert "The end month cannot be before the start month." in response.content.decode()
    response = client.post(url, {**data, "end_month": "2025-12"})
    assert response.status_code == 302
    activity = PlanActivity.objects.get(partnership=world.partnership)
    assert (activity.start_month, activity.end_month) == (date(2025, 3, 1), date(2025, 12, 1))
    assert activity.node == node and activity.responsible_party == world.party
    # An outsider cannot be the responsible person; nor a month that is no month.
    response = client.post(
        url, {**data, "end_month": "2025-13", "responsible_person": world.users["outsider"].pk}
    )
    assert response.status_code == 400


def test_a_node_of_another_partnership_is_refused_by_the_service(db: Any) -> None:
    partnership, other = PartnershipFactory(), PartnershipFactory()
    (foreign,) = _chain(other, "Annan")
    with pytest.raises(ValidationError):
        services.plan_activity_create(partnership=partnership, title="X", node=foreign)


def test_edit_merges_and_remove_then_restore(client: Any, world: Any) -> None:
    activity = services.plan_activity_create(partnership=world.partnership, title="Träffar")
    services.plan_activity_update(activity=activity, expected_version=1, what="Något")
    client.force_login(world.users["editor"])
    url = reverse(
        "partnerships:plan_activity_edit", kwargs={"key": world.partnership.key, "pk": activity.pk}
    )
    # Started from version 1; someone else wrote `what` since: my change of the title merges.
    response = client.post(url, {"title": "Gruppträffar", "status": "ongoing", "version_seen": 1})
    assert response.status_code == 302
    activity.refresh_from_db()
    assert (activity.title, activity.what, activity.status) == ("Gruppträffar", "Något", "ongoing")
    delete = reverse(
        "partnerships:plan_activity_delete",
        kwargs={"key": world.partnership.key, "pk": activity.pk},
    )
    assert client.get(delete).status_code == 200
    assert client.post(delete).status_code == 302
    assert not PlanActivity.objects.filter(pk=activity.pk).exists()
    restore = reverse(
        "partnerships:plan_activity_restore",
        kwargs={"key": world.partnership.key, "pk": activity.pk},
    )
    assert client.post(restore).status_code == 302
    assert PlanActivity.objects.filter(pk=activity.pk).exists()


# The RACI matrix ----------------------------------------------------------------------------


def _cell_url(partnership: Any, activity: Any) -> str:
    return reverse("partnerships:plan_raci_row", kwargs={"key": partnership.key, "pk": activity.pk})


def test_a_cell_is_saved_by_htmx_and_answers_with_the_rows_state(
    client: Any, world: Any, english: None
) -> None:
    partnership = world.partnership
    activity = services.plan_activity_create(partnership=partnership, title="Träffar")
    client.force_login(world.users["editor"])
    headers = {"HTTP_HX_REQUEST": "true"}
    name = f"party_{world.party.pk}"
    response = client.post(_cell_url(partnership, activity), {name: "A"}, **headers)
    assert response.status_code == 200
    body = response.content.decode()
    assert f'id="raci-msg-{activity.pk}" hx-swap-oob="true"' in body
    assert "No party is responsible (R)" in body
    assert 'id="raci-status" hx-swap-oob="innerHTML"' in body
    assert RaciAssignment.objects.get(activity=activity, party=world.party).role == "A"
    # Changed, then cleared: the history keeps every step (last write wins).
    client.post(_cell_url(partnership, activity), {name: "R"}, **headers)
    client.post(_cell_url(partnership, activity), {name: ""}, **headers)
    assert not RaciAssignment.objects.filter(activity=activity).exists()
    cell_history = RaciAssignment.history.filter(activity_id=activity.pk).order_by("history_id")
    assert [h.history_type for h in cell_history] == [
        "+",
        "~",
        "-",
    ]
    # Without htmx the row form redirects back to the matrix.
    response = client.post(_cell_url(partnership, activity), {name: "R"})
    assert response.status_code == 302 and response.url.endswith(f"#raci-row-{activity.pk}")


@pytest.mark.parametrize("role", ["X", "RA", "99999999999999999999", "<script>", "r"])
def test_a_bad_role_letter_is_a_400(client: Any, world: Any, role: str) -> None:
    activity = services.plan_activity_create(partnership=world.partnership, title="Träffar")
    client.force_login(world.users["editor"])
    for headers in ({"HTTP_HX_REQUEST": "true"}, {}):
        response = client.post(
            _cell_url(world.partnership, activity), {f"party_{world.party.pk}": role}, **headers
        )
        assert response.status_code == 400
    assert not RaciAssignment.objects.exists()


@pytest.mark.parametrize("name", ["party_OTHER", "party_99999999999999999999", "party_x", "party_"])
def test_a_party_of_another_partnership_is_a_400(client: Any, world: Any, name: str) -> None:
    activity = services.plan_activity_create(partnership=world.partnership, title="Träffar")
    other = PartyFactory()  # another partnership's party
    client.force_login(world.users["editor"])
    field = name.replace("OTHER", str(other.pk))
    response = client.post(
        _cell_url(world.partnership, activity), {field: "R"}, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 400
    assert not RaciAssignment.objects.exists()


def test_an_activity_of_another_partnership_is_a_404(client: Any, world: Any) -> None:
    other = PartnershipFactory()
    MembershipFactory(partnership=other, user=world.users["editor"], role=Role.EDITOR)
    foreign = services.plan_activity_create(partnership=other, title="Annan")
    client.force_login(world.users["editor"])
    url = _cell_url(world.partnership, foreign)
    assert client.post(url, {f"party_{world.party.pk}": "R"}).status_code == 404


def test_outsider_404_and_viewer_reads_without_controls(client: Any, world: Any) -> None:
    activity = services.plan_activity_create(partnership=world.partnership, title="Träffar")
    services.raci_set(activity=activity, party=world.party, role="R")
    raci_url = reverse("partnerships:plan_raci", kwargs={"key": world.partnership.key})
    client.force_login(world.users["outsider"])
    assert client.get(raci_url).status_code == 404
    assert client.post(_cell_url(world.partnership, activity), {}).status_code == 404
    client.force_login(world.users["viewer"])
    page = client.get(raci_url).content.decode()
    assert "raci-cell" not in page and "<select" not in page and "raci.js" not in page
    assert "Träffar – Right By Me" in page  # the cell's name is read out
    response = client.post(_cell_url(world.partnership, activity), {f"party_{world.party.pk}": "A"})
    assert response.status_code == 403
    assert RaciAssignment.objects.get().role == "R"


def test_the_matrix_page_has_headers_names_and_flags(
    client: Any, world: Any, english: None
) -> None:
    partnership = world.partnership
    parties = _parties(partnership)
    activity = services.plan_activity_create(partnership=partnership, title="Träffar")
    services.raci_set(activity=activity, party=parties["kommun"], role="A")
    services.raci_set(activity=activity, party=parties["kommun"], role="A")  # no-op
    client.force_login(world.users["editor"])
    page = client.get(
        reverse("partnerships:plan_raci", kwargs={"key": partnership.key})
    ).content.decode()
    assert '<th scope="row">Träffar</th>' in page
    assert '<th scope="col">Org kommun' in page
    assert 'aria-label="Träffar – Org kommun: A (Accountable)"' in page
    assert 'aria-label="Träffar – Org se: no role"' in page
    assert "No party is responsible (R)" in page
    assert "No role anywhere" in page  # the entrepreneur, the facilitator and Right By Me
    assert 'aria-live="polite"' in page
    assert "js/raci.js" in page


def test_the_starting_pattern_asks_first_and_fills_empty_cells(client: Any, world: Any) -> None:
    partnership = world.partnership
    parties = _parties(partnership)
    first = services.plan_activity_create(partnership=partnership, title="Ett")
    services.plan_activity_create(partnership=partnership, title="Två")
    services.raci_set(activity=first, party=parties["fac"], role="A")
    url = reverse("partnerships:plan_raci_pattern", kwargs={"key": partnership.key})
    client.force_login(world.users["editor"])
    assert client.get(url).status_code == 200
    assert not RaciAssignment.objects.filter(role="R").exists()  # GET changes nothing
    assert client.post(url).status_code == 302
    cells = selectors.raci_cells(partnership)
    assert cells[(first.pk, parties["fac"].pk)] == "A"  # kept
    assert cells[(first.pk, parties["kommun"].pk)] == "C"  # the row had an A already
    matrix = selectors.raci_matrix(partnership)
    assert matrix.check.rows_valid and matrix.check.valid
    assert client.post(url).status_code == 302  # nothing left to fill: no error
    assert len(selectors.raci_cells(partnership)) == 2 * 4


def test_matrix_query_count_does_not_grow(client: Any, db: Any) -> None:
    counts = []
    for size in (5, 60):
        owner = UserFactory(email=f"owner-{size}@example.org")
        partnership = PartnershipFactory()
        MembershipFactory(partnership=partnership, user=owner, role=Role.OWNER)
        parties = [
            PartyFactory(partnership=partnership, part=part)
            for part in (
                Party.Part.LEAD_MUNICIPALITY,
                Party.Part.SOCIAL_ENTREPRENEUR,
                Party.Part.FACILITATOR,
                Party.Part.FUNDER,
                Party.Part.PRIVATE_ACTOR,
                Party.Part.OTHER,
            )
        ]
        for number in range(size):
            services.plan_activity_create(partnership=partnership, title=f"Aktivitet {number}")
        services.raci_apply_pattern(partnership=partnership)
        assert len(selectors.raci_cells(partnership)) == size * len(parties)
        client.force_login(owner)
        for name in ("plan_raci", "plan", "overview"):
            url = reverse(f"partnerships:{name}", kwargs={"key": partnership.key})
            with CaptureQueriesContext(connection) as queries:
                assert client.get(url).status_code == 200
            counts.append((name, size, len(queries)))
    small = {name: n for name, size, n in counts if size == 5}
    large = {name: n for name, size, n in counts if size == 60}
    assert small == large, counts


# Steps and demo -----------------------------------------------------------------------------


def test_step_four_checks(db: Any) -> None:
    partnership = PartnershipFactory()
    assert [c.passed for c in plan_and_roles(partnership)] == [False, False, False, False]
    parties = _parties(partnership)
    _chain(partnership, "Ett", "Två")
    services.plan_activities_from_chain(partnership=partnership)
    assert [c.passed for c in plan_and_roles(partnership)] == [True, False, False, False]
    services.raci_apply_pattern(partnership=partnership)
    assert [c.passed for c in plan_and_roles(partnership)] == [True, True, True, False]
    services.ways_of_working_update(
        partnership=partnership,
        expected_version=1,
        channels="Teams",
        operational_cadence="weekly",
        strategic_cadence="quarterly",
        conflict_process="Först till styrgruppen",
    )
    assert [c.passed for c in plan_and_roles(partnership)] == [True, True, True, True]
    one = PlanActivity.objects.filter(partnership=partnership).first()
    services.raci_set(activity=one, party=parties["fac"], role="A")
    checks = plan_and_roles(partnership)
    assert [c.passed for c in checks] == [True, False, True, True]
    with CaptureQueriesContext(connection) as queries:
        plan_and_roles(partnership)
    assert len(queries) == 6


def test_demo_plans(db: Any) -> None:
    from io import StringIO

    from django.core.management import call_command

    from partnerships.demo import BODEN, ESKILSTUNA
    from partnerships.models import Partnership

    call_command("seed_demo", stdout=StringIO())
    counts = (PlanActivity.objects.count(), RaciAssignment.objects.count())
    eskilstuna = Partnership.objects.get(title=ESKILSTUNA)
    boden = Partnership.objects.get(title=BODEN)
    assert all(c.passed for c in plan_and_roles(eskilstuna))
    matrix = selectors.raci_matrix(boden)
    assert matrix.check.invalid_rows == 1
    assert selectors.chain_sync(boden).in_step
    call_command("seed_demo", stdout=StringIO())
    assert (PlanActivity.objects.count(), RaciAssignment.objects.count()) == counts


# Risks --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("likelihood", "consequence", "level"),
    [
        (1, 1, "low"),
        (1, 2, "low"),
        (2, 1, "low"),
        (1, 3, "medium"),
        (3, 1, "medium"),
        (2, 2, "medium"),
        (2, 3, "high"),
        (3, 2, "high"),
        (3, 3, "high"),
    ],
)
def test_risk_level_on_the_three_by_three_grid(
    likelihood: int, consequence: int, level: str
) -> None:
    assert rules.risk_level(likelihood, consequence) == level


@pytest.mark.parametrize(("likelihood", "consequence"), [(0, 1), (4, 2), (2, -1)])
def test_risk_level_refuses_values_off_the_grid(likelihood: int, consequence: int) -> None:
    with pytest.raises(ValueError):
        rules.risk_level(likelihood, consequence)


def test_risks_page_grid_and_hostile_input(client: Any, world: Any, english: None) -> None:
    from partnerships.plan.models import Risk

    client.force_login(world.users["editor"])
    url = reverse("partnerships:plan_risk_create", kwargs={"key": world.partnership.key})
    data = {
        "title": "Finansieringen upphör",
        "likelihood": "3",
        "consequence": "3",
        "owner": world.party.pk,
        "mitigation": "Tjänsteutlåtande i tid",
    }
    for field, value in (("likelihood", "4"), ("consequence", "99999999999999999999")):
        assert client.post(url, {**data, field: value}).status_code == 400
    other_party = PartyFactory()
    assert client.post(url, {**data, "owner": other_party.pk}).status_code == 400
    assert client.post(url, data).status_code == 302
    risk = Risk.objects.get(title="Finansieringen upphör")
    assert risk.level == "high"
    page = client.get(
        reverse("partnerships:plan_risks", kwargs={"key": world.partnership.key})
    ).content.decode()
    assert "High consequence" in page and "High likelihood" in page
    assert "Finansieringen upphör" in page and "High risk" in page
    # Viewers read; outsiders do not see it exists.
    client.force_login(world.users["viewer"])
    assert (
        client.get(
            reverse("partnerships:plan_risks", kwargs={"key": world.partnership.key})
        ).status_code
        == 200
    )
    assert client.post(url, data).status_code == 403
    client.force_login(world.users["outsider"])
    assert (
        client.get(
            reverse("partnerships:plan_risks", kwargs={"key": world.partnership.key})
        ).status_code
        == 404
    )


# Ways of working ----------------------------------------------------------------------------


def test_ways_of_working_written_on_the_first_save_and_merged_after(
    client: Any, world: Any, english: None
) -> None:
    from partnerships.plan.models import WaysOfWorking

    client.force_login(world.users["editor"])
    url = reverse("partnerships:plan_ways_edit", kwargs={"key": world.partnership.key})
    assert client.get(url).status_code == 200
    data = {
        "channels": "Teams-kanal",
        "operational_cadence": "weekly",
        "strategic_cadence": "quarterly",
        "conflict_process": "Först projektledarna, sedan styrgruppen",
    }
    assert client.post(url, {**data, "operational_cadence": "daily"}).status_code == 400
    assert client.post(url, data).status_code == 302
    ways = WaysOfWorking.objects.get(partnership=world.partnership)
    assert ways.is_written and ways.version == 2
    # Someone else changes the channels; my form from version 2 changes the decisions: merged.
    services.ways_of_working_update(
        partnership=world.partnership, expected_version=2, channels="Teams och e-post"
    )
    response = client.post(url, {**data, "decision_recording": "Protokoll", "version_seen": 2})
    assert response.status_code == 302
    ways.refresh_from_db()
    assert (ways.channels, ways.decision_recording) == ("Teams och e-post", "Protokoll")
    page = client.get(
        reverse("partnerships:plan", kwargs={"key": world.partnership.key})
    ).content.decode()
    assert "Every week" in page and "Every quarter" in page
    client.force_login(world.users["viewer"])
    assert client.post(url, data).status_code == 403


def test_the_history_tells_plan_and_raci_changes(client: Any, world: Any) -> None:
    activity = services.plan_activity_create(partnership=world.partnership, title="Träffar")
    services.raci_set(activity=activity, party=world.party, role="A")
    services.raci_set(activity=activity, party=world.party, role="R")
    services.raci_set(activity=activity, party=world.party, role="")
    services.plan_activity_remove(activity=activity)
    client.force_login(world.users["viewer"])
    response = client.get(reverse("partnerships:history", kwargs={"key": world.partnership.key}))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Träffar – Right By Me" in page
    assert "Träffar" in page
