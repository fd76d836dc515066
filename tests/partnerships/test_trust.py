"""Step 2's perspectives and organisational contexts: matching, pages, merge, checks."""

from __future__ import annotations

from io import StringIO
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from partnerships import services
from partnerships.concurrency import EditConflict
from partnerships.models import GlossaryTerm, Party
from partnerships.steps import evaluate_steps
from partnerships.trust import matching
from partnerships.trust import services as trust_services
from partnerships.trust.models import OrganisationalContext, Perspective
from partnerships.trust.shape import CONTEXT_FIELDS, PERSPECTIVE, PERSPECTIVE_FIELDS
from tests.factories import MembershipFactory, OrganisationFactory, PartnershipFactory, PartyFactory

pytestmark = pytest.mark.usefixtures("english")


def url(name: str, world: Any, **kwargs: Any) -> str:
    return reverse(f"partnerships:{name}", kwargs={"key": world.partnership.key, **kwargs})


def party(world: Any, name: str) -> Party:
    return PartyFactory(partnership=world.partnership, organisation=OrganisationFactory(name=name))


def write(world: Any, who: Party, **fields: str) -> Perspective:
    return trust_services.perspective_save(
        partnership=world.partnership, party=who, expected_version=1, **fields
    )


def step_two(partnership: Any) -> Any:
    return next(status for status in evaluate_steps(partnership) if status.number == 2)


# The shape ---------------------------------------------------------------------------------


def test_the_shape_and_the_models_name_the_same_fields() -> None:
    for model, names in (
        (Perspective, PERSPECTIVE_FIELDS),
        (OrganisationalContext, CONTEXT_FIELDS),
    ):
        for name in names:
            field = model._meta.get_field(name)
            assert field.blank and field.get_internal_type() == "TextField"
    assert len(PERSPECTIVE) == 9


# Needs and offers, by hand ------------------------------------------------------------------


def test_a_need_meets_an_offer_through_a_shared_meaningful_word() -> None:
    kommun, entrepreneur = "kommun", "entreprenör"
    needs = matching.match_needs(
        [
            (kommun, "Förtroende hos de unga\nEn metod som fungerar", "Lokaler i Årby"),
            (
                entrepreneur,
                "- Vi behöver lokaler\n- Kontakter med arbetsgivarna; finansiering efter projektet",
                "Metoden Right to Work. Unga har förtroendet för oss",
            ),
        ]
    )
    found = {(need.party, need.text): need.offers for need in needs}
    assert list(found) == [
        (kommun, "Förtroende hos de unga"),
        (kommun, "En metod som fungerar"),
        (entrepreneur, "Vi behöver lokaler"),
        (entrepreneur, "Kontakter med arbetsgivarna"),
        (entrepreneur, "finansiering efter projektet"),
    ]
    # "förtroendet" meets "Förtroende", "unga" meets "Unga"; the words are named as the need
    # writes them.
    [offer] = found[(kommun, "Förtroende hos de unga")]
    assert (offer.party, offer.words) == (entrepreneur, ["förtroende", "unga"])
    assert [o.words for o in found[(kommun, "En metod som fungerar")]] == [["metod"]]
    # "lokaler" meets "Lokaler"; "Vi behöver" are not words that match anything.
    assert [o.words for o in found[(entrepreneur, "Vi behöver lokaler")]] == [["lokaler"]]
    # Nobody offers employers' contacts or money after the project.
    assert found[(entrepreneur, "Kontakter med arbetsgivarna")] == []
    assert found[(entrepreneur, "finansiering efter projektet")] == []


def test_stop_words_and_a_partys_own_offer_never_make_a_match() -> None:
    needs = matching.match_needs(
        [
            ("a", "Vi behöver att någon kan hjälpa oss med det", "Vi kan och vill"),
            ("b", "", "Det som vi behöver är att vi kan ge mer"),
            ("c", "Praktikplatser hos arbetsgivare", "Praktikplatser"),
        ]
    )
    assert [(n.party, [o.party for o in n.offers]) for n in needs] == [("a", []), ("c", [])]
    assert matching.meaningful_words("och i på att det som för med") == {}
    # Words every party writes make no match either.
    assert matching.shared_words("Kommunens chefer", "Kontakter i kommunen") == []
    # Endings: definite and plural forms meet the base form.
    assert matching.stem("arbetsgivarna") == matching.stem("arbetsgivare")
    assert matching.stem("kontakterna") == matching.stem("kontakt")


# The side-by-side pages ---------------------------------------------------------------------


