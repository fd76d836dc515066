"""Step completeness on the overview, computed from the records."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils import translation

from partnerships.models import OrgUnit, Party
from partnerships.steps import STEPS, Check, StepStatus, evaluate_steps, suggested_next
from tests.factories import OrganisationFactory, PartnershipFactory, PartyFactory


def step(partnership: Any, number: int) -> Any:
    return next(status for status in evaluate_steps(partnership) if status.number == number)


def test_step_one_follows_the_parties(db: Any) -> None:
    partnership = PartnershipFactory(municipality=None)
    assert step(partnership, 1).state == "not_started"
    partnership.municipality_id = 1
    partnership.save()
    lead = PartyFactory(partnership=partnership, part=Party.Part.LEAD_MUNICIPALITY)
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
    # The lead municipality names the unit with the legal responsibility (orgchart's check).
    assert step(partnership, 1).state == "in_progress"
    unit = OrgUnit.objects.create(
        organisation=lead.organisation, name="AVF", kind="administration", responsibility_areas="x"
    )
    Party.objects.filter(pk=lead.pk).update(unit=unit)
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


def _status(number: int, *, built: bool, done: bool) -> StepStatus:
    title, guidance = STEPS[number]
    checks = [Check("a check", done, "do it", "/somewhere/")] if built else []
    return StepStatus(number, title, guidance, built, checks)


def test_the_next_step_is_the_first_built_step_with_work_left() -> None:
    statuses = [
        _status(1, built=True, done=True),
        _status(2, built=False, done=False),
        _status(3, built=True, done=False),
        *(_status(number, built=False, done=False) for number in (4, 5, 6)),
    ]
    suggestion = suggested_next(statuses)
    assert suggestion is not None and suggestion[0].number == 3
    assert suggestion[1].action_url == "/somewhere/"


def test_after_step_three_is_complete_the_next_step_is_step_four() -> None:
    statuses = [
        _status(1, built=True, done=True),
        _status(2, built=False, done=False),
        _status(3, built=True, done=True),
        *(_status(number, built=False, done=False) for number in (4, 5, 6)),
    ]
    suggestion = suggested_next(statuses)
    assert suggestion is not None
    status, check = suggestion
    assert status.number == 4
    with translation.override("en"):
        assert str(status.title) == "Define roles"
        assert "collaboration plan" in str(check.action)
    assert check.action_url == ""


def test_nothing_is_suggested_when_all_six_steps_are_complete() -> None:
    assert suggested_next([_status(n, built=True, done=True) for n in range(1, 7)]) is None


def test_the_overview_suggests_step_four_once_step_three_is_complete(
    client: Any, world: Any, monkeypatch: Any, english: None
) -> None:
    from partnerships import steps

    evaluate_steps(world.partnership)  # discover the apps' evaluators first
    done = [Check("done", True)]
    monkeypatch.setattr(steps, "_EVALUATORS", {1: [(0, lambda p: done)], 3: [(0, lambda p: done)]})
    client.force_login(world.users["editor"])
    page = client.get(
        reverse("partnerships:overview", kwargs={"key": world.partnership.key})
    ).content.decode()
    assert "Suggested next step:" in page
    assert "Step 4, Define roles:" in page
