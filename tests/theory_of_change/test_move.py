"""Reordering nodes within a level with "Move up" / "Move down" instead of a typed position."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from theory_of_change import services
from theory_of_change.forms import NodeForm
from theory_of_change.models import Level, Node

from .factories import NodeFactory

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}


def titles(partnership: Any, level: int = Level.OUTPUT) -> list[str]:
    return list(
        Node.objects.filter(partnership=partnership, level=level).values_list("title", flat=True)
    )


def three_outputs(world: Any, orders: tuple[int, int, int] = (0, 1, 2)) -> list[Node]:
    return [
        NodeFactory(partnership=world.partnership, level=Level.OUTPUT, title=title, order=order)
        for title, order in zip(("A", "B", "C"), orders, strict=True)
    ]


def test_node_move_swaps_with_the_neighbour_in_the_level(world: Any) -> None:
    a, b, c = three_outputs(world)
    assert services.node_move(node=c, direction="up") is True
    assert titles(world.partnership) == ["A", "C", "B"]
    assert services.node_move(node=a, direction="down") is True
    assert titles(world.partnership) == ["C", "A", "B"]


def test_node_move_at_either_end_changes_nothing(world: Any) -> None:
    a, _b, c = three_outputs(world)
    assert services.node_move(node=a, direction="up") is False
    assert services.node_move(node=c, direction="down") is False
    assert titles(world.partnership) == ["A", "B", "C"]


def test_node_move_renumbers_equal_positions_predictably(world: Any) -> None:
    _a, b, _c = three_outputs(world, orders=(0, 0, 0))
    assert services.node_move(node=b, direction="up") is True
    assert titles(world.partnership) == ["B", "A", "C"]
    orders = Node.objects.filter(partnership=world.partnership, level=Level.OUTPUT)
    assert [node.order for node in orders] == [0, 1, 2]


def test_node_move_keeps_other_levels_and_records_history(world: Any) -> None:
    before = titles(world.partnership, Level.ACTIVITY)
    _a, b, _c = three_outputs(world)
    version = b.version
    services.node_move(node=b, direction="down")
    b.refresh_from_db()
    assert b.version == version + 1
    assert b.history.count() == 2
    assert titles(world.partnership, Level.ACTIVITY) == before


def test_node_move_refuses_an_unknown_direction(world: Any) -> None:
    (a, *_rest) = three_outputs(world)
    with pytest.raises(ValueError, match="direction"):
        services.node_move(node=a, direction="sideways")


def move_url(world: Any, node: Node) -> str:
    return reverse(
        "theory_of_change:node_move", kwargs={"key": world.partnership.key, "pk": node.pk}
    )


def test_the_move_buttons_post_and_come_back_to_the_node(owner_client: Any, world: Any) -> None:
    _a, _b, c = three_outputs(world)
    response = owner_client.post(move_url(world, c), {"direction": "up"})
    assert response.status_code == 302
    assert response["Location"].endswith(f"#node-{c.pk}")
    assert titles(world.partnership) == ["A", "C", "B"]
    response = owner_client.post(move_url(world, c), {"direction": "up"}, **HTMX)
    assert response.status_code == 200
    assert "“C” was moved up." in response.content.decode()
    assert titles(world.partnership) == ["C", "A", "B"]


def test_a_move_without_a_direction_is_refused(owner_client: Any, world: Any) -> None:
    (a, *_rest) = three_outputs(world)
    assert owner_client.post(move_url(world, a), {"direction": "left"}).status_code == 400


def test_a_viewer_cannot_move(client: Any, world: Any) -> None:
    (a, *_rest) = three_outputs(world)
    client.force_login(world.users["viewer"])
    assert client.post(move_url(world, a), {"direction": "down"}).status_code == 403


def test_the_page_offers_only_possible_moves_and_no_position_field(
    owner_client: Any, world: Any
) -> None:
    a, b, c = three_outputs(world)
    page = reverse("theory_of_change:page", kwargs={"key": world.partnership.key})
    text = owner_client.get(page).content.decode()
    assert f'id="node-up-{a.pk}"' not in text and f'id="node-down-{a.pk}"' in text
    assert f'id="node-up-{b.pk}"' in text and f'id="node-down-{b.pk}"' in text
    assert f'id="node-up-{c.pk}"' in text and f'id="node-down-{c.pk}"' not in text
    edit = reverse("theory_of_change:node_edit", kwargs={"key": world.partnership.key, "pk": b.pk})
    assert 'name="order"' not in owner_client.get(edit, **HTMX).content.decode()
    assert "order" not in NodeForm(instance=b).fields


def test_an_outcome_without_a_goal_asks_for_it(owner_client: Any, world: Any) -> None:
    outcome = NodeFactory(partnership=world.partnership, level=Level.MEDIUM_TERM, title="Utan mål")
    page = reverse("theory_of_change:page", kwargs={"key": world.partnership.key})
    text = owner_client.get(page).content.decode()
    start = text.index(f'id="node-edit-{outcome.pk}"')
    assert "Write the goal" in text[start : start + 400]


def test_the_page_links_its_parts_from_the_top_and_ends_with_the_revisions(
    owner_client: Any, world: Any
) -> None:
    page = reverse("theory_of_change:page", kwargs={"key": world.partnership.key})
    text = owner_client.get(page).content.decode()
    nav = text[
        text.index('class="toc-onpage') : text.index("</nav>", text.index('class="toc-onpage'))
    ]
    for anchor in ("#picture", "#chain", "#smart", "#diagram", "#revisions"):
        assert f'href="{anchor}"' in nav
        assert f'id="{anchor[1:]}"' in text
    assert "Save the current version as a revision" in text


def test_an_empty_level_and_an_empty_picture_say_what_to_do(owner_client: Any) -> None:
    from tests.factories import MembershipFactory, PartnershipFactory

    partnership = PartnershipFactory()
    owner_client.force_login(MembershipFactory(partnership=partnership, role="editor").user)
    text = owner_client.get(
        reverse("theory_of_change:page", kwargs={"key": partnership.key})
    ).content.decode()
    assert "Write the shared picture" in text
    assert "Add the first node" in text
