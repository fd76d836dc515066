"""Steering documents: the list, adding, editing with the version check, removing."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from partnerships.models import SteeringDocument

from .factories import SteeringDocumentFactory

pytestmark = pytest.mark.django_db


def url(name: str, world: Any, **kwargs: Any) -> str:
    return reverse(f"partnerships:{name}", kwargs={"key": world.partnership.key, **kwargs})


def test_the_list_shows_the_partnerships_documents_only(owner_client: Any, world: Any) -> None:
    SteeringDocumentFactory(title="Någon annans plan")
    text = owner_client.get(url("steering_list", world)).content.decode()
    assert world.partnership.steering_documents.get().title in text
    assert "Någon annans plan" not in text
    assert "Add a steering document" in text


def test_adding_editing_and_removing_a_document(owner_client: Any, world: Any) -> None:
    data = {
        "title": "Agenda 2030, delmål 8.6",
        "kind": "agenda_2030",
        "year": "2015",
        "issuing_organisation": "FN",
        "url": "https://sdgs.un.org/goals/goal8",
        # A document belongs to one of the parties' organisations.
        "organisation": str(world.party.organisation.pk),
    }
    assert owner_client.post(url("steering_create", world), data).status_code == 302
    document = SteeringDocument.objects.get(title="Agenda 2030, delmål 8.6")
    assert document.partnership == world.partnership
    assert document.organisation == world.party.organisation
    assert document.uses.get().partnership == world.partnership
    response = owner_client.post(
        url("steering_edit", world, pk=document.pk), {**data, "year": "2016", "version_seen": 1}
    )
    assert response.status_code == 302
    document.refresh_from_db()
    assert document.year == 2016 and document.version == 2
    # A second person who started from version 1 changes only the title: both changes stay.
    merged = owner_client.post(
        url("steering_edit", world, pk=document.pk), {**data, "title": "Ny", "version_seen": 1}
    )
    assert merged.status_code == 302
    document.refresh_from_db()
    assert (document.title, document.year) == ("Ny", 2016)
    # A third who also started from version 1 changes the year too: that field is a conflict.
    stale = owner_client.post(
        url("steering_edit", world, pk=document.pk), {**data, "year": "2017", "version_seen": 1}
    )
    assert stale.status_code == 200 and "Someone else saved this first" in stale.content.decode()
    document.refresh_from_db()
    assert document.year == 2016
    owner_client.post(url("steering_delete", world, pk=document.pk))
    assert not SteeringDocument.objects.filter(pk=document.pk).exists()


def test_a_document_needs_a_title_and_a_kind(owner_client: Any, world: Any) -> None:
    response = owner_client.post(url("steering_create", world), {"title": "", "kind": ""})
    assert response.status_code == 400


def test_a_document_of_another_partnership_is_not_found(owner_client: Any, world: Any) -> None:
    other = SteeringDocumentFactory()
    assert owner_client.get(url("steering_edit", world, pk=other.pk)).status_code == 404
    assert owner_client.post(url("steering_delete", world, pk=other.pk)).status_code == 404


def test_goals_can_be_anchored_in_the_partnerships_documents_only(
    owner_client: Any, world: Any
) -> None:
    from theory_of_change.models import Level, Node

    outcome = Node.objects.get(partnership=world.partnership, level=Level.SHORT_TERM)
    form = owner_client.get(
        reverse(
            "theory_of_change:node_edit", kwargs={"key": world.partnership.key, "pk": outcome.pk}
        )
    ).content.decode()
    other = SteeringDocumentFactory(title="Någon annans plan")
    assert world.partnership.steering_documents.get().title in form
    assert other.title not in form
