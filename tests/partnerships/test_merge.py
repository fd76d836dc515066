"""The three-way merge behind every edit: untouched fields survive, only both-changed conflict."""

from __future__ import annotations

from typing import Any

import pytest

from partnerships.concurrency import EditConflict, update_versioned
from partnerships.models import Partnership
from tests.theory_of_change.factories import SteeringDocumentFactory


def test_fields_only_one_side_changed_are_kept_from_both(world: Any) -> None:
    partnership = world.partnership
    started = partnership.version
    update_versioned(partnership, expected_version=started, changes={"title": "Theirs"})
    merged = update_versioned(
        partnership,
        expected_version=started,
        changes={"title": partnership.title, "challenge": "Mine"},
    )
    stored = Partnership.objects.get(pk=partnership.pk)
    assert (stored.title, stored.challenge) == ("Theirs", "Mine")
    assert merged.version == started + 2


def test_a_field_both_changed_is_a_conflict_and_nothing_is_saved(world: Any) -> None:
    partnership = world.partnership
    started = partnership.version
    original_challenge = partnership.challenge
    update_versioned(partnership, expected_version=started, changes={"title": "Theirs"})
    with pytest.raises(EditConflict) as raised:
        update_versioned(
            partnership,
            expected_version=started,
            changes={"title": "Mine", "challenge": "Also mine"},
        )
    conflict = raised.value
    assert [(c.name, c.theirs, c.yours) for c in conflict.conflicts] == [
        ("title", "Theirs", "Mine")
    ]
    stored = Partnership.objects.get(pk=partnership.pk)
    assert (stored.title, stored.challenge) == ("Theirs", original_challenge)


def test_same_change_on_both_sides_is_no_conflict(world: Any) -> None:
    partnership = world.partnership
    started = partnership.version
    update_versioned(partnership, expected_version=started, changes={"title": "Same"})
    update_versioned(partnership, expected_version=started, changes={"title": "Same"})
    assert Partnership.objects.get(pk=partnership.pk).title == "Same"


def test_linked_records_merge_by_their_history(world: Any) -> None:
    toc = world.partnership.theory_of_change
    budget = SteeringDocumentFactory(partnership=world.partnership, title="Budget 2025")
    policy = SteeringDocumentFactory(partnership=world.partnership, title="Policy")
    toc.steering_documents.set([budget])
    started = toc.version
    # They anchor the picture in one more document; I change only the vision.
    update_versioned(
        toc, expected_version=started, changes={"steering_documents": [budget, policy]}
    )
    update_versioned(
        toc,
        expected_version=started,
        changes={"vision": "Alla unga har ett jobb", "steering_documents": [budget]},
    )
    toc.refresh_from_db()
    assert toc.vision == "Alla unga har ett jobb"
    assert set(toc.steering_documents.all()) == {budget, policy}


def test_conflicting_linked_records_read_as_names(world: Any) -> None:
    toc = world.partnership.theory_of_change
    budget = SteeringDocumentFactory(partnership=world.partnership, title="Budget 2025", year=None)
    policy = SteeringDocumentFactory(partnership=world.partnership, title="Policy", year=None)
    started = toc.version
    update_versioned(toc, expected_version=started, changes={"steering_documents": [budget]})
    with pytest.raises(EditConflict) as raised:
        update_versioned(toc, expected_version=started, changes={"steering_documents": [policy]})
    (conflict,) = raised.value.conflicts
    assert (conflict.base, conflict.theirs, conflict.yours) == ("—", "Budget 2025", "Policy")
