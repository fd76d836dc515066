"""The shared glossary (step 2): rules, pages, merge, soft removal, bounded queries."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from partnerships import selectors, services
from partnerships.concurrency import EditConflict
from partnerships.models import GlossaryTerm
from tests.factories import OrganisationFactory, PartnershipFactory, PartyFactory

pytestmark = pytest.mark.usefixtures("english")


def url(name: str, world: Any, **kwargs: Any) -> str:
    return reverse(f"partnerships:{name}", kwargs={"key": world.partnership.key, **kwargs})


def form_data(record: GlossaryTerm | None = None, **changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {"term": "Uppföljning", "agreed_meaning": "", "status": "not_agreed"}
    if record is not None:
        data.update(
            {
                "term": record.term,
                "agreed_meaning": record.agreed_meaning,
                "status": record.status,
                "version_seen": record.version,
                **{f"meaning_{k}": v for k, v in record.meanings.items()},
            }
        )
    data.update(changes)
    return data


# The rules, in the services ----------------------------------------------------------------


def test_a_term_is_unique_per_partnership_whatever_its_case(world: Any) -> None:
    services.glossary_term_create(partnership=world.partnership, term="Uppföljning")
    with pytest.raises(ValidationError) as refused:
        services.glossary_term_create(partnership=world.partnership, term="UPPFÖLJNING")
    assert "The glossary already has the term “UPPFÖLJNING”." in str(refused.value)
    # Another partnership may use the same word.
    other = services.glossary_term_create(partnership=PartnershipFactory(), term="uppföljning")
    assert other.pk


def test_renaming_onto_another_term_is_refused(world: Any) -> None:
    services.glossary_term_create(partnership=world.partnership, term="Insats")
    term = services.glossary_term_create(partnership=world.partnership, term="Stöd")
    with pytest.raises(ValidationError):
        services.glossary_term_update(
            glossary_term=term, expected_version=term.version, term="insats"
        )


def test_services_refuse_fields_people_do_not_edit(world: Any) -> None:
    with pytest.raises(TypeError):
        services.glossary_term_create(partnership=world.partnership, term="X", removed_at=None)


def test_meanings_are_kept_per_party_and_empty_ones_left_out(world: Any) -> None:
    term = services.glossary_term_create(
        partnership=world.partnership,
        term=" Målgrupp ",
        meanings={world.party.pk: " En ung person i insatsen ", 999: "  "},
    )
    assert term.term == "Målgrupp"
    assert term.meanings == {str(world.party.pk): "En ung person i insatsen"}
    assert term.meaning_for(world.party.pk) == "En ung person i insatsen"


# The pages ---------------------------------------------------------------------------------


def test_editor_adds_a_term_with_a_meaning_per_party(client: Any, world: Any) -> None:
    second = PartyFactory(
        partnership=world.partnership, organisation=OrganisationFactory(name="Eskilstuna kommun")
    )
    client.force_login(world.users["editor"])
    form = client.get(url("glossary_create", world)).content.decode()
    assert "Meaning to Right By Me" in form and "Meaning to Eskilstuna kommun" in form
    assert f'for="id_meaning_{second.pk}"' in form  # each textarea has its label
    response = client.post(
        url("glossary_create", world),
        form_data(
            **{
                f"meaning_{world.party.pk}": "Den vi coachar",
                f"meaning_{second.pk}": "Den som är inskriven hos arbetsmarknadsenheten",
            }
        ),
    )
    assert response.status_code == 302
    term = GlossaryTerm.objects.get(partnership=world.partnership, term="Uppföljning")
    assert term.meanings == {
        str(world.party.pk): "Den vi coachar",
        str(second.pk): "Den som är inskriven hos arbetsmarknadsenheten",
    }
    # The same word again, in another case: refused on the form, with the reason.
    again = client.post(url("glossary_create", world), form_data(term="uppföljning"))
    assert again.status_code == 400
    assert "The glossary already has the term" in again.content.decode()


def test_the_list_is_alphabetical_shows_each_partys_meaning_and_says_not_agreed(
    client: Any, world: Any
) -> None:
    second = PartyFactory(
        partnership=world.partnership, organisation=OrganisationFactory(name="Eskilstuna kommun")
    )
    services.glossary_term_create(
        partnership=world.partnership,
        term="uppföljning",
        meanings={world.party.pk: "Samtal var tredje månad", second.pk: "Statistik per kvartal"},
        status="not_agreed",
    )
    services.glossary_term_create(
        partnership=world.partnership,
        term="Arbetsmarknadsinsats",
        agreed_meaning="Stöd mot arbete eller studier",
        status="agreed",
    )
    client.force_login(world.users["viewer"])
    response = client.get(url("glossary_list", world))
    assert response.status_code == 200
    page = response.content.decode()
    assert "<caption>" in page and 'scope="col"' in page and 'scope="row"' in page
    assert "Meaning to Right By Me" in page and "Meaning to Eskilstuna kommun" in page
    assert "Samtal var tredje månad" in page and "Statistik per kvartal" in page
    # Alphabetically, whatever the case: "Arbetsmarknadsinsats" before "Deltagare" (the
    # world's) before "uppföljning".
    assert page.index("Arbetsmarknadsinsats") < page.index("Deltagare") < page.index("uppföljning")
    row = page[page.index(">uppföljning<") :]
    row = row[: row.index("</tr>")]
    assert "Not yet agreed" in row  # in words, not colour alone
    assert url("glossary_create", world) not in page  # a viewer is offered no edits
    assert "Shared glossary" in page  # the nav


def test_the_list_follows_the_swedish_alphabet_with_a_ring_a_umlaut_o_umlaut_last(
    world: Any,
) -> None:
    for word in ("Överenskommelse", "ärende", "Åtgärd", "Zon", "Ansvar", "Émigré"):
        services.glossary_term_create(partnership=world.partnership, term=word)
    words = [term.term for term in selectors.glossary_terms(world.partnership)]
    # Code-point order would put Ä before Å and É after Ö; a Swedish dictionary does not.
    assert words == ["Ansvar", "Deltagare", "Émigré", "Zon", "Åtgärd", "ärende", "Överenskommelse"]


def test_viewer_gets_403_and_outsider_404(client: Any, world: Any) -> None:
    term = services.glossary_term_create(partnership=world.partnership, term="Ord")
    client.force_login(world.users["viewer"])
    assert client.post(url("glossary_create", world), form_data()).status_code == 403
    assert client.post(url("glossary_edit", world, pk=term.pk), form_data(term)).status_code == 403
    assert client.post(url("glossary_delete", world, pk=term.pk)).status_code == 403
    assert GlossaryTerm.objects.filter(pk=term.pk).exists()
    client.force_login(world.users["outsider"])
    assert client.get(url("glossary_list", world)).status_code == 404
    assert client.get(url("glossary_edit", world, pk=term.pk)).status_code == 404
    other = services.glossary_term_create(partnership=PartnershipFactory(), term="Ord")
    client.force_login(world.users["editor"])
    assert client.get(url("glossary_edit", world, pk=other.pk)).status_code == 404


def test_two_people_editing_different_fields_are_both_kept(client: Any, world: Any) -> None:
    term = services.glossary_term_create(partnership=world.partnership, term="Deltagare 2")
    opened = form_data(term)
    client.force_login(world.users["editor"])
    first = client.post(
        url("glossary_edit", world, pk=term.pk),
        {**opened, f"meaning_{world.party.pk}": "Den vi coachar"},
    )
    assert first.status_code == 302
    # The owner, from the same starting version, agreed on a meaning: merged.
    client.force_login(world.users["owner"])
    second = client.post(
        url("glossary_edit", world, pk=term.pk),
        {**opened, "agreed_meaning": "En person i insatsen", "status": "agreed"},
    )
    assert second.status_code == 302
    term.refresh_from_db()
    assert term.meanings == {str(world.party.pk): "Den vi coachar"}
    assert (term.agreed_meaning, term.status) == ("En person i insatsen", "agreed")
    # A third person changed the agreed meaning too, differently: a conflict, nothing saved.
    client.force_login(world.users["facilitator"])
    third = client.post(
        url("glossary_edit", world, pk=term.pk), {**opened, "agreed_meaning": "Annat"}
    )
    assert third.status_code == 200
    assert [c.name for c in third.context["form"].conflict] == ["agreed_meaning"]
    term.refresh_from_db()
    assert term.agreed_meaning == "En person i insatsen"
    services.glossary_term_update(glossary_term=term, expected_version=term.version, term="Deras")
    with pytest.raises(EditConflict):
        services.glossary_term_update(
            glossary_term=term, expected_version=term.version, term="Mitt"
        )


def test_two_parties_writing_their_own_meaning_at_once_both_keep_it(world: Any) -> None:
    second = PartyFactory(partnership=world.partnership)
    mine, theirs = str(world.party.pk), str(second.pk)
    term = services.glossary_term_create(
        partnership=world.partnership, term="Praktik", meanings={mine: "Gammal"}
    )
    opened = term.version
    services.glossary_term_update(
        glossary_term=term, expected_version=opened, meanings={mine: "Gammal", theirs: "Deras"}
    )
    services.glossary_term_update(
        glossary_term=term, expected_version=opened, meanings={mine: "Vår nya"}
    )
    term.refresh_from_db()
    assert term.meanings == {mine: "Vår nya", theirs: "Deras"}
    # Both changed the same party's meaning, differently: a conflict, nothing saved.
    with pytest.raises(EditConflict):
        services.glossary_term_update(
            glossary_term=term, expected_version=opened, meanings={mine: "Tredje"}
        )
    term.refresh_from_db()
    assert term.meanings == {mine: "Vår nya", theirs: "Deras"}


def test_a_conflict_brings_the_other_persons_meaning_up_to_date(client: Any, world: Any) -> None:
    mine = f"meaning_{world.party.pk}"
    term = services.glossary_term_create(
        partnership=world.partnership, term="Stöd", meanings={world.party.pk: "Gammal"}
    )
    opened = form_data(term)
    services.glossary_term_update(
        glossary_term=term,
        expected_version=term.version,
        agreed_meaning="Deras",
        meanings={world.party.pk: "Deras betydelse"},
    )
    client.force_login(world.users["editor"])
    response = client.post(
        url("glossary_edit", world, pk=term.pk), {**opened, "agreed_meaning": "Min"}
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert [c.name for c in form.conflict] == ["agreed_meaning"]
    assert form.data[mine] == "Deras betydelse"  # saving again keeps their meaning
    # Both changed the same party's meaning: the conflict names the party.
    response = client.post(
        url("glossary_edit", world, pk=term.pk), {**opened, mine: "Min betydelse"}
    )
    conflicts = {c.name: c for c in response.context["form"].conflict}
    assert conflicts["meanings"].theirs == "Right By Me: Deras betydelse"
    assert conflicts["meanings"].yours == "Right By Me: Min betydelse"


def test_remove_asks_first_then_restore_brings_it_back(client: Any, world: Any) -> None:
    term = services.glossary_term_create(partnership=world.partnership, term="Matchning")
    client.force_login(world.users["editor"])
    confirm = client.get(url("glossary_delete", world, pk=term.pk))
    assert confirm.status_code == 200
    assert "Removed terms" in confirm.content.decode()
    assert GlossaryTerm.objects.filter(pk=term.pk).exists()  # nothing happened on GET
    assert client.post(url("glossary_delete", world, pk=term.pk)).status_code == 302
    assert not GlossaryTerm.objects.filter(pk=term.pk).exists()
    assert selectors.removed_glossary_terms(world.partnership).filter(pk=term.pk).exists()
    page = client.get(url("glossary_list", world)).content.decode()
    assert url("glossary_restore", world, pk=term.pk) in page
    assert client.post(url("glossary_restore", world, pk=term.pk)).status_code == 302
    assert GlossaryTerm.objects.filter(pk=term.pk, removed_at__isnull=True).exists()


def test_a_removed_term_does_not_come_back_next_to_a_new_one_of_the_same_word(
    client: Any, world: Any
) -> None:
    old = services.glossary_term_remove(
        glossary_term=services.glossary_term_create(partnership=world.partnership, term="Coach")
    )
    services.glossary_term_create(partnership=world.partnership, term="coach")
    client.force_login(world.users["editor"])
    response = client.post(url("glossary_restore", world, pk=old.pk), follow=True)
    assert "The glossary already has the term" in response.content.decode()
    assert GlossaryTerm.all_objects.get(pk=old.pk).removed_at is not None


def test_the_history_page_tells_the_term_and_each_partys_meaning_by_name(
    client: Any, world: Any
) -> None:
    term = services.glossary_term_create(
        partnership=world.partnership, term="Handledare", meanings={world.party.pk: "Förr"}
    )
    term = services.glossary_term_update(
        glossary_term=term, expected_version=term.version, meanings={world.party.pk: "Nu"}
    )
    services.glossary_term_remove(glossary_term=term)
    client.force_login(world.users["owner"])
    page = client.get(reverse("partnerships:history", kwargs={"key": world.partnership.key}))
    assert page.status_code == 200
    text = page.content.decode()
    assert "Handledare" in text
    assert "Right By Me (Social entrepreneur): Förr" in text
    assert "Right By Me (Social entrepreneur): Nu" in text


def test_the_page_speaks_swedish(client: Any, world: Any) -> None:
    from django.conf import settings
    from django.utils import translation

    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "sv"
    services.glossary_term_create(partnership=world.partnership, term="Ord")
    client.force_login(world.users["viewer"])
    with translation.override("sv"):
        text = client.get(url("glossary_list", world)).content.decode()
    assert "Gemensam ordlista" in text and "Inte överenskommen än" in text
    assert "Betydelse för Right By Me" in text


def _list_queries(client: Any, world: Any, count: int) -> int:
    for n in range(count):
        services.glossary_term_create(
            partnership=world.partnership,
            term=f"Term {n:02}",
            meanings={world.party.pk: f"Betydelse {n}"},
        )
    client.force_login(world.users["owner"])
    client.get(url("glossary_list", world))
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url("glossary_list", world)).status_code == 200
    GlossaryTerm.all_objects.filter(partnership=world.partnership).delete()
    return len(queries)


def test_the_list_query_count_does_not_grow_with_the_terms(client: Any, world: Any) -> None:
    assert _list_queries(client, world, 2) == _list_queries(client, world, 20)