def test_the_side_by_side_view_shows_differences_at_a_glance(client: Any, world: Any) -> None:
    kommun = party(world, "Eskilstuna kommun")
    write(
        world,
        kommun,
        goals="Fler unga i arbete",
        brings="Lokaler i Nyfors\nKontakter med arbetsgivare",
        needs="Förtroende hos unga\nPengar efter projektet",
        constraints="Budgeten beslutas årsvis; LOU",
    )
    write(
        world,
        world.party,
        goals="Första jobbet",
        brings="Förtroendet hos de unga",
        needs="Lokaler nära de unga",
        constraints="Få anställda",
    )
    client.force_login(world.users["viewer"])
    response = client.get(url("perspective_list", world))
    assert response.status_code == 200
    page = response.content.decode()
    # A real table in a labelled, focusable scroll region, the organisations as headers.
    assert 'role="region"' in page and 'tabindex="0"' in page and "<caption>" in page
    assert '<th scope="col">Eskilstuna kommun' in page and '<th scope="col">Right By Me' in page
    assert '<th scope="row">Goals' in page
    # Unanswered cells say so in words; the summary counts them per party.
    assert page.count("Not answered yet") == 2 * 5
    assert "Eskilstuna kommun has not answered 5 of 9 questions." in page
    assert "Right By Me has not answered 5 of 9 questions." in page
    # Needs met by an offer, with the shared words; a need nobody offers.
    assert "offered by Right By Me (shared words: förtroende, unga)" in page
    assert "offered by Eskilstuna kommun (shared words: lokaler)" in page
    unmet = page[page.index("Needs no other party offers") :]
    unmet = unmet[: unmet.index("</ul>")]
    assert "Pengar efter projektet" in unmet and "Lokaler nära" not in unmet
    # Constraints together.
    constraints = page[page.index(">Constraints</h2>") :]
    assert "Budgeten beslutas årsvis; LOU" in constraints and "Få anställda" in constraints
    # A viewer is offered no edits.
    assert url("perspective_edit", world, pk=kommun.pk) not in page
    client.force_login(world.users["editor"])
    page = client.get(url("perspective_list", world)).content.decode()
    assert url("perspective_edit", world, pk=kommun.pk) in page
    assert url("perspective_edit", world, pk=world.party.pk) in page


def test_the_context_page_lists_overlaps_and_shared_words(client: Any, world: Any) -> None:
    kommun = party(world, "Eskilstuna kommun")
    for who, fields in (
        (kommun, {"current_work": "Jobbtorg och stöd i jobbsökande", "overlaps": "Coachning"}),
        (world.party, {"current_work": "Förebilder och jobbsökande", "possible_harm": "Risk"}),
    ):
        trust_services.organisational_context_save(
            partnership=world.partnership, party=who, expected_version=1, **fields
        )
    client.force_login(world.users["viewer"])
    page = client.get(url("context_list", world)).content.decode()
    assert "Eskilstuna kommun and Right By Me: jobbsökande" in page
    assert "Coachning" in page and "Risk" in page
    assert "has not answered 3 of 5 questions." in page


@pytest.mark.parametrize("name", ["perspective_list", "context_list"])
def test_the_side_by_side_view_costs_the_same_for_2_and_6_parties(
    client: Any, world: Any, name: str
) -> None:
    counts = {}
    for size in (2, 6):
        partnership = PartnershipFactory()
        parties = [
            PartyFactory(partnership=partnership, organisation=OrganisationFactory())
            for _ in range(size)
        ]
        for who in parties:
            trust_services.perspective_save(
                partnership=partnership,
                party=who,
                expected_version=1,
                goals="Mål",
                brings="Lokaler",
                needs="Lokaler",
            )
            trust_services.organisational_context_save(
                partnership=partnership,
                party=who,
                expected_version=1,
                current_work="Jobbtorg",
            )
        MembershipFactory(user=world.users["outsider"], partnership=partnership, role="viewer")
        client.force_login(world.users["outsider"])
        address = reverse(f"partnerships:{name}", kwargs={"key": partnership.key})
        assert client.get(address).status_code == 200
        with CaptureQueriesContext(connection) as captured:
            body = client.get(address).content.decode()
        counts[size] = len(captured.captured_queries)
        assert body.count('<th scope="col">') == size + 1
    assert counts[2] == counts[6], counts


# Editing ---------------------------------------------------------------------------------


def form_data(record: Perspective | None = None, **changes: str) -> dict[str, Any]:
    data: dict[str, Any] = {name: "" for name in PERSPECTIVE_FIELDS}
    data["version_seen"] = 1
    if record is not None:
        data.update({name: getattr(record, name) for name in PERSPECTIVE_FIELDS})
        data["version_seen"] = record.version
    data.update(changes)
    return data


