"""The link-level rule (same level or later), no self-links, no loops, and where it holds."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from theory_of_change import rules, services
from theory_of_change.models import Level, Link

from .factories import IndicatorFactory, LinkFactory, NodeFactory, OutcomeFactory


@pytest.mark.parametrize(
    ("source", "target", "allowed"),
    [
        (Level.ACTIVITY, Level.OUTPUT, True),
        (Level.ACTIVITY, Level.IMPACT, True),
        (Level.OUTPUT, Level.OUTPUT, True),
        (Level.MEDIUM_TERM, Level.SHORT_TERM, False),
        (Level.IMPACT, Level.ACTIVITY, False),
    ],
)
def test_a_link_may_only_go_to_the_same_or_a_later_level(
    source: int, target: int, allowed: bool
) -> None:
    assert rules.link_allowed(source, target) is allowed
    assert (rules.link_level_error(source, target, "A", "B") is None) is allowed


def test_the_refusal_names_both_nodes_and_both_levels() -> None:
    message = rules.link_level_error(Level.MEDIUM_TERM, Level.OUTPUT, "Fler i jobb", "Uppdrag")
    assert message is not None
    for part in (
        "Fler i jobb",
        "Medium-term outcome",
        "Uppdrag",
        "Output",
        "same level or a later one",
    ):
        assert part in message


def test_loops_and_chains() -> None:
    links = [(1, 2), (2, 3)]
    assert rules.creates_cycle(links, 3, 1)
    assert not rules.creates_cycle(links, 1, 3)
    levels = {1: Level.ACTIVITY, 2: Level.MEDIUM_TERM, 3: Level.LONG_TERM, 4: Level.ACTIVITY}
    assert rules.has_chain(levels, links)
    assert not rules.has_chain(levels, [(1, 2)])
    assert not rules.has_chain({3: Level.LONG_TERM}, [])


@pytest.mark.django_db
class TestWhereTheRuleHolds:
    def test_the_service_refuses_a_link_backwards(self) -> None:
        outcome = OutcomeFactory()
        activity = NodeFactory(partnership=outcome.partnership)
        with pytest.raises(ValidationError, match="Short-term outcome"):
            services.link_create(partnership=outcome.partnership, source=outcome, target=activity)
        assert not Link.objects.exists()

    def test_self_links_duplicates_loops_and_other_partnerships_are_refused(self) -> None:
        first = NodeFactory(level=Level.OUTPUT)
        partnership = first.partnership
        second = NodeFactory(partnership=partnership, level=Level.OUTPUT)
        with pytest.raises(ValidationError, match="itself"):
            services.link_create(partnership=partnership, source=first, target=first)
        services.link_create(partnership=partnership, source=first, target=second)
        with pytest.raises(ValidationError, match="already leads"):
            services.link_create(partnership=partnership, source=first, target=second)
        with pytest.raises(ValidationError, match="circle"):
            services.link_create(partnership=partnership, source=second, target=first)
        stranger = NodeFactory(level=Level.IMPACT)
        with pytest.raises(ValidationError, match="this partnership"):
            services.link_create(partnership=partnership, source=first, target=stranger)

    def test_a_node_cannot_change_level_so_that_a_link_runs_backwards(self) -> None:
        link = LinkFactory()
        source = link.source
        with pytest.raises(ValidationError) as refused:
            services.node_update(
                node=source, expected_version=source.version, level=Level.LONG_TERM
            )
        assert "level" in refused.value.message_dict
        assert link.target.title in refused.value.message_dict["level"][0]
        source.refresh_from_db()
        assert source.level == Level.ACTIVITY

    def test_indicators_belong_to_outcomes(self) -> None:
        activity = NodeFactory()
        with pytest.raises(ValidationError, match="Indicators belong to outputs and outcomes"):
            services.indicator_create(node=activity, name="Antal")
        outcome = IndicatorFactory().node
        with pytest.raises(ValidationError, match="Only outputs and outcomes carry indicators"):
            services.node_update(
                node=outcome, expected_version=outcome.version, level=Level.ACTIVITY
            )


def test_one_check_for_a_whole_chain_names_the_nodes() -> None:
    levels = {1: Level.OUTPUT, 2: Level.OUTPUT, 3: Level.IMPACT, 4: Level.ACTIVITY}
    titles = {1: "Modell", 2: "Möten", 3: "Påverkan", 4: "Uppdrag"}
    errors = rules.check_chain(
        levels,
        [(1, 2), (1, 2), (2, 1), (3, 4), (4, 4)],
        titles,
        indicator_nodes=[4],
    )
    assert errors[0] == "“Modell” already leads to “Möten”."
    assert "“Modell” already leads back to “Möten”" in errors[1]
    assert "“Påverkan”" in errors[2] and "“Uppdrag”" in errors[2]
    assert errors[3] == "“Uppdrag” cannot lead to itself."
    assert errors[4].startswith("Uppdrag: Indicators belong to outputs and outcomes")
    assert rules.check_chain(levels, [(4, 1), (1, 2), (2, 3)], titles) == []


def test_the_limits_count_what_is_already_there() -> None:
    levels = {1: Level.ACTIVITY, 2: Level.OUTPUT}
    assert rules.check_chain(levels, [], existing_nodes=rules.MAX_NODES - 2) == []
    [error] = rules.check_chain(levels, [], existing_nodes=rules.MAX_NODES - 1)
    assert f"at most {rules.MAX_NODES} nodes" in error
