"""The theory-of-change page and editing the chain in place, with and without htmx."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from theory_of_change.models import Indicator, Level, Link, Node, TheoryOfChange

from .factories import IndicatorFactory, LinkFactory, NodeFactory, OutcomeFactory

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}


def url(name: str, world: Any, **kwargs: Any) -> str:
    return reverse(f"theory_of_change:{name}", kwargs={"key": world.partnership.key, **kwargs})


def focus_of(response: Any) -> str:
    return json.loads(response["HX-Trigger-After-Settle"])["tocFocus"]["selector"]


def test_the_page_shows_the_shared_picture_smart_panel_chain_and_diagram(
    owner_client: Any, world: Any
) -> None:
    response = owner_client.get(url("page", world))
    assert response.status_code == 200
    text = response.content.decode()
    assert "Unga 16–24 år i Årby och Nyfors." in text
    assert "<svg" in text and 'role="img"' in text
    assert "1 SMART goal" in text
    assert 'class="toc-outline"' in text
    assert "Add a node" in text


def test_a_viewer_reads_but_gets_no_editing_controls(client: Any, world: Any) -> None:
    client.force_login(world.users["viewer"])
    text = client.get(url("page", world)).content.decode()
    assert "1 SMART goal" in text
    assert "Add a node" not in text
    assert "Edit node" not in text


def test_the_nav_has_the_theory_of_change_tab(owner_client: Any, world: Any) -> None:
    overview = reverse("partnerships:overview", kwargs={"key": world.partnership.key})
    assert url("page", world) in owner_client.get(overview).content.decode()


def test_adding_a_node_without_htmx_redirects_back_to_it(owner_client: Any, world: Any) -> None:
    response = owner_client.post(
        url("node_add", world),
        {"node-level": Level.OUTPUT, "node-title": "Unga nås", "node-description": ""},
    )
    node = Node.objects.get(title="Unga nås")
    assert response.status_code == 302
    assert response["Location"].endswith(f"#node-{node.pk}")
    assert node.partnership == world.partnership
    assert node.level == Level.OUTPUT


def test_adding_a_node_with_htmx_answers_the_workspace_status_and_focus(
    owner_client: Any, world: Any
) -> None:
    response = owner_client.post(
        url("node_add", world), {"node-level": Level.OUTPUT, "node-title": "Unga nås"}, **HTMX
    )
    node = Node.objects.get(title="Unga nås")
    text = response.content.decode()
    assert response.status_code == 200
    assert text.lstrip().startswith('<div id="toc-workspace">')
    assert "<html" not in text
    assert 'hx-swap-oob="innerHTML"' in text and "was added as output" in text
    assert focus_of(response) == f"#node-title-{node.pk}"


def test_an_invalid_node_shows_the_errors_and_changes_nothing(
    owner_client: Any, world: Any
) -> None:
    before = Node.objects.count()
    response = owner_client.post(url("node_add", world), {"node-level": "", "node-title": ""})
    assert response.status_code == 400
    assert "This field is required" in response.content.decode()
    htmx = owner_client.post(url("node_add", world), {"node-level": "", "node-title": ""}, **HTMX)
    assert htmx.status_code == 200  # htmx swaps only 2xx answers
    assert focus_of(htmx) == "#node-add-form"
    assert Node.objects.count() == before


def test_a_link_backwards_is_refused_with_both_levels_named(owner_client: Any, world: Any) -> None:
    outcome = Node.objects.get(partnership=world.partnership, level=Level.SHORT_TERM)
    activity = Node.objects.get(partnership=world.partnership, level=Level.ACTIVITY)
    response = owner_client.post(
        url("link_add", world), {"link-source": outcome.pk, "link-target": activity.pk}, **HTMX
    )
    text = response.content.decode()
    assert "cannot lead to" in text
    assert "Short-term outcome" in text and "Activity" in text
    assert not Link.objects.filter(source=outcome).exists()


def test_a_link_to_a_node_of_another_partnership_is_not_offered(
    owner_client: Any, world: Any
) -> None:
    activity = Node.objects.get(partnership=world.partnership, level=Level.ACTIVITY)
    stranger = NodeFactory(level=Level.IMPACT)
    response = owner_client.post(
        url("link_add", world), {"link-source": activity.pk, "link-target": stranger.pk}
    )
    assert response.status_code == 400
    assert not Link.objects.filter(target=stranger).exists()


def test_adding_a_link_with_assumptions(owner_client: Any, world: Any) -> None:
    activity = Node.objects.get(partnership=world.partnership, level=Level.ACTIVITY)
    impact = NodeFactory(
        partnership=world.partnership, level=Level.IMPACT, title="Egen försörjning"
    )
    response = owner_client.post(
        url("link_add", world),
        {"link-source": activity.pk, "link-target": impact.pk, "link-assumptions": "Jobben finns"},
    )
    assert response.status_code == 302
    assert Link.objects.get(source=activity, target=impact).assumptions == "Jobben finns"


def test_opening_a_node_for_editing_in_place(owner_client: Any, world: Any) -> None:
    outcome = Node.objects.get(partnership=world.partnership, level=Level.SHORT_TERM)
    response = owner_client.get(url("node_edit", world, pk=outcome.pk), **HTMX)
    text = response.content.decode()
    assert f'id="edit-form-node-{outcome.pk}"' in text
    assert 'id="toc-workspace"' not in text  # only the node is swapped
    assert 'name="goal_statement"' in text  # an outcome edits its goal too
    assert focus_of(response) == f"#edit-form-node-{outcome.pk}"
    full = owner_client.get(url("node_edit", world, pk=outcome.pk))
    assert (
        "<html" in full.content.decode()
        and f'id="edit-form-node-{outcome.pk}"' in full.content.decode()
    )
    cancel = owner_client.get(url("page", world) + f"?node={outcome.pk}", **HTMX)
    assert f'id="node-title-{outcome.pk}"' in cancel.content.decode()


def test_an_activity_has_no_goal_fields(owner_client: Any, world: Any) -> None:
    activity = Node.objects.get(partnership=world.partnership, level=Level.ACTIVITY)
    text = owner_client.get(url("node_edit", world, pk=activity.pk), **HTMX).content.decode()
    assert 'name="title"' in text and 'name="goal_statement"' not in text


def test_editing_a_node_saves_its_goal(owner_client: Any, world: Any) -> None:
    outcome = Node.objects.get(partnership=world.partnership, level=Level.SHORT_TERM)
    data = {
        "level": Level.SHORT_TERM,
        "title": "Ny titel",
        "goal_statement": "Ett tydligt mål",
        "achievability": "",
        "need": "",
        "version_seen": outcome.version,
    }
    response = owner_client.post(url("node_edit", world, pk=outcome.pk), data, **HTMX)
    outcome.refresh_from_db()
    assert outcome.title == "Ny titel"
    assert outcome.version == 2
    # The SMART panel answers at once: the goal lost its target group, achievability and need.
    assert "0 SMART goals" in response.content.decode()


def test_an_edit_conflict_keeps_the_users_input_and_names_the_other_version(
    owner_client: Any, world: Any
) -> None:
    outcome = Node.objects.get(partnership=world.partnership, level=Level.SHORT_TERM)
    seen = outcome.version
    outcome.title = "Sparad av någon annan"
    outcome.version += 1
    outcome.save()
    data = {"level": Level.SHORT_TERM, "title": "Min titel", "version_seen": seen}
    response = owner_client.post(url("node_edit", world, pk=outcome.pk), data, **HTMX)
    text = response.content.decode()
    assert "Someone else saved this first" in text
    assert "Sparad av någon annan" in text and "Min titel" in text
    outcome.refresh_from_db()
    assert outcome.title == "Sparad av någon annan"


def test_changing_a_level_against_a_link_is_refused(owner_client: Any, world: Any) -> None:
    activity = Node.objects.get(partnership=world.partnership, level=Level.ACTIVITY)
    data = {
        "level": Level.IMPACT,
        "title": activity.title,
        "version_seen": activity.version,
    }
    response = owner_client.post(url("node_edit", world, pk=activity.pk), data)
    assert response.status_code == 400
    assert "cannot lead to" in response.content.decode()
    activity.refresh_from_db()
    assert activity.level == Level.ACTIVITY


def test_deleting_a_node_asks_first_and_says_what_goes_with_it(
    owner_client: Any, world: Any
) -> None:
    outcome = Node.objects.get(partnership=world.partnership, level=Level.SHORT_TERM)
    indicator = Indicator.objects.get(partnership=world.partnership)
    asked = owner_client.get(url("node_delete", world, pk=outcome.pk), **HTMX)
    text = asked.content.decode()
    assert f'id="edit-form-delete-{outcome.pk}"' in text
    assert f"Delete “{outcome.title}”?" in text
    assert "1 link and 1 indicator" in text and indicator.name in text
    assert "<script" not in text
    assert focus_of(asked) == f"#edit-form-delete-{outcome.pk}"
    # Without htmx: a page of its own; a POST without the confirmation deletes nothing.
    page = owner_client.get(url("node_delete", world, pk=outcome.pk))
    assert page.status_code == 200 and "What will change" in page.content.decode()
    assert owner_client.post(url("node_delete", world, pk=outcome.pk)).status_code == 400
    assert Node.objects.filter(pk=outcome.pk).exists()


def test_deleting_a_node_takes_its_links_and_indicators(owner_client: Any, world: Any) -> None:
    outcome = Node.objects.get(partnership=world.partnership, level=Level.SHORT_TERM)
    response = owner_client.post(url("node_delete", world, pk=outcome.pk), {"confirm": "1"}, **HTMX)
    assert focus_of(response) == f"#level-{Level.SHORT_TERM}"
    assert "history page" in response.content.decode()  # how to undo it
    assert not Node.objects.filter(pk=outcome.pk).exists()
    assert not Indicator.objects.filter(partnership=world.partnership).exists()
    assert not Link.objects.filter(partnership=world.partnership).exists()


def test_the_link_assumptions_edit_and_delete(owner_client: Any, world: Any) -> None:
    link = Link.objects.get(partnership=world.partnership)
    form = owner_client.get(url("link_edit", world, pk=link.pk), **HTMX).content.decode()
    assert f'id="edit-form-link-{link.pk}"' in form
    owner_client.post(
        url("link_edit", world, pk=link.pk), {"assumptions": "Nya antaganden", "version_seen": 1}
    )
    link.refresh_from_db()
    assert link.assumptions == "Nya antaganden"
    asked = owner_client.get(url("link_delete", world, pk=link.pk)).content.decode()
    assert "Remove the link from" in asked and "Nya antaganden" in asked
    assert Link.objects.filter(pk=link.pk).exists()
    response = owner_client.post(url("link_delete", world, pk=link.pk), {"confirm": "1"})
    assert response.status_code == 302
    assert not Link.objects.filter(pk=link.pk).exists()
    page = owner_client.get(response["Location"]).content.decode()
    assert "no longer leads to" in page and "history page" in page


def test_deleting_an_indicator_asks_first(owner_client: Any, world: Any) -> None:
    indicator = Indicator.objects.get(partnership=world.partnership)
    asked = owner_client.get(url("indicator_delete", world, pk=indicator.pk), **HTMX)
    assert f"Delete the indicator “{indicator.name}”" in asked.content.decode()
    assert Indicator.objects.filter(pk=indicator.pk).exists()
    done = owner_client.post(
        url("indicator_delete", world, pk=indicator.pk), {"confirm": "1"}, **HTMX
    )
    assert "was deleted" in done.content.decode() and "history page" in done.content.decode()
    assert not Indicator.objects.filter(pk=indicator.pk).exists()


def test_adding_an_indicator_to_an_outcome(owner_client: Any, world: Any) -> None:
    outcome = Node.objects.get(partnership=world.partnership, level=Level.SHORT_TERM)
    form = owner_client.get(url("indicator_add", world, pk=outcome.pk), **HTMX).content.decode()
    assert f'id="edit-form-indicator_add-{outcome.pk}"' in form
    data = {
        "name": "Antal i jobb",
        "unit": "personer",
        "baseline_value": "0",
        "responsible_party": world.party.pk,
    }
    response = owner_client.post(url("indicator_add", world, pk=outcome.pk), data)
    assert response.status_code == 302
    indicator = Indicator.objects.get(name="Antal i jobb")
    assert indicator.partnership == world.partnership
    assert indicator.responsible_party == world.party


def test_an_indicator_on_an_activity_is_refused_with_the_reason(
    owner_client: Any, world: Any
) -> None:
    activity = Node.objects.get(partnership=world.partnership, level=Level.ACTIVITY)
    response = owner_client.post(url("indicator_add", world, pk=activity.pk), {"name": "Antal"})
    assert response.status_code == 400
    assert "Indicators belong to outputs and outcomes" in response.content.decode()
    assert not Indicator.objects.filter(node=activity).exists()


def test_a_target_date_before_the_baseline_is_refused(owner_client: Any, world: Any) -> None:
    indicator = Indicator.objects.get(partnership=world.partnership)
    data = {
        "name": indicator.name,
        "baseline_date": "2025-01-01",
        "target_date": "2024-01-01",
        "version_seen": 1,
    }
    response = owner_client.post(url("indicator_edit", world, pk=indicator.pk), data)
    assert response.status_code == 400
    assert "must come after the baseline date" in response.content.decode()


def test_a_responsible_party_of_another_partnership_is_not_accepted(
    owner_client: Any, world: Any
) -> None:
    from tests.factories import PartyFactory

    stranger = PartyFactory()
    indicator = Indicator.objects.get(partnership=world.partnership)
    data = {"name": indicator.name, "responsible_party": stranger.pk, "version_seen": 1}
    response = owner_client.post(url("indicator_edit", world, pk=indicator.pk), data)
    assert response.status_code == 400
    indicator.refresh_from_db()
    assert indicator.responsible_party is None


def test_records_of_another_partnership_are_not_found(owner_client: Any, world: Any) -> None:
    stranger = IndicatorFactory()
    link = LinkFactory()
    assert owner_client.get(url("node_edit", world, pk=stranger.node.pk)).status_code == 404
    assert (
        owner_client.post(url("node_delete", world, pk=stranger.node.pk), {"confirm": "1"})
    ).status_code == 404
    assert owner_client.get(url("indicator_edit", world, pk=stranger.pk)).status_code == 404
    assert (
        owner_client.post(url("link_delete", world, pk=link.pk), {"confirm": "1"})
    ).status_code == 404
    assert Node.objects.filter(pk=stranger.node.pk).exists()


def test_the_shared_picture_is_created_on_the_first_save(owner_client: Any, world: Any) -> None:
    TheoryOfChange.objects.filter(partnership=world.partnership).delete()
    page = owner_client.get(url("page", world))
    assert page.status_code == 200
    assert not TheoryOfChange.objects.filter(partnership=world.partnership).exists()
    document = world.partnership.steering_documents.get()
    response = owner_client.post(
        url("edit", world), {"problem_statement": "Problemet", "steering_documents": [document.pk]}
    )
    assert response.status_code == 302
    toc = TheoryOfChange.objects.get(partnership=world.partnership)
    assert toc.problem_statement == "Problemet"
    assert list(toc.steering_documents.all()) == [document]


def test_the_history_page_lists_changes_to_the_chain(owner_client: Any, world: Any) -> None:
    owner_client.post(
        url("node_add", world), {"node-level": Level.OUTPUT, "node-title": "Unga nås"}
    )
    history = reverse("partnerships:history", kwargs={"key": world.partnership.key})
    text = owner_client.get(history).content.decode()
    assert "Output: Unga nås" in text
    assert "Chain node" in text


def _grow(partnership: Any, count: int) -> None:
    """A chain of `count` nodes, each outcome with an indicator, each node linked to the next."""
    previous = None
    for index in range(count):
        level = [
            Level.ACTIVITY,
            Level.OUTPUT,
            Level.SHORT_TERM,
            Level.MEDIUM_TERM,
            Level.LONG_TERM,
        ][index * 5 // count]
        node = (OutcomeFactory if level >= Level.SHORT_TERM else NodeFactory)(
            partnership=partnership, level=level
        )
        if level >= Level.SHORT_TERM:
            IndicatorFactory(node=node)
        if previous is not None:
            LinkFactory(source=previous, target=node)
        previous = node


@pytest.mark.parametrize("role", ["viewer", "owner"])
def test_the_page_costs_the_same_number_of_queries_for_5_and_50_nodes(
    client: Any, world: Any, django_assert_num_queries: Any, role: str
) -> None:
    client.force_login(world.users[role])
    Node.objects.filter(partnership=world.partnership).delete()
    _grow(world.partnership, 5)
    client.get(url("page", world))  # warm caches (sessions, content types)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as small:
        assert client.get(url("page", world)).status_code == 200
    Node.objects.filter(partnership=world.partnership).delete()
    _grow(world.partnership, 50)
    with django_assert_num_queries(len(small.captured_queries)):
        response = client.get(url("page", world))
    assert response.status_code == 200
    assert response.content.decode().count('class="toc-node"') == 50


def test_the_chain_carries_documents_parties_and_links(world: Any) -> None:
    from theory_of_change.selectors import load_chain

    document = world.partnership.steering_documents.get()
    outcome = Node.objects.get(partnership=world.partnership, level=Level.SHORT_TERM)
    outcome.steering_documents.add(document)
    IndicatorFactory(node=outcome, responsible_party=world.party, target_date=None)
    chain = load_chain(world.partnership)
    node = chain.node_map()[outcome.pk]
    assert chain.document_titles(node.steering_documents) == [document.title]
    assert [item.responsible_party for item in node.indicators] == ["", "Right By Me"]
    assert [(link.source, link.target) for link in chain.links] == [
        (Node.objects.get(partnership=world.partnership, level=Level.ACTIVITY).pk, outcome.pk)
    ]
    assert chain.picture["problem_statement"] == "Unga i området varken arbetar eller studerar."


def test_nodes_shown_from_the_cache_follow_every_change(client: Any, world: Any) -> None:
    """Unopened nodes are rendered once and cached; any change they show gives a new key."""
    activity = Node.objects.get(partnership=world.partnership, level=Level.ACTIVITY)
    outcome = Node.objects.get(partnership=world.partnership, level=Level.SHORT_TERM)
    client.force_login(world.users["owner"])
    page = url("page", world)
    assert f'id="node-edit-{activity.pk}"' in client.get(page).content.decode()

    # A viewer does not get the editor's cached buttons.
    client.force_login(world.users["viewer"])
    assert f'id="node-edit-{activity.pk}"' not in client.get(page).content.decode()

    # Renaming the outcome changes its own item and the "leads to" line of the activity.
    Node.objects.filter(pk=outcome.pk).update(title="Nytt namn på utfallet")
    text = client.get(page).content.decode()
    start = text.index(f'id="node-{activity.pk}"')
    assert (
        "Nytt namn på utfallet" in text[start : text.index("</li>", text.index("toc-links", start))]
    )

    # A new indicator and a changed assumption show at once.
    IndicatorFactory(node=outcome, name="Helt ny indikator")
    Link.objects.filter(source=activity).update(assumptions="Ändrat antagande")
    text = client.get(page).content.decode()
    assert "Helt ny indikator" in text and "Ändrat antagande" in text


def test_a_swedish_decimal_comma_is_read_as_a_decimal(client: Any, world: Any) -> None:
    """In Swedish, 12,5 is twelve and a half (a number input would have kept 125)."""
    from decimal import Decimal

    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "sv"
    client.force_login(world.users["owner"])
    outcome = Node.objects.get(partnership=world.partnership, level=Level.SHORT_TERM)
    form = client.get(url("indicator_add", world, pk=outcome.pk)).content.decode()
    assert 'name="baseline_value"' in form and 'inputmode="decimal"' in form
    data = {
        "name": "Andel i studier",
        "unit": "%",
        "baseline_value": "12,5",
        "target_value": "40,25",
    }
    with translation.override("sv"):
        response = client.post(url("indicator_add", world, pk=outcome.pk), data)
    assert response.status_code == 302
    indicator = Indicator.objects.get(name="Andel i studier")
    assert (indicator.baseline_value, indicator.target_value) == (Decimal("12.5"), Decimal("40.25"))


def test_the_add_forms_are_one_jump_away_for_keyboard_users(client: Any, world: Any) -> None:
    page_url = reverse("theory_of_change:page", kwargs={"key": world.partnership.key})
    client.force_login(world.users["editor"])
    page = client.get(page_url).content.decode()
    assert '<a href="#node-add-form">' in page and 'id="node-add-form"' in page
    client.force_login(world.users["viewer"])
    assert '<a href="#node-add-form">' not in client.get(page_url).content.decode()