def test_an_editor_writes_a_partys_perspective_on_its_page(client: Any, world: Any) -> None:
    write(world, party(world, "Eskilstuna kommun"), brings="Lokaler i Årby", own_goals="Hemligt")
    client.force_login(world.users["editor"])
    form = client.get(url("perspective_edit", world, pk=world.party.pk))
    assert form.status_code == 200
    page = form.content.decode()
    assert "Perspective of Right By Me" in page and 'for="id_needs"' in page
    # What the others bring and need is shown beside the form (and only that).
    assert "What the other parties wrote" in page and "Lokaler i Årby" in page
    assert "Hemligt" not in page
    assert not Perspective.objects.filter(party=world.party).exists()  # opening writes nothing
    response = client.post(
        url("perspective_edit", world, pk=world.party.pk),
        form_data(goals=" Första jobbet ", needs="Lokaler"),
    )
    assert response.status_code == 302
    assert response["Location"] == url("perspective_list", world)
    record = Perspective.objects.get(partnership=world.partnership, party=world.party)
    assert (record.goals, record.needs, record.brings) == ("Första jobbet", "Lokaler", "")
    # The history tells it, by party.
    history = client.get(url("history", world)).content.decode()
    assert "Right By Me" in history and "Första jobbet" in history


def test_two_people_editing_different_fields_of_one_perspective_are_both_kept(
    client: Any, world: Any
) -> None:
    # Both open the party's empty page before anything was saved (version 1, the empty start).
    opened = form_data()
    edit = url("perspective_edit", world, pk=world.party.pk)
    client.force_login(world.users["editor"])
    assert client.post(edit, {**opened, "goals": "Första jobbet"}).status_code == 302
    client.force_login(world.users["owner"])
    assert client.post(edit, {**opened, "needs": "Lokaler"}).status_code == 302
    record = Perspective.objects.get(party=world.party)
    assert (record.goals, record.needs) == ("Första jobbet", "Lokaler")
    # A third person changed the goals too, differently: a conflict, nothing saved.
    client.force_login(world.users["facilitator"])
    third = client.post(edit, {**opened, "goals": "Studier", "brings": "Förebilder"})
    assert third.status_code == 200
    assert [c.name for c in third.context["form"].conflict] == ["goals"]
    assert "Someone else saved this first" in third.content.decode()
    record.refresh_from_db()
    assert (record.goals, record.brings) == ("Första jobbet", "")
    with pytest.raises(EditConflict):
        trust_services.perspective_save(
            partnership=world.partnership, party=world.party, expected_version=1, goals="X"
        )


def test_outsiders_get_404_viewers_read_only(client: Any, world: Any) -> None:
    write(world, world.party, goals="Mål")
    client.force_login(world.users["outsider"])
    for name in ("perspective_list", "context_list"):
        assert client.get(url(name, world)).status_code == 404
    assert client.get(url("perspective_edit", world, pk=world.party.pk)).status_code == 404
    client.force_login(world.users["viewer"])
    assert client.get(url("perspective_list", world)).status_code == 200
    edit = url("perspective_edit", world, pk=world.party.pk)
    assert client.get(edit).status_code == 403
    assert client.post(edit, form_data(goals="Ändrat")).status_code == 403
    assert client.post(url("context_edit", world, pk=world.party.pk), {}).status_code == 403
    assert Perspective.objects.get(party=world.party).goals == "Mål"
    # Another partnership's party is not found through this one.
    other = PartyFactory(partnership=PartnershipFactory())
    client.force_login(world.users["editor"])
    assert client.get(url("perspective_edit", world, pk=other.pk)).status_code == 404
    assert client.get(url("context_edit", world, pk=other.pk)).status_code == 404


def test_a_removed_partys_perspective_is_hidden_but_kept(client: Any, world: Any) -> None:
    kommun = party(world, "Eskilstuna kommun")
    write(world, kommun, goals="Kommunens mål", needs="Förebilder")
    write(world, world.party, goals="Våra mål", brings="Förebilder")
    services.party_remove(party=kommun)
    client.force_login(world.users["editor"])
    page = client.get(url("perspective_list", world)).content.decode()
    assert "Kommunens mål" not in page and "Eskilstuna kommun" not in page
    assert client.get(url("perspective_edit", world, pk=kommun.pk)).status_code == 404
    assert Perspective.objects.filter(party=kommun, goals="Kommunens mål").exists()
    services.party_restore(party=Party.all_objects.get(pk=kommun.pk))
    page = client.get(url("perspective_list", world)).content.decode()
    assert "Kommunens mål" in page


