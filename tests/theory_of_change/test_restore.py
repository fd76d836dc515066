"""Restoring a revision: shows what changes, keeps the present as a revision first, obeys the
rules of the chain."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from django.urls import reverse

from theory_of_change import services
from theory_of_change.compare import compare
from theory_of_change.models import Indicator, Level, Link, Node, Revision, TheoryOfChange
from theory_of_change.selectors import load_chain
from theory_of_change.serialise import chain_from_snapshot

from .factories import NodeFactory, RevisionFactory

pytestmark = pytest.mark.django_db


def url(name: str, world: Any, **kwargs: Any) -> str:
    return reverse(f"theory_of_change:{name}", kwargs={"key": world.partnership.key, **kwargs})


def _change_everything(world: Any) -> None:
    partnership = world.partnership
    Node.objects.filter(partnership=partnership, level=Level.SHORT_TERM).delete()
    NodeFactory(partnership=partnership, level=Level.IMPACT, title="Ny påverkan")
    toc = TheoryOfChange.objects.get(partnership=partnership)
    toc.problem_statement = "Ett annat problem"
    toc.save()
    toc.steering_documents.clear()


def test_the_confirmation_shows_the_counts_now_and_in_the_revision(
    owner_client: Any, world: Any
) -> None:
    _change_everything(world)
    response = owner_client.get(url("revision_restore", world, number=1))
    text = response.content.decode()
    assert response.status_code == 200
    assert "Restore revision 1" in text and "kept as a new revision" in text
    # Now: 2 nodes, no link, no indicator; in revision 1: 2 nodes, 1 link, 1 indicator.
    assert '<th scope="row">Links</th><td>0</td><td>1</td>' in text
    assert '<th scope="row">Indicators</th><td>0</td><td>1</td>' in text
    assert not re.search(r"<script(?![^>]*\ssrc=)", text)  # no inline script
    detail = owner_client.get(url("revision_detail", world, number=1)).content.decode()
    assert url("revision_restore", world, number=1) in detail


def test_restoring_brings_the_revision_back_and_can_be_undone(
    owner_client: Any, world: Any
) -> None:
    partnership = world.partnership
    document = partnership.steering_documents.get()
    TheoryOfChange.objects.get(partnership=partnership).steering_documents.add(document)
    revision = services.revision_create(
        partnership=partnership, revised_on=dt.date(2025, 1, 1), reason="Förankrad", user=None
    )
    _change_everything(world)
    response = owner_client.post(url("revision_restore", world, number=2), {"confirm": "1"})
    assert response.status_code == 302
    follow = owner_client.get(response["Location"]).content.decode()
    assert "Revision 2 was restored" in follow and "revision 3" in follow
    toc = TheoryOfChange.objects.get(partnership=partnership)
    assert toc.problem_statement == "Unga i området varken arbetar eller studerar."
    assert list(toc.steering_documents.all()) == [document]
    assert Indicator.objects.filter(partnership=partnership).count() == 1
    assert Link.objects.filter(partnership=partnership).count() == 1
    assert not Node.objects.filter(partnership=partnership, title="Ny påverkan").exists()
    # The chain is the revision's again, record by record (the ids came back too).
    assert compare(chain_from_snapshot(revision.snapshot), load_chain(partnership)).empty
    # The state before was kept as revision 3: restoring it undoes the restore.
    kept = Revision.objects.get(partnership=partnership, number=3)
    assert "before revision 2 was restored" in kept.reason
    services.revision_restore(partnership=partnership, revision=kept, user=None)
    assert Node.objects.filter(partnership=partnership, title="Ny påverkan").exists()
    toc.refresh_from_db()
    assert toc.problem_statement == "Ett annat problem"
    assert not toc.steering_documents.exists()


def test_a_revision_that_breaks_todays_rules_is_not_restored(owner_client: Any, world: Any) -> None:
    snapshot = services.current_snapshot(world.partnership)
    outcome = next(node for node in snapshot["nodes"] if node["level"] == "short_term")
    activity = next(node for node in snapshot["nodes"] if node["level"] == "activity")
    snapshot["links"].append({"id": 99, "source": outcome["id"], "target": activity["id"]})
    RevisionFactory(partnership=world.partnership, number=5, snapshot=snapshot)
    nodes = set(Node.objects.filter(partnership=world.partnership).values_list("pk", flat=True))
    response = owner_client.post(url("revision_restore", world, number=5), {"confirm": "1"})
    assert response.status_code == 400
    assert "cannot be restored" in response.content.decode()
    assert "same level or a later one" in response.content.decode()
    assert set(Node.objects.filter(partnership=world.partnership).values_list("pk", flat=True)) == (
        nodes
    )
    assert not Revision.objects.filter(partnership=world.partnership, number=6).exists()


def test_a_post_without_confirmation_restores_nothing(owner_client: Any, world: Any) -> None:
    _change_everything(world)
    response = owner_client.post(url("revision_restore", world, number=1))
    assert response.status_code == 400
    assert Node.objects.filter(partnership=world.partnership, title="Ny påverkan").exists()
    assert Revision.objects.filter(partnership=world.partnership).count() == 1


def test_a_viewer_sees_no_restore_link(client: Any, world: Any) -> None:
    client.force_login(world.users["viewer"])
    detail = client.get(url("revision_detail", world, number=1)).content.decode()
    assert url("revision_restore", world, number=1) not in detail


def test_a_revision_brings_back_a_removed_steering_document_instead_of_a_copy(
    world: Any,
) -> None:
    from partnerships.models import SteeringDocument
    from partnerships.services import steering_document_delete

    partnership = world.partnership
    document = SteeringDocument.objects.filter(partnership=partnership).first()
    TheoryOfChange.objects.get(partnership=partnership).steering_documents.set([document])
    revision = services.revision_create(
        partnership=partnership, revised_on=dt.date(2025, 1, 1), reason="Förankrad", user=None
    )
    steering_document_delete(document=document)
    services.revision_restore(partnership=partnership, revision=revision, user=None)
    same_title = SteeringDocument.all_objects.filter(partnership=partnership, title=document.title)
    assert [(d.pk, d.removed_at) for d in same_title] == [(document.pk, None)]
    toc = TheoryOfChange.objects.get(partnership=partnership)
    assert list(toc.steering_documents.all()) == [document]
