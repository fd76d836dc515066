"""Needs as a list goals pick from, participants on outputs, indicators on outputs, qualitative
indicators, loose ends on the page, and the migration of the old free-text needs."""

from __future__ import annotations

import datetime as dt
import importlib
import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse
from django.utils import translation

from partnerships.history import tracked_models
from tests.factories import PartnershipFactory
from theory_of_change import services
from theory_of_change.diagram import render_outline
from theory_of_change.models import Indicator, Level, Node, TargetGroupNeed
from theory_of_change.selectors import load_chain, participants_reached
from theory_of_change.serialise import SCHEMA_VERSION, chain_from_dict, chain_from_snapshot

from .factories import IndicatorFactory, LinkFactory, NeedFactory, NodeFactory, OutcomeFactory

pytestmark = pytest.mark.django_db

V1_SNAPSHOT = Path(__file__).parent / "data" / "snapshot_v1.json"


def url(name: str, world: Any, **kwargs: Any) -> str:
    return reverse(f"theory_of_change:{name}", kwargs={"key": world.partnership.key, **kwargs})


# Needs -------------------------------------------------------------------------------------


def test_needs_are_added_edited_and_listed_on_the_page(owner_client: Any, world: Any) -> None:
    response = owner_client.post(
        url("need_add", world),
        {"need": "Förebilder i närmiljön", "source": "survey", "noted_on": "2024-03-01"},
    )
    assert response.status_code == 302 and response["Location"].endswith("#needs")
    need = TargetGroupNeed.objects.get(need="Förebilder i närmiljön")
    assert need.partnership == world.partnership and need.source == "survey"
    page = owner_client.get(url("page", world)).content.decode()
    assert "Förebilder i närmiljön" in page and "Survey" in page and "2024-03-01" in page
    owner_client.post(
        url("need_edit", world, pk=need.pk),
        {"need": "Förebilder", "source": "survey", "version_seen": need.version},
    )
    need.refresh_from_db()
    assert need.need == "Förebilder" and need.version == 2
    assert owner_client.post(url("need_add", world), {"need": ""}).status_code == 400


def test_a_goal_picks_the_needs_it_answers(owner_client: Any, world: Any) -> None:
    outcome = Node.objects.get(partnership=world.partnership, level=Level.SHORT_TERM)
    mine = NeedFactory(partnership=world.partnership, need="Ett sammanhang")
    elsewhere = NeedFactory(need="En annan partnerskaps behov")
    form = owner_client.get(url("node_edit", world, pk=outcome.pk)).content.decode()
    assert "Ett sammanhang" in form and "En annan partnerskaps behov" not in form
    data = {
        "level": Level.SHORT_TERM,
        "title": outcome.title,
        "order": 0,
        "goal_statement": outcome.goal_statement,
        "addresses_target_group": "on",
        "achievability_evidence": "pilot",
        "achievability": outcome.achievability,
        "needs": [mine.pk],
        "steering_documents": [world.partnership.steering_documents.get().pk],
        "version_seen": outcome.version,
    }
    assert owner_client.post(url("node_edit", world, pk=outcome.pk), data).status_code == 302
    assert list(outcome.needs.all()) == [mine]
    refused = owner_client.post(
        url("node_edit", world, pk=outcome.pk),
        {**data, "needs": [elsewhere.pk], "version_seen": outcome.version + 1},
    )
    assert refused.status_code == 400
    chain = load_chain(world.partnership)
    node = chain.node_map()[outcome.pk]
    assert chain.need_texts(node.needs) == ["Ett sammanhang"]
    assert "Ett sammanhang" in owner_client.get(url("page", world)).content.decode()


def test_deleting_a_need_asks_first_naming_the_goals_that_pick_it(
    owner_client: Any, world: Any
) -> None:
    outcome = Node.objects.get(partnership=world.partnership, level=Level.SHORT_TERM)
    need = outcome.needs.get()
    asked = owner_client.get(url("need_delete", world, pk=need.pk)).content.decode()
    assert "What will change" in asked and outcome.title in asked
    assert owner_client.post(url("need_delete", world, pk=need.pk)).status_code == 400
    assert TargetGroupNeed.objects.filter(pk=need.pk).exists()
    done = owner_client.post(url("need_delete", world, pk=need.pk), {"confirm": "1"})
    assert done.status_code == 302
    assert not TargetGroupNeed.objects.filter(pk=need.pk).exists()
    # The goal no longer answers a need: R fails and says what to pick.
    result = load_chain(world.partnership).node_map()[outcome.pk].smart()
    relevant = {letter.letter: letter for letter in result.letters}["R"]
    assert not relevant.passed and relevant.field == "needs"