# Step 2's checks ---------------------------------------------------------------------------


def test_step_two_checks_follow_every_active_party(world: Any) -> None:
    kommun = party(world, "Eskilstuna kommun")
    status = step_two(world.partnership)
    labels = [check.label for check in status.checks]
    assert labels[:2] == [
        "Every party has written its perspective (goals, brings, needs at least)",
        "Every party has described its organisational context",
    ]
    assert labels[-1] == "The shared glossary has at least one agreed term"
    assert status.checks[0].action_url == url("perspective_list", world)
    assert status.checks[1].action_url == url("context_list", world)
    assert status.checks[-1].action_url == url("glossary_list", world)
    # (the meetings' checks sit between these; "nothing overdue" passes without meetings)
    assert not any(status.checks[index].passed for index in (0, 1, -1))
    # Goals and brings are not enough: needs too.
    write(world, world.party, goals="Mål", brings="Förebilder", needs="Lokaler")
    write(world, kommun, goals="Mål", brings="Lokaler")
    assert not step_two(world.partnership).checks[0].passed
    trust_services.perspective_save(
        partnership=world.partnership, party=kommun, expected_version=2, needs="Förtroende"
    )
    assert step_two(world.partnership).checks[0].passed
    # A party added later has written nothing yet; once it is removed it no longer counts.
    newcomer = party(world, "Reach for Change")
    assert not step_two(world.partnership).checks[0].passed
    services.party_remove(party=newcomer)
    assert step_two(world.partnership).checks[0].passed
    for who in (world.party, kommun):
        trust_services.organisational_context_save(
            partnership=world.partnership,
            party=who,
            expected_version=1,
            current_work="Jobbtorg",
            strengths="Kontakter",
        )
    assert step_two(world.partnership).checks[1].passed
    term = GlossaryTerm.objects.get(partnership=world.partnership, term="Deltagare")
    services.glossary_term_update(
        glossary_term=term, expected_version=term.version, status="agreed"
    )
    assert step_two(world.partnership).checks[-1].passed


def test_step_two_checks_cost_the_same_for_2_and_6_parties(db: Any) -> None:
    from partnerships.trust.steps import glossary, perspectives_and_contexts

    counts = {}
    for size in (2, 6):
        partnership = PartnershipFactory()
        for _ in range(size):
            who = PartyFactory(partnership=partnership)
            trust_services.perspective_save(
                partnership=partnership, party=who, expected_version=1, goals="Mål"
            )
        with CaptureQueriesContext(connection) as captured:
            perspectives_and_contexts(partnership)
            glossary(partnership)
        counts[size] = len(captured.captured_queries)
    assert counts[2] == counts[6] == 4


# Demo data ---------------------------------------------------------------------------------


def test_the_demo_fills_eskilstuna_and_begins_boden(db: Any) -> None:
    from django.core.management import call_command

    from partnerships.demo import BODEN, ESKILSTUNA
    from partnerships.models import Partnership

    call_command("seed_demo", stdout=StringIO())
    count = Perspective.objects.count(), OrganisationalContext.objects.count()
    call_command("seed_demo", stdout=StringIO())
    assert (Perspective.objects.count(), OrganisationalContext.objects.count()) == count
    eskilstuna = Partnership.objects.get(title=ESKILSTUNA)
    checks = step_two(eskilstuna).checks
    assert checks[0].passed and checks[1].passed
    boden = Partnership.objects.get(title=BODEN)
    status = step_two(boden)
    assert not status.checks[0].passed and status.checks[1].passed
    assert status.state == "in_progress"


def test_a_cleared_answer_comes_back_from_the_history(client: Any, world: Any) -> None:
    first = write(world, world.party, goals="Första jobbet", needs="Lokaler")
    trust_services.perspective_save(
        partnership=world.partnership, party=world.party, expected_version=first.version, goals=""
    )
    record = Perspective.history.get(id=first.pk, version=first.version)
    restore = reverse(
        "partnerships:history_restore",
        kwargs={
            "key": world.partnership.key,
            "model": "partnerships.perspective",
            "history_id": record.history_id,
        },
    )
    client.force_login(world.users["editor"])
    assert client.get(restore).status_code == 200
    assert client.post(restore).status_code == 302
    restored = Perspective.objects.get(pk=first.pk)
    assert (restored.goals, restored.needs) == ("Första jobbet", "Lokaler")
