"""The SMART check: each letter computed from the goal's fields and its indicators."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from types import SimpleNamespace
from typing import Any

from theory_of_change.smart import smart_check


def goal(**fields: Any) -> SimpleNamespace:
    values = {
        "goal_statement": "Deltagarna har arbetslivserfarenhet.",
        "addresses_target_group": True,
        "achievability": "Tidigare grupper har fått det.",
        "need": "Arbetslivserfarenhet",
    }
    values.update(fields)
    return SimpleNamespace(**values)


def indicator(**fields: Any) -> SimpleNamespace:
    values = {
        "name": "Andel med referens",
        "unit": "%",
        "baseline_value": Decimal("0"),
        "baseline_date": dt.date(2024, 1, 1),
        "target_value": Decimal("60"),
        "target_date": dt.date(2025, 6, 30),
    }
    values.update(fields)
    return SimpleNamespace(**values)


def letters(node: Any, indicators: list[Any], anchored: bool = False) -> dict[str, Any]:
    result = smart_check(node, indicators, anchored_in_documents=anchored)
    return {letter.letter: letter for letter in result.letters}


def test_a_complete_goal_passes_all_five_letters() -> None:
    result = smart_check(goal(), [indicator()], anchored_in_documents=False)
    assert result.passed
    assert result.passed_count == 5
    assert result.missing == []
    assert [letter.letter for letter in result.letters] == ["S", "M", "A", "R", "T"]


def test_specific_needs_a_statement_and_the_target_group() -> None:
    assert "Write the goal" in letters(goal(goal_statement="  "), [indicator()])["S"].missing
    unlinked = letters(goal(addresses_target_group=False), [indicator()])["S"]
    assert not unlinked.passed
    assert "target group" in unlinked.missing


def test_measurable_needs_an_indicator_with_unit_baseline_and_target() -> None:
    assert "Add an indicator" in letters(goal(), [])["M"].missing
    lacking = letters(goal(), [indicator(unit="", baseline_date=None, target_value=None)])["M"]
    assert not lacking.passed
    assert "a unit" in lacking.missing
    assert "a baseline date" in lacking.missing
    assert "a target value" in lacking.missing
    assert "Andel med referens" in lacking.missing


def test_measurable_names_the_indicator_closest_to_complete() -> None:
    far = indicator(name="Långt ifrån", unit="", baseline_value=None, target_value=None)
    close = indicator(name="Nästan", target_value=None)
    measurable = letters(goal(), [far, close])["M"]
    assert "Nästan" in measurable.missing
    assert "a target value" in measurable.missing
    assert "a unit" not in measurable.missing


def test_one_complete_indicator_is_enough_to_be_measurable() -> None:
    assert letters(goal(), [indicator(unit=""), indicator()])["M"].passed


def test_a_zero_baseline_counts_as_given() -> None:
    assert letters(goal(), [indicator(baseline_value=Decimal("0"))])["M"].passed


def test_achievable_needs_a_recorded_justification() -> None:
    achievable = letters(goal(achievability=""), [indicator()])["A"]
    assert not achievable.passed
    assert "achievable" in achievable.missing


def test_relevant_by_a_steering_document_or_a_named_need() -> None:
    assert letters(goal(need=""), [indicator()], anchored=True)["R"].passed
    assert letters(goal(need="Ett sammanhang"), [indicator()], anchored=False)["R"].passed
    neither = letters(goal(need=""), [indicator()], anchored=False)["R"]
    assert not neither.passed
    assert "steering document" in neither.missing


def test_time_bound_needs_a_target_date() -> None:
    assert "Add an indicator with a target date" in letters(goal(), [])["T"].missing
    undated = letters(goal(), [indicator(target_date=None)])["T"]
    assert not undated.passed
    assert "target date" in undated.missing
    assert letters(goal(), [indicator(target_date=None), indicator()])["T"].passed
