"""The history page reads like a person would tell it: names, dates, Yes/No, the anchoring in
steering documents, one entry per save; it filters by kind and person, with bounded queries."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from partnerships.concurrency import update_versioned
from partnerships.models import Membership, Partnership, Party, SteeringDocument
from tests.factories import MembershipFactory, PartnershipFactory, PartyFactory, UserFactory
from tests.theory_of_change.factories import (
    IndicatorFactory,
    OutcomeFactory,
    SteeringDocumentFactory,
)
from theory_of_change.models import Indicator, Node

pytestmark = pytest.mark.usefixtures("english")


def _by(user: Any, *records: Any) -> None:
    """Sign the history rows of `records` with `user`, as a request would have."""
    for record in records:
        record.history.filter(id=record.pk).update(history_user=user)


def _history(client: Any, world: Any, **params: Any) -> Any:
    url = reverse("partnerships:history", kwargs={"key": world.partnership.key})
    response = client.get(url, params)
    translation.activate("en")  # the request ends by going back to the default language
    return response


def test_one_save_with_new_anchoring_is_one_readable_entry(client: Any, world: Any) -> None:
    partnership = world.partnership
    budget, policy, plan = (
        SteeringDocumentFactory(partnership=partnership, title=title, year=None)
        for title in ("Budget", "Policy", "Plan")
    )
    outcome = OutcomeFactory(
        partnership=partnership, title="Fler i jobb", addresses_target_group=False
    )
    outcome.steering_documents.set([budget, policy])
    update_versioned(
        outcome,
        expected_version=outcome.version,
        changes={"addresses_target_group": True, "steering_documents": [budget, policy, plan]},
    )
    _by(world.users["editor"], outcome)
    assert outcome.history.count() >= 3  # the save, then the many-to-many change

    client.force_login(world.users["viewer"])
    entries = [e for e in _history(client, world).context["entries"] if "Fler i jobb" in e.what]
    assert [e.kind_label for e in entries] == ["Changed", "Created"]  # not four rows
    changed = {c.field: (c.old, c.new) for c in entries[0].changes}
    assert changed == {
        "The goal is about the partnership's target group": ("No", "Yes"),
        "Anchored in steering documents": ("Budget, Policy", "Budget, Plan, Policy"),
    }
    page = _history(client, world).content.decode()
    assert "False" not in page and "True" not in page


def test_linked_records_and_dates_read_as_names_and_dates(client: Any, world: Any) -> None:
    indicator = IndicatorFactory(node__partnership=world.partnership, responsible_party=None)
    update_versioned(
        indicator,
        expected_version=indicator.version,
        changes={"responsible_party": world.party, "target_date": dt.date(2027, 6, 30)},
        validate=lambda row: None,
    )
    client.force_login(world.users["viewer"])
    entry = next(e for e in _history(client, world).context["entries"] if e.what == indicator.name)
    changed = {c.field: (c.old, c.new) for c in entry.changes}
    assert changed["Responsible party"] == ("—", str(world.party))
    assert "Right By Me" in changed["Responsible party"][1]
    assert "2027" in changed["Target date"][1] and "2027-06-30" not in changed["Target date"][1]


def test_filters_by_kind_and_by_person_who_is_or_was_a_member(client: Any, world: Any) -> None:
    partnership = world.partnership
    leaver = MembershipFactory(partnership=partnership, user=UserFactory(name="Lena Lämnade"))
    document = SteeringDocumentFactory(partnership=partnership, title="Lenas policy")
    _by(leaver.user, document)
    Membership.objects.filter(pk=leaver.pk).delete()  # she has left since
    client.force_login(world.users["viewer"])

    response = _history(client, world)
    page = response.content.decode()
    assert '<label class="form-label" for="id_kind">Kind of record</label>' in page
    assert '<label class="form-label" for="id_person">Person</label>' in page
    people = dict(response.context["form"].fields["person"].choices)
    assert "Lena Lämnade" in people.values()
    assert str(world.users["outsider"]) not in people.values()

    by_her = _history(client, world, person=leaver.user.pk).context["entries"]
    assert by_her and all(e.who == "Lena Lämnade" for e in by_her)
    documents = _history(client, world, kind="partnerships.steeringdocument").context["entries"]
    assert documents and {e.type_label for e in documents} == {"Steering document"}
    deleted = _history(client, world, deleted="on").context["entries"]
    assert deleted and all(e.kind == "-" or e.removed for e in deleted)
    # A filter that is not understood shows everything, and says so; never an error.
    odd = _history(client, world, person="nobody", kind="auth.user")
    assert odd.status_code == 200
    assert "A filter was not understood" in odd.content.decode()


def _partnership_with_changes(user: Any, role: str, count: int) -> Any:
    """A partnership whose chain was edited `count` times (anchoring, a responsible party),
    then its title, a party, a document and a role changed once, so every kind is on the first page."""
    partnership = PartnershipFactory()
    MembershipFactory(partnership=partnership, user=user, role=role)
    other = MembershipFactory(partnership=partnership, role="viewer")
    party = PartyFactory(partnership=partnership)
    documents = [
        SteeringDocumentFactory(partnership=partnership, title=f"Dok {n}") for n in range(3)
    ]
    # Not anchored by the factory: the loop below anchors it, the same way for 2 and 50.
    outcome = OutcomeFactory(partnership=partnership, anchored=False)
    indicator = IndicatorFactory(node=outcome, responsible_party=None)
    for n in range(count):
        outcome = update_versioned(
            outcome,
            expected_version=outcome.version,
            changes={"title": f"Mål {n}", "steering_documents": documents[: n % 3 + 1]},
        )
        indicator = update_versioned(
            indicator,
            expected_version=indicator.version,
            changes={"responsible_party": party if n % 2 else None},
            validate=lambda row: None,
        )
    update_versioned(partnership, expected_version=partnership.version, changes={"title": "Ny"})
    update_versioned(party, expected_version=party.version, changes={"contribution": "Lokaler"})
    update_versioned(documents[0], expected_version=documents[0].version, changes={"year": 2030})
    # A document picked last: its use is on the first page too, for 2 changes as for 50.
    SteeringDocumentFactory(partnership=partnership, title="Dok sist")
    other.role = "editor"
    other.save()
    for model in (Partnership, SteeringDocument, Node, Indicator, Membership, Party):
        model.history.filter(id__in=model.objects.values("id")).update(history_user=user)
    return partnership


@pytest.mark.parametrize("role", ["viewer", "editor"])
def test_history_queries_do_not_grow_with_the_changes(client: Any, db: Any, role: str) -> None:
    user = UserFactory()
    client.force_login(user)
    counts = []
    for count in (2, 50):
        partnership = _partnership_with_changes(user, role, count)
        url = reverse("partnerships:history", kwargs={"key": partnership.key})
        client.get(url)  # warm caches
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url)
        assert response.status_code == 200
        assert len(response.context["entries"]) >= (30 if count == 50 else 4)  # a full page
        counts.append(len(captured.captured_queries))
    assert counts[0] == counts[1], counts