def test_needs_are_in_the_history_and_the_snapshot(world: Any) -> None:
    assert TargetGroupNeed in {tracked.model for tracked in tracked_models()}
    snapshot = services.current_snapshot(world.partnership)
    assert snapshot["schema_version"] == SCHEMA_VERSION == 3
    [need] = snapshot["target_group_needs"]
    goal = next(node for node in snapshot["nodes"] if node["level"] == "short_term")
    assert goal["needs"] == [need["id"]]
    assert need["source"] == "conversation" and need["noted_on"] == "2023-09-01"


def test_an_export_brings_its_needs_into_another_partnership(world: Any) -> None:
    snapshot = services.current_snapshot(world.partnership)
    other = PartnershipFactory()
    NeedFactory(partnership=other, need=snapshot["target_group_needs"][0]["need"])
    services.chain_import(partnership=other, chain=chain_from_dict(snapshot))
    # The need with the same words is picked, not copied.
    assert TargetGroupNeed.objects.filter(partnership=other).count() == 1
    goal = Node.objects.get(partnership=other, level=Level.SHORT_TERM)
    assert list(goal.needs.values_list("partnership", flat=True)) == [other.pk]


def test_older_snapshots_turn_their_need_texts_into_a_list() -> None:
    v1 = json.loads(V1_SNAPSHOT.read_text(encoding="utf-8"))
    chain = chain_from_snapshot(v1)
    texts = [need["need"] for need in chain.needs]
    assert "Arbetslivserfarenhet" in texts
    goal = chain.nodes[2]
    assert chain.need_texts(goal.needs) == ["Arbetslivserfarenhet"]
    assert all(need["id"] < 0 for need in chain.needs)  # never a stored record's id
    v2 = {
        "format": "samverkan-theory-of-change",
        "schema_version": 2,
        "shared_picture": {"target_group_needs": "- Jobb\nSammanhang\n\njobb"},
        "nodes": [
            {"id": 1, "level": "short_term", "title": "A", "need": "sammanhang"},
            {"id": 2, "level": "short_term", "title": "B", "need": "Något nytt"},
        ],
    }
    upgraded = chain_from_dict(v2)
    assert [need["need"] for need in upgraded.needs] == ["Jobb", "Sammanhang", "Något nytt"]
    assert upgraded.need_texts(upgraded.nodes[0].needs) == ["Sammanhang"]
    assert upgraded.need_texts(upgraded.nodes[1].needs) == ["Något nytt"]


def test_a_file_referring_to_a_missing_need_is_refused() -> None:
    data = {
        "format": "samverkan-theory-of-change",
        "schema_version": 3,
        "nodes": [{"id": 1, "level": "short_term", "title": "A", "needs": [9]}],
    }
    with pytest.raises(ValidationError, match="refers to a need that is not in the file"):
        chain_from_dict(data)


# Participants and indicators on outputs ----------------------------------------------------


def test_outputs_count_participants_planned_and_actual(owner_client: Any, world: Any) -> None:
    output = NodeFactory(partnership=world.partnership, level=Level.OUTPUT, title="Unga deltar")
    LinkFactory(source=Node.objects.get(partnership=world.partnership, level=1), target=output)
    services.node_update(
        node=output,
        expected_version=output.version,
        planned_participants=100,
        actual_participants=78,
    )
    second = NodeFactory(partnership=world.partnership, level=Level.OUTPUT, planned_participants=20)
    assert participants_reached(world.partnership) == (120, 78)
    assert load_chain(world.partnership).participants() == (120, 78)
    assert participants_reached(PartnershipFactory()) == (None, None)
    page = owner_client.get(url("page", world)).content.decode()
    assert "Participants: 100 planned, 78 took part" in page
    assert "120 planned, 78 took part" in page
    with translation.override("en"):
        outline = render_outline(load_chain(world.partnership))
    assert "Participants: 100 planned, 78 took part" in outline
    form = owner_client.get(url("node_edit", world, pk=second.pk)).content.decode()
    assert 'name="actual_participants"' in form and 'name="goal_statement"' not in form


def test_only_outputs_count_participants(world: Any) -> None:
    outcome = Node.objects.get(partnership=world.partnership, level=Level.SHORT_TERM)
    with pytest.raises(ValidationError, match="Only outputs count"):
        services.node_update(node=outcome, expected_version=outcome.version, actual_participants=5)
    with pytest.raises(ValidationError, match="only outputs count participants"):
        chain_from_dict(
            {
                "format": "samverkan-theory-of-change",
                "schema_version": 3,
                "nodes": [{"id": 1, "level": "activity", "title": "A", "planned_participants": 3}],
            }
        )


def test_an_output_carries_indicators(owner_client: Any, world: Any) -> None:
    output = NodeFactory(partnership=world.partnership, level=Level.OUTPUT)
    response = owner_client.post(
        url("indicator_add", world, pk=output.pk), {"name": "Antal deltagare", "unit": "personer"}
    )
    assert response.status_code == 302
    indicator = Indicator.objects.get(node=output)
    assert indicator.kind == Indicator.Kind.QUANTITATIVE
    with pytest.raises(ValidationError):
        services.indicator_create(node=NodeFactory(level=Level.IMPACT), name="Påverkan")


