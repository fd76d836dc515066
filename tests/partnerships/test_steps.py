"""Step completeness on the overview, computed from the records."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils import translation

from partnerships.models import Party
from partnerships.steps import evaluate_steps, suggested_next
from tests.factories import OrganisationFactory, PartnershipFactory, PartyFactory


def step(partnership: Any, number: int) -> Any:
    return next(status for status in evaluate_steps(partnership) if status.number == number)


def test_step_one_follows_the_parties(db: Any) -> None:
    partnership = PartnershipFactory(municipality=None)
    assert step(partnership, 1).state == "not_started"
    partnership.municipality_id = 1
    partnership.save()
    PartyFactory(partnership=partnership, part=Party.Part.LEAD_MUNICIPALITY)
    first = step(partnership, 1)
    assert first.state == "in_progress"
    assert first.next_check is not None
    with translation.override("en"):
        assert "social entrepreneur" in str(first.next_check.label)
    PartyFactory(
        partnership=partnership,
        organisation=OrganisationFactory(),
        part=Party.Part.SOCIAL_ENTREPRENEUR,
    )
    assert step(partnership, 1).state == "complete"


def test_overview_shows_the_rule_and_a_next_step(client: Any, world: Any) -> None:
    client.force_login(world.users["editor"])
    response = client.get(reverse("partnerships:overview", kwargs={"key": world.partnership.key}))
    page = response.content.decode()
    statuses = response.context["steps"]
    assert [status.number for status in statuses] == [1, 2, 3, 4, 5, 6]
    first = statuses[0]
    for check in first.checks:
        assert str(check.label) in page  # the rule is visible, not only the result
    assert suggested_next(statuses) is not None
    assert reverse("partnerships:parties", kwargs={"key": world.partnership.key}) in page


def test_viewer_is_not_sent_to_a_page_they_cannot_use(client: Any, world: Any) -> None:
    client.force_login(world.users["viewer"])
    response = client.get(reverse("partnerships:overview", kwargs={"key": world.partnership.key}))
    assert (
        reverse("partnerships:edit", kwargs={"key": world.partnership.key})
        not in response.content.decode()
    )
