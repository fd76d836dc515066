"""Snapshots stay readable whatever they hold, and every door into the chain keeps its rules."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from theory_of_change import services
from theory_of_change.chain import Chain, ChainLink, ChainNode
from theory_of_change.diagram import COLOURS
from theory_of_change.forms import NodeForm
from theory_of_change.models import Indicator, Level, Link, Node, Revision
from theory_of_change.serialise import (
    SCHEMA_VERSION,
    chain_from_dict,
    chain_from_snapshot,
    chain_to_dict,
)
from theory_of_change.shape import GOAL_FIELDS, LEVEL_SLUGS, OUTCOME_LEVELS

from .factories import NodeFactory, RevisionFactory

pytestmark = pytest.mark.django_db

V1_SNAPSHOT = Path(__file__).parent / "data" / "snapshot_v1.json"


def url(name: str, world: Any, **kwargs: Any) -> str:
    return reverse(f"theory_of_change:{name}", kwargs={"key": world.partnership.key, **kwargs})


def _loop_file() -> dict[str, Any]:
    return {
        "format": "samverkan-theory-of-change",
        "schema_version": SCHEMA_VERSION,
        "nodes": [
            {"id": "a", "level": "output", "title": "Modell"},
            {"id": "b", "level": "output", "title": "Mötesplatser"},
        ],
        "links": [{"source": "a", "target": "b"}, {"source": "b", "target": "a"}],
    }


# One rule check, whatever the door ----------------------------------------------------------


def test_an_uploaded_loop_is_refused_naming_both_nodes_and_nothing_is_written(
    owner_client: Any, world: Any
) -> None:
    nodes, links = Node.objects.count(), Link.objects.count()
    upload = SimpleUploadedFile(
        "toc.json", json.dumps(_loop_file()).encode(), content_type="application/json"
    )
    response = owner_client.post(url("import", world), {"file": upload})
    text = response.content.decode()
    assert response.status_code == 400
    assert "Link 2" in text and "circle" in text
    assert "Modell" in text and "Mötesplatser" in text
    assert (Node.objects.count(), Link.objects.count()) == (nodes, links)


def test_the_import_service_checks_the_rules_itself(world: Any) -> None:
    """A chain built in code (not read from a file) meets the same rules in chain_import."""
    chain = Chain(
        nodes=[ChainNode(id=1, level=Level.OUTPUT, title="A"), ChainNode(2, Level.OUTPUT, "B")],
        links=[ChainLink(1, 1, 2), ChainLink(2, 2, 1)],
    )
    nodes = Node.objects.count()
    with pytest.raises(ValidationError) as refused:
        services.chain_import(partnership=world.partnership, chain=chain)
    assert any("“A” already leads back to “B”" in m for m in refused.value.messages)
    assert Node.objects.count() == nodes


def test_the_link_service_and_the_import_give_the_same_reason(world: Any) -> None:
    first = NodeFactory(partnership=world.partnership, level=Level.OUTPUT, title="Modell")
    second = NodeFactory(partnership=world.partnership, level=Level.OUTPUT, title="Mötesplatser")
    services.link_create(partnership=world.partnership, source=first, target=second)
    with pytest.raises(ValidationError) as by_hand:
        services.link_create(partnership=world.partnership, source=second, target=first)
    with pytest.raises(ValidationError) as by_file:
        chain_from_dict(_loop_file())
    assert by_hand.value.messages[0] in by_file.value.messages[0]


# The trusted reader: a stored snapshot always opens -------------------------------------------


def test_a_revision_with_a_very_long_description_opens_and_compares(
    owner_client: Any, world: Any
) -> None:
    node = Node.objects.filter(partnership=world.partnership).first()
    assert node is not None
    node.description = "lång " * 1200  # 6,000 characters: the editor allows it
    node.save()
    services.revision_create(
        partnership=world.partnership, revised_on=dt.date(2025, 1, 1), reason="Lång", user=None
    )
    detail = owner_client.get(url("revision_detail", world, number=2))
    assert detail.status_code == 200
    assert node.title in detail.content.decode()
    for query in ("?a=1&b=2", "?a=2&b=current"):
        assert owner_client.get(url("revision_compare", world) + query).status_code == 200


def test_a_snapshot_of_the_previous_format_opens_on_the_revision_page_and_compares(
    owner_client: Any, world: Any
) -> None:
    snapshot = json.loads(V1_SNAPSHOT.read_text(encoding="utf-8"))
    assert snapshot["format_version"] == 1 and "schema_version" not in snapshot
    RevisionFactory(partnership=world.partnership, number=7, snapshot=snapshot)
    detail = owner_client.get(url("revision_detail", world, number=7))
    text = detail.content.decode()
    assert detail.status_code == 200
    assert "Jobbcoachning" in text and "Andel med praktik" in text and "Budget 2024" in text
    compared = owner_client.get(url("revision_compare", world) + "?a=7&b=1")
    assert compared.status_code == 200 and "Jobbcoachning" in compared.content.decode()
    chain = chain_from_snapshot(snapshot)
    assert [node.level for node in chain.nodes] == [1, 2, 3, 4]
    assert chain.nodes[2].indicators[0].baseline_value == 12.5


def test_the_trusted_reader_keeps_what_it_can() -> None:
    data = {
        "schema_version": SCHEMA_VERSION,
        "nodes": [
            {"id": 1, "level": "activity", "title": "x" * 300},
            {"id": 2, "level": "sideways", "title": "Okänd nivå"},
            {
                "id": 3,
                "level": "short_term",
                "title": "Utfall",
                "indicators": [{"id": 9, "name": "Mått", "frequency": "fortnightly"}],
            },
            "not a node",
        ],
        "links": [{"source": 1, "target": 3}, {"source": 1, "target": 2}, {"source": 1}],
    }
    chain = chain_from_snapshot(data)
    assert [node.id for node in chain.nodes] == [1, 3]
    assert len(chain.nodes[0].title) == 300
    assert chain.nodes[1].indicators[0].frequency == "fortnightly"
    assert [(link.source, link.target) for link in chain.links] == [(1, 3)]
    assert chain_from_snapshot("garbage").nodes == []
    assert chain_from_snapshot({}).nodes == []


def test_the_strict_reader_refuses_what_the_trusted_one_keeps() -> None:
    data = {
        "format": "samverkan-theory-of-change",
        "schema_version": SCHEMA_VERSION,
        "nodes": [{"id": 1, "level": "activity", "title": "A", "description": "x" * 6000}],
    }
    with pytest.raises(ValidationError, match="longer than 5000"):
        chain_from_dict(data)
    assert len(chain_from_snapshot(data).nodes[0].description) == 6000


def test_every_snapshot_says_its_schema_version(world: Any) -> None:
    snapshot = services.current_snapshot(world.partnership)
    assert snapshot["schema_version"] == SCHEMA_VERSION
    assert chain_to_dict(chain_from_snapshot(snapshot), title=world.partnership.title) == snapshot


# One shape ----------------------------------------------------------------------------------


def test_the_levels_are_declared_once() -> None:
    assert LEVEL_SLUGS == {
        1: "activity",
        2: "output",
        3: "short_term",
        4: "medium_term",
        5: "long_term",
        6: "impact",
    }
    assert set(COLOURS) == set(Level.values)
    assert {level for level in Level if level.is_outcome} == OUTCOME_LEVELS
    assert Indicator.Frequency.QUARTERLY == "quarterly"


def test_the_node_form_shows_the_goal_only_for_outcomes() -> None:
    outcome = NodeForm(instance=Node(level=Level.SHORT_TERM))
    activity = NodeForm(instance=Node(level=Level.ACTIVITY))
    assert set(GOAL_FIELDS) <= set(outcome.fields)
    assert not set(GOAL_FIELDS) & set(activity.fields)


def test_revisions_are_kept_unchanged_by_reading(world: Any) -> None:
    revision = Revision.objects.get(partnership=world.partnership, number=1)
    before = json.dumps(revision.snapshot, sort_keys=True)
    chain_from_snapshot(revision.snapshot)
    assert json.dumps(revision.snapshot, sort_keys=True) == before


def _paths(value: Any, prefix: tuple[Any, ...] = ()) -> Any:
    yield prefix
    items = (
        value.items()
        if isinstance(value, dict)
        else enumerate(value)
        if isinstance(value, list)
        else ()
    )
    for key, inner in items:
        yield from _paths(inner, (*prefix, key))


def test_no_damage_to_a_stored_snapshot_stops_it_from_opening() -> None:
    """Any one value of a snapshot replaced by something odd: the revision still reads,
    draws, lists its SMART goals and compares (the trusted reader never fails)."""
    from theory_of_change.compare import compare
    from theory_of_change.diagram import render_outline, render_svg

    original = json.loads(V1_SNAPSHOT.read_text(encoding="utf-8"))
    reference = chain_from_snapshot(original)
    odd_values = [None, 1e308, {}, "x" * 6000, True, "sideways"]
    for path in list(_paths(original))[1:]:
        for odd in odd_values:
            damaged = json.loads(json.dumps(original))
            parent = damaged
            for key in path[:-1]:
                parent = parent[key]
            parent[path[-1]] = odd
            chain = chain_from_snapshot(damaged)
            render_svg(chain, title="t", id_prefix="t")
            render_outline(chain)
            chain.smart_results()
            compare(reference, chain)
            compare(chain, reference)


def test_the_stylesheet_draws_each_level_in_its_declared_colour() -> None:
    """CSS cannot import Python: this keeps the page's level borders in step with the
    diagram's (shape.LEVEL_COLOURS)."""
    import re

    from django.conf import settings

    css = (Path(settings.BASE_DIR) / "static" / "css" / "toc.css").read_text(encoding="utf-8")
    found = dict(re.findall(r"\.toc-level-(\d) \{ border-left-color: (#[0-9a-f]{6}); \}", css))
    assert found == {str(int(level)): level.colours[1] for level in Level}