def test_a_qualitative_indicator_makes_a_goal_measurable(owner_client: Any) -> None:
    outcome = OutcomeFactory()
    services.indicator_create(
        node=outcome,
        name="Berättelser om ett sammanhang",
        kind=Indicator.Kind.QUALITATIVE,
        evidence="Deltagarnas egna berättelser om gruppen.",
        evidence_method=Indicator.EvidenceMethod.STORIES,
        baseline_value=Decimal("0"),
        baseline_date=dt.date(2024, 1, 1),
        target_value=Decimal("15"),
        target_date=dt.date(2024, 12, 31),
    )
    chain = load_chain(outcome.partnership)
    assert chain.node_map()[outcome.pk].smart().passed
    assert chain.nodes[0].indicators[0].kind == "qualitative"


# Loose ends on the page, and the SMART check's links ----------------------------------------


def test_loose_ends_are_flagged_on_the_page(owner_client: Any, world: Any) -> None:
    island = NodeFactory(partnership=world.partnership, level=Level.OUTPUT, title="Ensam")
    output = NodeFactory(partnership=world.partnership, level=Level.OUTPUT, title="Utan aktivitet")
    unreached = NodeFactory(partnership=world.partnership, level=Level.LONG_TERM, title="Mål")
    LinkFactory(source=output, target=unreached)
    text = owner_client.get(url("page", world)).content.decode()
    assert "Loose ends in the chain" in text
    assert f'id="loose-{island.pk}"' in text and "Not linked" in text
    assert f'id="loose-{unreached.pk}"' in text and "No activity leads here" in text
    assert f'id="loose-{output.pk}"' not in text


def test_a_failing_letter_links_to_the_field_that_fixes_it(owner_client: Any, world: Any) -> None:
    outcome = Node.objects.get(partnership=world.partnership, level=Level.SHORT_TERM)
    outcome.achievability = "."
    outcome.save()
    outcome.steering_documents.clear()
    Indicator.objects.filter(node=outcome).update(target_date=None)
    indicator = Indicator.objects.get(node=outcome)
    text = owner_client.get(url("page", world)).content.decode()
    edit = url("node_edit", world, pk=outcome.pk)
    assert f'href="{edit}#id_achievability"' in text
    assert f'href="{edit}#div_id_steering_documents"' in text
    assert (
        url("indicator_edit", world, pk=indicator.pk) + f"#edit-form-indicator-{indicator.pk}"
        in text
    )
    assert "anchored both in the target group" in text.replace("Anchored both", "anchored both")


# The migration of the old free text --------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_the_free_text_needs_become_rows() -> None:
    migration = importlib.import_module("theory_of_change.migrations.0004_needs_from_text")
    before = [("theory_of_change", "0003_needs_participants_evidence")]
    partnership = PartnershipFactory()
    executor = MigrationExecutor(connection)
    executor.migrate(before)
    try:
        old = executor.loader.project_state(before).apps
        TheoryOfChange = old.get_model("theory_of_change", "TheoryOfChange")
        OldNode = old.get_model("theory_of_change", "Node")
        TheoryOfChange.objects.create(
            partnership_id=partnership.pk,
            target_group_needs="- Arbetslivserfarenhet\n\nEtt sammanhang\narbetslivserfarenhet",
        )
        matching = OldNode.objects.create(
            partnership_id=partnership.pk, level=3, title="A", need="ett  sammanhang"
        )
        new = OldNode.objects.create(
            partnership_id=partnership.pk, level=3, title="B", need="Referenser"
        )
        migration.needs_from_text(old, None)
        Need = old.get_model("theory_of_change", "TargetGroupNeed")
        assert list(
            Need.objects.filter(partnership_id=partnership.pk)
            .order_by("id")
            .values_list("need", flat=True)
        ) == ["Arbetslivserfarenhet", "Ett sammanhang", "Referenser"]
        assert [n.need for n in OldNode.objects.get(pk=matching.pk).needs.all()] == [
            "Ett sammanhang"
        ]
        assert [n.need for n in OldNode.objects.get(pk=new.pk).needs.all()] == ["Referenser"]
    finally:
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes())


def test_the_page_names_how_a_qualitative_indicator_is_gathered(
    owner_client: Any, world: Any
) -> None:
    outcome = Node.objects.get(partnership=world.partnership, level=Level.SHORT_TERM)
    IndicatorFactory(
        node=outcome,
        unit="",
        kind=Indicator.Kind.QUALITATIVE,
        evidence="Berättelser",
        evidence_method=Indicator.EvidenceMethod.INTERVIEWS,
    )
    text = owner_client.get(url("page", world)).content.decode()
    assert "Qualitative: Interviews" in text
