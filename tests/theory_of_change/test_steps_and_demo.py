"""Step 3's completeness on the overview, and the demo chains."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.management import call_command
from django.urls import reverse

from partnerships.demo import BODEN, ESKILSTUNA
from partnerships.models import Partnership
from partnerships.steps import evaluate_steps
from theory_of_change.models import Indicator, Level, Link, Node, Revision, TheoryOfChange
from theory_of_change.selectors import load_chain, participants_reached
from theory_of_change.smart import measurable_lacks, time_bound_lacks

from .factories import LinkFactory, NodeFactory, OutcomeFactory

pytestmark = pytest.mark.django_db


def step3(partnership: Any) -> Any:
    return evaluate_steps(partnership)[2]


def test_an_empty_partnership_has_not_started_step_3(world: Any) -> None:
    partnership = NodeFactory().partnership
    Node.objects.filter(partnership=partnership).delete()
    status = step3(partnership)
    assert status.built and status.state == "not_started"
    assert [check.passed for check in status.checks] == [False, False, False, False, False]
    assert "0 SMART goals" in str(status.checks[3].label)


def test_the_world_is_complete_except_the_chain_to_a_long_term_outcome(world: Any) -> None:
    status = step3(world.partnership)
    assert [check.passed for check in status.checks] == [True, True, False, True, True]
    assert "1 SMART goal)" in str(status.checks[3].label)
    assert status.next_check is not None and status.next_check.action_url.endswith("#chain")


def test_a_connected_chain_to_a_long_term_outcome_completes_it(world: Any) -> None:
    outcome = Node.objects.get(partnership=world.partnership, level=Level.SHORT_TERM)
    long_term = NodeFactory(partnership=world.partnership, level=Level.LONG_TERM)
    island = NodeFactory(partnership=world.partnership, level=Level.LONG_TERM)
    assert not step3(world.partnership).checks[2].passed
    LinkFactory(source=outcome, target=long_term)
    # An unconnected long-term outcome does not count, and is flagged as a loose end.
    status = step3(world.partnership)
    assert status.checks[2].passed and not status.checks[4].passed
    assert "link the 1 node that has no links" in str(status.checks[4].action)
    island.delete()
    assert step3(world.partnership).state == "complete"


def test_an_outcome_no_activity_reaches_is_flagged(world: Any) -> None:
    outcome = Node.objects.get(partnership=world.partnership, level=Level.SHORT_TERM)
    output = NodeFactory(partnership=world.partnership, level=Level.OUTPUT)
    medium = NodeFactory(partnership=world.partnership, level=Level.MEDIUM_TERM)
    LinkFactory(source=output, target=medium)  # linked, but no activity leads to it
    check = step3(world.partnership).checks[4]
    assert not check.passed
    assert "lead an activity to the 1 outcome no activity reaches" in str(check.action)
    LinkFactory(source=outcome, target=medium)
    assert step3(world.partnership).checks[4].passed


def test_the_overview_shows_the_rule_and_the_smart_count(owner_client: Any, world: Any) -> None:
    response = owner_client.get(
        reverse("partnerships:overview", kwargs={"key": world.partnership.key})
    )
    text = response.content.decode()
    assert "At least one chain leads from an activity to a long-term outcome" in text
    assert "1 SMART goal" in text


def test_step_3_costs_the_same_queries_however_long_the_chain(
    world: Any, django_assert_num_queries: Any
) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as small:
        step3(world.partnership)
    for _index in range(30):
        LinkFactory(
            source=OutcomeFactory(partnership=world.partnership),
            target=NodeFactory(partnership=world.partnership, level=Level.IMPACT),
        )
    with django_assert_num_queries(len(small.captured_queries)):
        step3(world.partnership)


def test_the_demo_chains(transactional_db: Any) -> None:
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    eskilstuna = Partnership.objects.get(title=ESKILSTUNA)
    chain = load_chain(eskilstuna)
    assert {node.level for node in chain.nodes} == {1, 2, 3, 4, 5, 6}
    assert any("Right to Work" in node.title for node in chain.nodes)
    assert any("78 unga" in node.description for node in chain.nodes)
    assert chain.smart_goal_count() == 2
    # The guide's one hard figure is a participant count of an output.
    assert chain.participants() == (None, 78)
    assert participants_reached(eskilstuna) == (None, 78)
    # A qualitative indicator that makes its goal measurable and time-bound on its own.
    qualitative = [
        item for node in chain.nodes for item in node.indicators if item.kind == "qualitative"
    ]
    assert qualitative and not measurable_lacks(qualitative[0])
    assert not time_bound_lacks(qualitative[0])
    # The needs are a list the goals pick from.
    assert {need["need"] for need in chain.needs} >= {"En väg in på arbetsmarknaden"}
    smart_goals = [node for node in chain.outcomes_with_goals() if node.smart().passed]
    assert all(node.needs and node.steering_documents for node in smart_goals)
    assert step3(eskilstuna).checks[4].passed  # no loose ends
    assert Indicator.objects.filter(
        partnership=eskilstuna, responsible_party__isnull=False
    ).exists()
    assert eskilstuna.steering_documents.filter(kind="agenda_2030").exists()
    assert Revision.objects.filter(partnership=eskilstuna).count() == 1
    assert step3(eskilstuna).state == "complete"
    boden = Partnership.objects.get(title=BODEN)
    assert Node.objects.filter(partnership=boden).count() >= 8
    assert TheoryOfChange.objects.get(partnership=boden).problem_statement

    counts = (
        Node.objects.count(),
        Link.objects.count(),
        Indicator.objects.count(),
        Revision.objects.count(),
    )
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert (
        Node.objects.count(),
        Link.objects.count(),
        Indicator.objects.count(),
        Revision.objects.count(),
    ) == counts
