"""Revisions: dated snapshots that stay readable, and what changed between two of them."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.urls import reverse

from theory_of_change import services
from theory_of_change.compare import compare
from theory_of_change.models import Indicator, Level, Link, Node, Revision
from theory_of_change.serialise import chain_from_snapshot

from .factories import NeedFactory, NodeFactory

pytestmark = pytest.mark.django_db


def url(name: str, world: Any, **kwargs: Any) -> str:
    return reverse(f"theory_of_change:{name}", kwargs={"key": world.partnership.key, **kwargs})


def test_making_a_revision_freezes_the_theory_of_change(owner_client: Any, world: Any) -> None:
    response = owner_client.post(
        url("revision_create", world), {"revised_on": "2025-03-01", "reason": "Ny målgrupp"}
    )
    revision = Revision.objects.get(
        partnership=world.partnership, number=2
    )  # the world made number 1
    assert response.status_code == 302 and response["Location"] == revision.get_absolute_url()
    assert revision.revised_on == dt.date(2025, 3, 1)
    assert revision.created_by == world.users["owner"]
    Node.objects.filter(partnership=world.partnership).update(title="Ändrad")
    detail = owner_client.get(url("revision_detail", world, number=2)).content.decode()
    assert "Ny målgrupp" in detail
    assert "Ändrad" not in detail  # the revision shows the chain as it was
    assert "<svg" in detail and "toc-outline" in detail


def test_a_revision_needs_a_reason(owner_client: Any, world: Any) -> None:
    response = owner_client.post(
        url("revision_create", world), {"revised_on": "2025-03-01", "reason": ""}
    )
    assert response.status_code == 400
    assert Revision.objects.filter(partnership=world.partnership).count() == 1


def test_revisions_are_numbered_per_partnership(world: Any) -> None:
    other = NodeFactory().partnership
    services.revision_create(
        partnership=other, revised_on=dt.date(2025, 1, 1), reason="x", user=None
    )
    second = services.revision_create(
        partnership=world.partnership, revised_on=dt.date(2025, 1, 1), reason="y", user=None
    )
    assert second.number == 2
    assert Revision.objects.get(partnership=other).number == 1


def test_a_missing_revision_is_404(owner_client: Any, world: Any) -> None:
    assert owner_client.get(url("revision_detail", world, number=99)).status_code == 404


def test_compare_names_what_was_added_removed_and_changed(owner_client: Any, world: Any) -> None:
    partnership = world.partnership
    activity = Node.objects.get(partnership=partnership, level=Level.ACTIVITY)
    outcome = Node.objects.get(partnership=partnership, level=Level.SHORT_TERM)
    activity.title = "Nytt namn"
    activity.save()
    Link.objects.filter(partnership=partnership).update(assumptions="Nytt antagande")
    Indicator.objects.filter(partnership=partnership).update(target_value=55)
    NodeFactory(partnership=partnership, level=Level.IMPACT, title="Ny påverkan")
    # The world's goal is anchored in the document; the later version is not, and answers a
    # new need.
    outcome.steering_documents.remove(partnership.steering_documents.get())
    outcome.needs.add(NeedFactory(partnership=partnership, need="Ett nytt behov"))
    services.revision_create(
        partnership=partnership, revised_on=dt.date(2025, 5, 1), reason="Efter piloten", user=None
    )
    response = owner_client.get(url("revision_compare", world) + "?a=1&b=2")
    text = response.content.decode()
    assert response.status_code == 200
    assert "Nytt namn" in text  # a changed title is a change, not a removal and an addition
    assert "Ny påverkan" in text and "Added" in text
    assert "Nytt antagande" in text
    assert "55.00" in text
    assert partnership.steering_documents.get().title in text
    assert "Ett nytt behov" in text


def test_compare_with_now_and_the_default_choice(owner_client: Any, world: Any) -> None:
    NodeFactory(partnership=world.partnership, level=Level.OUTPUT, title="Tillagd efteråt")
    default = owner_client.get(url("revision_compare", world)).content.decode()
    assert "Tillagd efteråt" in default  # one revision: compared with now
    removed = owner_client.get(url("revision_compare", world) + "?a=current&b=1").content.decode()
    assert "Removed" in removed and "Tillagd efteråt" in removed


def test_compare_refuses_unknown_choices(owner_client: Any, world: Any) -> None:
    assert owner_client.get(url("revision_compare", world) + "?a=1&b=zzz").status_code == 400


def test_compare_without_revisions_says_so(owner_client: Any, world: Any) -> None:
    Revision.objects.all().delete()
    text = owner_client.get(url("revision_compare", world)).content.decode()
    assert "make a revision first" in text


def test_comparing_a_snapshot_with_itself_finds_nothing(world: Any) -> None:
    snapshot = services.current_snapshot(world.partnership)
    assert compare(chain_from_snapshot(snapshot), chain_from_snapshot(snapshot)).empty
