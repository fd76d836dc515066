"""Restoring from the history: the page asks first and says what comes back; the record comes
back as it was; impossible restores are refused readably; other partnerships' history is 404."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse
from django.utils import translation

from partnerships.models import Partnership, SteeringDocument
from tests.factories import PartnershipFactory, PartyFactory
from tests.partnerships.test_edit_and_history import form_data
from tests.theory_of_change.factories import NodeFactory, SteeringDocumentFactory

pytestmark = pytest.mark.usefixtures("english")


def restore_url(partnership: Partnership, label: str, history_id: int) -> str:
    return reverse(
        "partnerships:history_restore",
        kwargs={"key": partnership.key, "model": label, "history_id": history_id},
    )


def history_url(partnership: Partnership, **params: str) -> str:
    url = reverse("partnerships:history", kwargs={"key": partnership.key})
    return url + ("?" + "&".join(f"{k}={v}" for k, v in params.items()) if params else "")


def test_a_removed_steering_document_comes_back_from_the_history_anchored_where_it_was(
    client: Any, world: Any
) -> None:
    partnership = world.partnership
    document = SteeringDocumentFactory(partnership=partnership, title="Budget 2025", year=2025)
    node = NodeFactory(partnership=partnership, title="Sommarjobb")
    node.steering_documents.add(document)
    pk = document.pk
    client.force_login(world.users["editor"])
    client.post(reverse("partnerships:steering_delete", kwargs={"key": partnership.key, "pk": pk}))
    assert not SteeringDocument.objects.filter(pk=pk).exists()

    # The deleted records list shows the removal, with a Restore button (no confirmation:
    # restoring loses nothing).
    listing = client.get(history_url(partnership, deleted="on"))
    page = listing.content.decode()
    assert "Deleted records" in page and "Removed" in page
    restore = reverse("partnerships:steering_restore", kwargs={"key": partnership.key, "pk": pk})
    assert f'action="{restore}"' in page
    # "Restore this version" is not offered while it is removed, and refused if asked for.
    record = SteeringDocument.history.filter(id=pk).order_by("history_id").first()
    url = restore_url(partnership, "partnerships.steeringdocument", record.history_id)
    assert url not in page
    refused = client.post(url)
    assert refused.status_code == 409 and "removed records first" in refused.content.decode()

    assert client.post(restore).status_code == 302
    restored = SteeringDocument.objects.get(pk=pk)
    assert (restored.title, restored.year) == ("Budget 2025", 2025)
    assert list(node.steering_documents.all()) == [restored]
    after = client.get(history_url(partnership, deleted="on")).content.decode()
    assert f'action="{restore}"' not in after
    # The undone removal offers nothing that would dead-end.
    assert not [row for row in after.split("<tr") if "Budget 2025" in row and "/restore/" in row]
    entries = client.get(history_url(partnership)).context["entries"]
    with translation.override("en"):
        assert (entries[0].what, entries[0].kind_label) == ("Budget 2025", "Restored")


def test_an_earlier_value_of_the_partnership_comes_back_as_a_versioned_change(
    client: Any, world: Any
) -> None:
    partnership = world.partnership
    original = partnership.title
    edit = reverse("partnerships:edit", kwargs={"key": partnership.key})
    client.force_login(world.users["editor"])
    client.post(edit, form_data(partnership, title="Fel titel"))
    partnership.refresh_from_db()
    version = partnership.version
    first = Partnership.history.filter(id=partnership.pk).order_by("history_date").first()
    assert first is not None

    client.force_login(world.users["owner"])
    url = restore_url(partnership, "partnerships.partnership", first.history_id)
    # The world holds many kinds of records: look at the partnership's own changes.
    response = client.get(history_url(partnership, kind="partnerships.partnership"))
    assert url in response.content.decode()
    edits = [e for e in response.context["entries"] if e.model_label == "partnerships.partnership"]
    assert [e.restore for e in edits] == ["", "version"]  # the current version offers nothing
    confirm = client.get(url).content.decode()
    assert "What will change" in confirm and "Fel titel" in confirm and original in confirm
    assert client.post(url).status_code == 302

    partnership.refresh_from_db()
    assert partnership.title == original
    assert partnership.version == version + 1
    latest = client.get(history_url(partnership)).context["entries"][0]
    assert latest.who == str(world.users["owner"])
    with translation.override("en"):  # each request ends by resetting the language
        assert latest.kind_label == "Restored"
    assert [(c.field, c.old, c.new) for c in latest.changes] == [("Title", "Fel titel", original)]
    # The record has these values now: a second restore is refused, not repeated.
    assert client.post(url).status_code == 409


def test_a_record_whose_parent_is_gone_is_refused_readably(client: Any, world: Any) -> None:
    from tests.theory_of_change.factories import IndicatorFactory

    indicator = IndicatorFactory(node__partnership=world.partnership, name="Andel i jobb")
    node = indicator.node
    indicator.delete()
    node.delete()  # the outcome it measured is gone too
    deletion = indicator.history.model.objects.filter(history_type="-").latest("history_date")
    client.force_login(world.users["editor"])
    url = restore_url(world.partnership, "theory_of_change.indicator", deletion.history_id)
    page = client.get(url)
    assert page.status_code == 200
    text = page.content.decode()
    assert "This cannot be restored" in text and "no longer exists" in text
    assert 'type="submit" class="btn btn-primary"' not in text  # nothing to confirm
    refused = client.post(url)
    assert refused.status_code == 409


def test_memberships_and_revisions_are_not_restorable(client: Any, world: Any) -> None:
    from partnerships.models import Membership

    membership = Membership.history.filter(partnership_id=world.partnership.pk).first()
    client.force_login(world.users["owner"])
    url = restore_url(world.partnership, "partnerships.membership", membership.history_id)
    assert client.get(url).status_code == 404
    assert client.get(restore_url(world.partnership, "auth.user", 1)).status_code == 404


def test_another_partnerships_history_cannot_be_restored_here(client: Any, world: Any) -> None:
    other = PartnershipFactory(title="Hemlig samverkan")
    party = PartyFactory(partnership=other)
    party_id = party.pk
    party.delete()
    deletion = party.history.model.objects.get(id=party_id, history_type="-")
    client.force_login(world.users["owner"])
    url = restore_url(world.partnership, "partnerships.party", deletion.history_id)
    assert client.get(url).status_code == 404
    assert client.post(url).status_code == 404
    # A viewer may look at the history but not restore.
    client.force_login(world.users["viewer"])
    own = restore_url(world.partnership, "partnerships.partnership", 1)
    assert client.get(own).status_code == 403
    assert "Restore" not in client.get(history_url(world.partnership)).content.decode()


def test_an_earlier_anchoring_of_the_shared_picture_comes_back(client: Any, world: Any) -> None:
    from partnerships.concurrency import update_versioned

    toc = world.partnership.theory_of_change
    budget = SteeringDocumentFactory(partnership=world.partnership, title="Budget", year=None)
    policy = SteeringDocumentFactory(partnership=world.partnership, title="Policy", year=None)
    toc = update_versioned(
        toc, expected_version=toc.version, changes={"steering_documents": [budget, policy]}
    )
    earlier = toc.history.filter(version=toc.version).latest("history_date")
    update_versioned(
        toc, expected_version=toc.version, changes={"steering_documents": [], "vision": "Ny"}
    )
    client.force_login(world.users["facilitator"])
    url = restore_url(world.partnership, "theory_of_change.theoryofchange", earlier.history_id)
    confirm = client.get(url).content.decode()
    assert "Anchored in steering documents" in confirm and "Budget, Policy" in confirm
    assert client.post(url).status_code == 302
    toc.refresh_from_db()
    assert set(toc.steering_documents.all()) == {budget, policy}
    assert toc.vision == earlier.vision


def test_a_party_whose_organisation_takes_part_again_is_refused_readably(
    client: Any, world: Any
) -> None:
    party = world.party
    organisation, party_id = party.organisation, party.pk
    party.delete()
    PartyFactory(partnership=world.partnership, organisation=organisation, part="funder")
    deletion = party.history.model.objects.get(id=party_id, history_type="-")
    client.force_login(world.users["editor"])
    url = restore_url(world.partnership, "partnerships.party", deletion.history_id)
    page = client.get(url)
    assert page.status_code == 200
    assert "This cannot be restored" in page.content.decode()
    assert client.post(url).status_code == 409
