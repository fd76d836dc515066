"""Candidate partners (step 1): the criteria, the assessment rules and merge, choosing a
candidate as a party, the pages and who may use them, the step checks, bounded queries."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from partnerships.candidates import criteria
from partnerships.candidates import services as cs
from partnerships.candidates.models import Candidate
from partnerships.candidates.steps import candidate_checks
from partnerships.concurrency import EditConflict
from partnerships.models import Organisation, Party, Role
from tests.factories import (
    MembershipFactory,
    OrganisationFactory,
    PartnershipFactory,
    PartyFactory,
    UserFactory,
)

pytestmark = pytest.mark.usefixtures("english")

ENTREPRENEUR_KEYS = [
    "reaches_target_group",
    "municipal_priorities",
    "anchoring_and_trust",
    "tested_method",
    "complements",
    "scalability",
]


def url(name: str, partnership: Any, **kwargs: Any) -> str:
    return reverse(f"partnerships:candidate_{name}", kwargs={"key": partnership.key, **kwargs})


def scored(**scores: int) -> dict[str, dict[str, Any]]:
    return {key: {"score": n, "justification": f"Skäl för {n}"} for key, n in scores.items()}


def new_candidate(partnership: Any, **org: Any) -> Candidate:
    return cs.candidate_create(partnership=partnership, organisation=OrganisationFactory(**org))


def edit_data(candidate: Candidate, **changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "side": candidate.side,
        "status": candidate.status,
        "notes": candidate.notes,
        "version_seen": candidate.version,
    }
    for criterion in candidate.criteria:
        a = candidate.assessment_for(criterion)
        data[f"score_{criterion.key}"] = "" if a.score is None else str(a.score)
        data[f"justification_{criterion.key}"] = a.justification
    data.update(changes)
    return data


# The criteria and the computed assessment ---------------------------------------------------


def test_the_first_criterion_depends_on_the_side() -> None:
    public = [c.key for c in criteria.criteria_for(criteria.PUBLIC)]
    entrepreneur = [c.key for c in criteria.criteria_for(criteria.ENTREPRENEUR)]
    assert public[0] == "legal_responsibility" and "reaches_target_group" not in public
    assert entrepreneur == ENTREPRENEUR_KEYS
    assert public[1:] == entrepreneur[1:] and len(public) == 6
    assert all(c.help for c in criteria.CRITERIA)


def test_side_defaults_from_the_organisations_kind(world: Any) -> None:
    municipality = new_candidate(world.partnership, kind=Organisation.Kind.MUNICIPALITY)
    region = new_candidate(world.partnership, kind=Organisation.Kind.REGION)
    company = new_candidate(world.partnership, kind=Organisation.Kind.PRIVATE_COMPANY)
    assert (municipality.side, region.side, company.side) == ("public", "public", "entrepreneur")
    assert municipality.criteria[0].key == "legal_responsibility"
    assert company.criteria[0].key == "reaches_target_group"


def test_average_count_strengths_and_gaps(world: Any) -> None:
    candidate = new_candidate(world.partnership)
    assert (candidate.assessed_count, candidate.criteria_count) == (0, 6)
    assert candidate.average is None and len(candidate.gaps) == 6 and not candidate.strengths
    candidate = cs.candidate_update(
        candidate=candidate,
        expected_version=candidate.version,
        scores=scored(
            reaches_target_group=5, municipal_priorities=4, tested_method=2, complements=3
        ),
    )
    assert candidate.assessed_count == 4
    assert candidate.average == Decimal("3.5")
    assert [a.criterion.key for a in candidate.strengths] == [
        "reaches_target_group",
        "municipal_priorities",
    ]
    # A 2 is a gap, and so is every criterion not assessed yet; a 3 is neither.
    assert [a.criterion.key for a in candidate.gaps] == [
        "anchoring_and_trust",
        "tested_method",
        "scalability",
    ]


# The rules --------------------------------------------------------------------------------


def test_a_score_without_a_justification_is_refused_with_the_criterion_named(world: Any) -> None:
    candidate = new_candidate(world.partnership)
    with pytest.raises(ValidationError) as refused:
        cs.candidate_update(
            candidate=candidate,
            expected_version=candidate.version,
            scores={"tested_method": {"score": 4, "justification": "  "}},
        )
    assert "Say why “A tested and evaluated method” gets 4" in str(refused.value)
    for bad in (0, 6, "fem"):
        with pytest.raises(ValidationError):
            cs.candidate_update(
                candidate=candidate,
                expected_version=candidate.version,
                scores={"tested_method": {"score": bad, "justification": "x"}},
            )
    with pytest.raises(ValidationError):
        cs.candidate_update(
            candidate=candidate, expected_version=candidate.version, scores={"nope": {}}
        )
    candidate.refresh_from_db()
    assert candidate.scores == {}


def test_the_form_refuses_a_score_without_justification(client: Any, world: Any) -> None:
    candidate = new_candidate(world.partnership)
    client.force_login(world.users["editor"])
    response = client.post(
        url("edit", world.partnership, pk=candidate.pk),
        edit_data(candidate, score_tested_method="4"),
    )
    assert response.status_code == 400
    assert "a score needs a justification" in response.content.decode()
    page = client.get(url("edit", world.partnership, pk=candidate.pk)).content.decode()
    # Each criterion's score and justification are labelled with the criterion.
    assert 'for="id_score_tested_method"' in page
    assert "Score for “A tested and evaluated method”" in page
    assert "<legend" in page


def test_one_active_candidate_per_organisation_and_restore_refused_when_taken(
    world: Any,
) -> None:
    organisation = OrganisationFactory()
    first = cs.candidate_create(partnership=world.partnership, organisation=organisation)
    with pytest.raises(ValidationError):
        cs.candidate_create(partnership=world.partnership, organisation=organisation)
    cs.candidate_remove(candidate=first)
    again = cs.candidate_create(partnership=world.partnership, organisation=organisation)
    with pytest.raises(ValidationError):
        cs.candidate_restore(candidate=first)
    cs.candidate_remove(candidate=again)
    assert cs.candidate_restore(candidate=first).removed_at is None
    # Another partnership may consider the same organisation.
    assert cs.candidate_create(partnership=PartnershipFactory(), organisation=organisation).pk


def test_chosen_is_set_only_by_choosing(world: Any) -> None:
    candidate = new_candidate(world.partnership)
    with pytest.raises(ValidationError):
        cs.candidate_update(
            candidate=candidate, expected_version=candidate.version, status="chosen"
        )
    with pytest.raises(ValidationError):
        cs.candidate_create(
            partnership=world.partnership, organisation=OrganisationFactory(), status="chosen"
        )


# The merge --------------------------------------------------------------------------------


def test_two_people_scoring_different_criteria_both_keep_theirs(world: Any) -> None:
    candidate = new_candidate(world.partnership)
    opened = candidate.version
    cs.candidate_update(
        candidate=candidate, expected_version=opened, scores=scored(tested_method=4)
    )
    cs.candidate_update(
        candidate=candidate, expected_version=opened, scores=scored(anchoring_and_trust=5)
    )
    candidate.refresh_from_db()
    assert candidate.scores == scored(tested_method=4, anchoring_and_trust=5)
    # Both scored the same criterion differently: a conflict, nothing saved.
    with pytest.raises(EditConflict):
        cs.candidate_update(
            candidate=candidate, expected_version=opened, scores=scored(tested_method=2)
        )
    candidate.refresh_from_db()
    assert candidate.scores == scored(tested_method=4, anchoring_and_trust=5)


def test_answers_merge_per_question_through_the_pages(client: Any, world: Any) -> None:
    candidate = new_candidate(world.partnership)
    opened = {"version_seen": candidate.version}
    page = url("conversation", world.partnership, pk=candidate.pk)
    client.force_login(world.users["editor"])
    assert "Which problem do you want to solve, and for whom?" in client.get(page).content.decode()
    first = client.post(page, {**opened, "answer_good_match": "Ja, vi kompletterar varandra"})
    assert first.status_code == 302
    client.force_login(world.users["owner"])
    second = client.post(page, {**opened, "answer_already_tried": "Praktik i egen regi"})
    assert second.status_code == 302
    candidate.refresh_from_db()
    assert candidate.answers == {
        "good_match": "Ja, vi kompletterar varandra",
        "already_tried": "Praktik i egen regi",
    }
    assert candidate.version == opened["version_seen"] + 2
    detail = client.get(url("detail", world.partnership, pk=candidate.pk)).content.decode()
    assert "Praktik i egen regi" in detail and "Not answered yet" in detail
    # Both answered the same question differently: shown side by side, nothing lost.
    third = client.post(page, {**opened, "answer_good_match": "Osäkert"})
    assert third.status_code == 200
    form = third.context["form"]
    assert [c.name for c in form.conflict] == ["answers"]
    assert form.data["answer_already_tried"] == "Praktik i egen regi"


def test_a_conflict_on_the_assessment_keeps_the_others_scores(client: Any, world: Any) -> None:
    candidate = new_candidate(world.partnership)
    opened = edit_data(candidate)
    cs.candidate_update(
        candidate=candidate,
        expected_version=candidate.version,
        scores=scored(tested_method=4, scalability=2),
    )
    client.force_login(world.users["editor"])
    response = client.post(
        url("edit", world.partnership, pk=candidate.pk),
        {**opened, "score_tested_method": "1", "justification_tested_method": "Ingen utvärdering"},
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert [c.name for c in form.conflict] == ["scores"]
    assert "A tested and evaluated method: 4" in form.conflict[0].theirs
    assert form.data["score_scalability"] == "2"  # theirs, brought up to date
    again = client.post(url("edit", world.partnership, pk=candidate.pk), form.data)
    assert again.status_code == 302
    candidate.refresh_from_db()
    assert candidate.assessment_for(criteria.BY_KEY["tested_method"]).score == 1
    assert candidate.assessment_for(criteria.BY_KEY["scalability"]).score == 2


# Choosing ---------------------------------------------------------------------------------


def test_choosing_makes_a_party_once(client: Any, world: Any) -> None:
    candidate = new_candidate(
        world.partnership, name="Eskilstuna kommun", kind=Organisation.Kind.MUNICIPALITY
    )
    client.force_login(world.users["editor"])
    confirm = client.get(url("choose", world.partnership, pk=candidate.pk))
    page = confirm.content.decode()
    assert confirm.status_code == 200
    assert "It becomes a party of the partnership, as Lead municipality." in page
    assert "Parties page" in page  # how to undo it
    assert not Party.objects.filter(organisation=candidate.organisation).exists()
    for _ in range(2):
        response = client.post(url("choose", world.partnership, pk=candidate.pk))
        assert response.status_code == 302
    parties = Party.objects.filter(
        partnership=world.partnership, organisation=candidate.organisation
    )
    assert parties.count() == 1
    assert parties.get().part == Party.Part.LEAD_MUNICIPALITY
    candidate.refresh_from_db()
    assert candidate.status == "chosen" and candidate.party == parties.get()
    # Chosen: it cannot be declined while it is a party.
    with pytest.raises(ValidationError):
        cs.candidate_decline(candidate=candidate)


def test_choosing_an_organisation_that_already_is_a_party_links_it(world: Any) -> None:
    # The world's party is Right By Me; the same organisation as a candidate is linked to it.
    candidate = cs.candidate_create(
        partnership=world.partnership, organisation=world.party.organisation
    )
    before = Party.all_objects.count()
    chosen = cs.candidate_choose(candidate=candidate)
    assert chosen.party == world.party and Party.all_objects.count() == before


def test_part_follows_the_side(world: Any) -> None:
    region = new_candidate(world.partnership, kind=Organisation.Kind.REGION)
    entrepreneur = new_candidate(world.partnership)
    assert cs.candidate_choose(candidate=region).party.part == Party.Part.OTHER
    assert cs.candidate_choose(candidate=entrepreneur).party.part == Party.Part.SOCIAL_ENTREPRENEUR


def test_choosing_again_after_the_party_was_removed_restores_it(client: Any, world: Any) -> None:
    candidate = cs.candidate_choose(candidate=new_candidate(world.partnership))
    from partnerships import services

    services.party_remove(party=candidate.party)
    client.force_login(world.users["editor"])
    detail = client.get(url("detail", world.partnership, pk=candidate.pk)).content.decode()
    assert "its party was removed" in detail
    assert url("choose", world.partnership, pk=candidate.pk) in detail
    confirm = client.get(url("choose", world.partnership, pk=candidate.pk)).content.decode()
    assert "Its earlier party, removed before, comes back as Social entrepreneur." in confirm
    chosen = cs.candidate_choose(candidate=candidate)
    assert chosen.party.removed_at is None
    assert Party.all_objects.filter(organisation=candidate.organisation).count() == 1


def test_decline_and_remove_then_restore(client: Any, world: Any) -> None:
    candidate = new_candidate(world.partnership, name="Avböjd AB")
    client.force_login(world.users["editor"])
    assert client.post(url("decline", world.partnership, pk=candidate.pk)).status_code == 302
    candidate.refresh_from_db()
    assert candidate.status == "declined"
    confirm = client.get(url("delete", world.partnership, pk=candidate.pk))
    assert "Remove Avböjd AB from the candidates?" in confirm.content.decode()
    assert Candidate.objects.filter(pk=candidate.pk).exists()
    client.post(url("delete", world.partnership, pk=candidate.pk))
    assert not Candidate.objects.filter(pk=candidate.pk).exists()
    listing = client.get(url("list", world.partnership)).content.decode()
    assert "Removed candidates" in listing
    assert client.post(url("restore", world.partnership, pk=candidate.pk)).status_code == 302
    assert Candidate.objects.get(pk=candidate.pk).status == "declined"


# The pages and who may use them -----------------------------------------------------------


def test_editor_adds_a_candidate_from_the_organisations_they_see(client: Any, world: Any) -> None:
    mine = OrganisationFactory(name="Min förening", created_by=world.users["editor"])
    hidden = OrganisationFactory(name="Någon annans AB")
    client.force_login(world.users["editor"])
    form = client.get(url("create", world.partnership))
    page = form.content.decode()
    assert "Min förening" in page and "Någon annans AB" not in page
    assert reverse("partnerships:organisation_create") in page
    refused = client.post(url("create", world.partnership), {"organisation": hidden.pk})
    assert refused.status_code == 400
    response = client.post(
        url("create", world.partnership), {"organisation": mine.pk, "status": "contacted"}
    )
    assert response.status_code == 302
    candidate = Candidate.objects.get(partnership=world.partnership, organisation=mine)
    assert (candidate.side, candidate.status) == ("entrepreneur", "contacted")
    # Now every member of the partnership may see the organisation.
    client.force_login(world.users["viewer"])
    detail = client.get(reverse("partnerships:organisation_detail", kwargs={"pk": mine.pk}))
    assert detail.status_code == 200


def test_viewer_reads_but_cannot_change(client: Any, world: Any) -> None:
    candidate = new_candidate(world.partnership, name="Läsbar AB")
    client.force_login(world.users["viewer"])
    listing = client.get(url("list", world.partnership))
    assert listing.status_code == 200
    page = listing.content.decode()
    assert "Läsbar AB" in page and url("create", world.partnership) not in page
    detail = client.get(url("detail", world.partnership, pk=candidate.pk)).content.decode()
    assert url("edit", world.partnership, pk=candidate.pk) not in detail
    assert url("choose", world.partnership, pk=candidate.pk) not in detail
    for name in ("edit", "conversation", "choose", "decline", "delete"):
        assert client.post(url(name, world.partnership, pk=candidate.pk)).status_code == 403
    candidate.refresh_from_db()
    assert candidate.status == "identified" and candidate.party is None


def test_outsiders_get_404_and_other_partnerships_candidates_are_not_reachable(
    client: Any, world: Any
) -> None:
    candidate = new_candidate(world.partnership)
    client.force_login(world.users["outsider"])
    for name in ("list", "compare", "create"):
        assert client.get(url(name, world.partnership)).status_code == 404
    for name in ("detail", "edit", "choose"):
        assert client.get(url(name, world.partnership, pk=candidate.pk)).status_code == 404
    other = new_candidate(PartnershipFactory())
    client.force_login(world.users["editor"])
    assert client.get(url("detail", world.partnership, pk=other.pk)).status_code == 404
    assert client.post(url("choose", world.partnership, pk=other.pk)).status_code == 404
    assert other.party is None


def test_the_list_shows_status_side_assessed_and_average(client: Any, world: Any) -> None:
    candidate = new_candidate(world.partnership, name="Listad AB")
    cs.candidate_update(
        candidate=candidate,
        expected_version=candidate.version,
        scores=scored(tested_method=4, complements=3),
    )
    client.force_login(world.users["viewer"])
    page = client.get(url("list", world.partnership)).content.decode()
    row = page[page.index("Listad AB") :]
    row = row[: row.index("</tr>")]
    assert "Social entrepreneur or other actor" in row and "Identified" in row
    assert "2 of 6" in row and "3.5" in row


def test_the_comparison_is_a_table_filterable_by_side(client: Any, world: Any) -> None:
    public = new_candidate(world.partnership, name="Kommunen", kind=Organisation.Kind.MUNICIPALITY)
    entrepreneur = new_candidate(world.partnership, name="Entreprenören")
    cs.candidate_update(
        candidate=entrepreneur,
        expected_version=entrepreneur.version,
        scores=scored(reaches_target_group=5, scalability=1),
    )
    cs.candidate_update(
        candidate=public, expected_version=public.version, scores=scored(legal_responsibility=4)
    )
    client.force_login(world.users["viewer"])
    page = client.get(url("compare", world.partnership)).content.decode()
    assert 'role="region"' in page and 'tabindex="0"' in page and "<caption>" in page
    assert 'scope="col"' in page and 'scope="row"' in page
    assert "Kommunen" in page and "Entreprenören" in page
    assert "Legal responsibility for the problem" in page
    assert "Does not apply to this side" in page
    assert "5</strong> – Very good" in page and "1</strong> – Very weak" in page
    assert "Strengths (4 or 5)" in page and "Gaps (1, 2 or not assessed)" in page
    only = client.get(url("compare", world.partnership) + "?side=entrepreneur").content.decode()
    assert "Entreprenören" in only and ">Kommunen<" not in only
    assert "Legal responsibility for the problem" not in only
    assert client.get(url("compare", world.partnership) + "?side=x%00").status_code == 200


def _partnership_with_candidates(count: int) -> tuple[Any, Any]:
    owner = UserFactory()
    partnership = PartnershipFactory()
    MembershipFactory(user=owner, partnership=partnership, role=Role.OWNER)
    for n in range(count):
        candidate = new_candidate(
            partnership,
            kind=Organisation.Kind.MUNICIPALITY if n % 2 else Organisation.Kind.SOCIAL_ENTREPRENEUR,
        )
        if n % 3 == 0:
            candidate = cs.candidate_choose(candidate=candidate)
        cs.candidate_update(
            candidate=candidate,
            expected_version=candidate.version,
            scores=scored(municipal_priorities=n % 5 + 1, tested_method=2),
        )
    return owner, partnership


@pytest.mark.django_db
@pytest.mark.parametrize("page", ["list", "compare", "overview"])
def test_pages_cost_the_same_for_2_and_8_candidates(page: str, client: Any) -> None:
    counts = {}
    for size in (2, 8):
        owner, partnership = _partnership_with_candidates(size)
        client.force_login(owner)
        target = (
            reverse("partnerships:overview", kwargs={"key": partnership.key})
            if page == "overview"
            else url(page, partnership)
        )
        assert client.get(target).status_code == 200
        with CaptureQueriesContext(connection) as captured:
            client.get(target)
        counts[size] = len(captured.captured_queries)
    assert counts[2] == counts[8], f"{page}: {counts[2]} queries for 2, {counts[8]} for 8"


# The step checks --------------------------------------------------------------------------


def test_step_checks_follow_the_chosen_candidates(
    world: Any, django_assert_num_queries: Any
) -> None:
    partnership = PartnershipFactory()
    # Nothing yet: both checks ask for candidates.
    checks = candidate_checks(partnership)
    assert [c.passed for c in checks] == [False, False]
    assert checks[0].action_url == url("list", partnership)
    # A partnership that had both parties before candidates existed is not penalised.
    PartyFactory(partnership=partnership, part=Party.Part.LEAD_MUNICIPALITY)
    PartyFactory(
        partnership=partnership,
        organisation=OrganisationFactory(),
        part=Party.Part.SOCIAL_ENTREPRENEUR,
    )
    assert [c.passed for c in candidate_checks(partnership)] == [True, True]
    # A candidate chosen without a full assessment fails, and says whom to assess.
    candidate = cs.candidate_choose(candidate=new_candidate(partnership, name="Vald AB"))
    with django_assert_num_queries(2):
        checks = candidate_checks(partnership)
    assert [c.passed for c in checks] == [False, False]
    assert "Vald AB" in str(checks[0].action)
    assert checks[0].action_url == url("edit", partnership, pk=candidate.pk)
    assert checks[1].action_url == url("conversation", partnership, pk=candidate.pk)
    candidate = cs.candidate_update(
        candidate=candidate,
        expected_version=candidate.version,
        scores=scored(**dict.fromkeys(ENTREPRENEUR_KEYS, 4)),
        answers={"good_match": "Ja"},
    )
    assert [c.passed for c in candidate_checks(partnership)] == [True, True]
    # Declined or open candidates are not what the check is about.
    new_candidate(partnership)
    assert [c.passed for c in candidate_checks(partnership)] == [True, True]


# History and demo -------------------------------------------------------------------------


def test_changes_are_in_the_history_and_the_removal_offers_restore(client: Any, world: Any) -> None:
    candidate = new_candidate(world.partnership, name="Historisk AB")
    candidate = cs.candidate_update(
        candidate=candidate, expected_version=candidate.version, notes="Första mötet"
    )
    cs.candidate_update(
        candidate=candidate,
        expected_version=candidate.version,
        scores=scored(tested_method=4),
        answers={"good_match": "Ja"},
    )
    cs.candidate_remove(candidate=candidate)
    client.force_login(world.users["editor"])
    page = client.get(reverse("partnerships:history", kwargs={"key": world.partnership.key}))
    body = page.content.decode()
    assert "Historisk AB" in body and "Första mötet" in body
    # The assessment and the answers read by criterion and question, not as raw data.
    assert "A tested and evaluated method: 4 – Good (Skäl för 4)" in body
    assert "Are we a good match? Ja" in body and "justification" not in body
    assert url("restore", world.partnership, pk=candidate.pk) in body


def test_demo_candidates(db: Any) -> None:
    from django.core.management import call_command

    from partnerships.demo import BODEN, ESKILSTUNA
    from partnerships.models import Partnership
    from partnerships.steps import evaluate_steps

    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    count = Candidate.all_objects.count()
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert Candidate.all_objects.count() == count  # idempotent
    eskilstuna = Partnership.objects.get(title=ESKILSTUNA)
    rows = {c.organisation.name: c for c in Candidate.objects.filter(partnership=eskilstuna)}
    right_by_me = rows["Right By Me"]
    assert right_by_me.is_chosen and right_by_me.fully_assessed
    assert right_by_me.party is not None and right_by_me.party.part == "social_entrepreneur"
    assert all(a.justification for a in right_by_me.assessments)
    public = next(c for c in rows.values() if c.side == "public")
    assert public.is_chosen and public.fully_assessed
    assert public.criteria[0].key == "legal_responsibility"
    assert any(c.status == "declined" and "(exempel)" in name for name, c in rows.items())
    assert right_by_me.answered_count >= 2
    first = next(s for s in evaluate_steps(eskilstuna) if s.number == 1)
    labels = {str(c.label): c.passed for c in first.checks}
    assert labels["Candidates were assessed on every criterion before one was chosen"]
    boden = Partnership.objects.get(title=BODEN)
    statuses = set(Candidate.objects.filter(partnership=boden).values_list("status", flat=True))
    assert "in_dialogue" in statuses and "chosen" not in statuses


def test_an_earlier_assessment_comes_back_from_the_history(client: Any, world: Any) -> None:
    candidate = new_candidate(world.partnership)
    candidate = cs.candidate_update(
        candidate=candidate, expected_version=candidate.version, scores=scored(tested_method=4)
    )
    cs.candidate_update(
        candidate=candidate, expected_version=candidate.version, scores=scored(tested_method=1)
    )
    record = Candidate.history.get(id=candidate.pk, version=2)
    url_ = reverse(
        "partnerships:history_restore",
        kwargs={
            "key": world.partnership.key,
            "model": "partnerships.candidate",
            "history_id": record.history_id,
        },
    )
    client.force_login(world.users["editor"])
    confirm = client.get(url_).content.decode()
    assert "A tested and evaluated method: 1 – Very weak" in confirm
    assert client.post(url_).status_code == 302
    candidate.refresh_from_db()
    assert candidate.scores == scored(tested_method=4) and candidate.version == 4


def test_registering_an_organisation_on_the_way_comes_back_to_the_candidate_form(
    client: Any, world: Any
) -> None:
    client.force_login(world.users["editor"])
    back = url("create", world.partnership)
    page = client.get(back).content.decode()
    register = reverse("partnerships:organisation_create") + "?next=" + back
    assert register in page
    data = {"name": "Ny förening", "kind": "civil_society"}
    response = client.post(register, data)
    assert response.status_code == 302 and response["Location"] == back
    assert "Ny förening" in client.get(back).content.decode()
    # Only a path on this site: anything else goes to the organisation's page.
    for evil in ("https://evil.example/", "//evil.example/", "javascript:alert(1)"):
        response = client.post(
            reverse("partnerships:organisation_create") + "?next=" + evil,
            {**data, "name": f"Org {evil[:5]}"},
        )
        assert response.status_code == 302
        assert response["Location"].startswith("/partnerships/organisations/")
