"""The SMART check, letter by letter, as the guide means it: M and T on the same indicator, R
anchored in both a need and a steering document, A a justification a person can judge."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from types import SimpleNamespace
from typing import Any

import pytest

from theory_of_change.smart import smart_check


def goal(**fields: Any) -> SimpleNamespace:
    values = {
        "goal_statement": "Deltagarna har arbetslivserfarenhet.",
        "addresses_target_group": True,
        "achievability_evidence": "pilot",
        "achievability": "I piloten fick 60 av 78 deltagare ett arvoderat uppdrag.",
    }
    values.update(fields)
    return SimpleNamespace(**values)


def indicator(**fields: Any) -> SimpleNamespace:
    values = {
        "pk": 7,
        "name": "Andel med referens",
        "kind": "quantitative",
        "unit": "%",
        "evidence": "",
        "evidence_method": "",
        "baseline_value": Decimal("0"),
        "baseline_date": dt.date(2024, 1, 1),
        "target_value": Decimal("60"),
        "target_date": dt.date(2025, 6, 30),
    }
    values.update(fields)
    return SimpleNamespace(**values)


def qualitative(**fields: Any) -> SimpleNamespace:
    values = {
        "name": "Deltagarnas berättelser om en ny kontakt",
        "kind": "qualitative",
        "unit": "",
        "evidence": "Deltagare berättar om en arbetsgivarkontakt de fått genom insatsen.",
        "evidence_method": "stories",
        "baseline_value": Decimal("0"),
        "target_value": Decimal("20"),
    }
    values.update(fields)
    return indicator(**values)


def letters(
    node: Any, indicators: list[Any], *, documents: bool = True, needs: bool = True
) -> dict[str, Any]:
    result = smart_check(node, indicators, anchored_in_documents=documents, anchored_in_needs=needs)
    return {letter.letter: letter for letter in result.letters}


def test_a_complete_goal_passes_all_five_letters() -> None:
    result = smart_check(goal(), [indicator()], anchored_in_documents=True, anchored_in_needs=True)
    assert result.passed
    assert result.passed_count == 5
    assert result.missing == []
    assert [letter.letter for letter in result.letters] == ["S", "M", "A", "R", "T"]


def test_each_letter_explains_itself_in_plain_words() -> None:
    for letter in letters(goal(), [indicator()]).values():
        assert len(letter.explanation) > 30
    assert "both" in letters(goal(), [])["R"].explanation


# S -----------------------------------------------------------------------------------------


def test_specific_needs_a_statement_and_the_target_group() -> None:
    unwritten = letters(goal(goal_statement="  "), [indicator()])["S"]
    assert "Write the goal" in unwritten.missing and unwritten.field == "goal_statement"
    unlinked = letters(goal(addresses_target_group=False), [indicator()])["S"]
    assert not unlinked.passed
    assert "target group" in unlinked.missing
    assert unlinked.field == "addresses_target_group"


# M and T -----------------------------------------------------------------------------------


def test_measurable_needs_a_unit_a_dated_baseline_and_a_target() -> None:
    assert "Add an indicator" in letters(goal(), [])["M"].missing
    lacking = letters(goal(), [indicator(unit="", baseline_date=None, target_value=None)])["M"]
    assert not lacking.passed
    assert "a unit" in lacking.missing
    assert "a baseline date" in lacking.missing
    assert "a target value" in lacking.missing
    assert "Andel med referens" in lacking.missing
    # The check links to the indicator that fixes it.
    assert lacking.field == "indicator" and lacking.indicator == 7


def test_a_target_equal_to_the_baseline_fails_measurable() -> None:
    same = letters(goal(), [indicator(baseline_value=Decimal("40"), target_value=Decimal("40"))])
    assert not same["M"].passed
    assert "differs from the baseline" in same["M"].missing


def test_a_zero_baseline_counts_as_given() -> None:
    assert letters(goal(), [indicator(baseline_value=Decimal("0"))])["M"].passed


def test_measurable_names_the_indicator_closest_to_complete() -> None:
    far = indicator(name="Långt ifrån", unit="", baseline_value=None, target_value=None)
    close = indicator(name="Nästan", target_value=None)
    measurable = letters(goal(), [far, close])["M"]
    assert "Nästan" in measurable.missing
    assert "a target value" in measurable.missing
    assert "a unit" not in measurable.missing


def test_one_complete_indicator_is_enough() -> None:
    both = letters(goal(), [indicator(unit=""), indicator()])
    assert both["M"].passed and both["T"].passed


def test_measurable_and_time_bound_split_over_two_indicators_fails() -> None:
    # One indicator is measurable but undated, the other dated but not measurable.
    measured = indicator(name="Mätt", target_date=None)
    dated = indicator(
        name="Daterad", unit="", baseline_value=None, baseline_date=None, target_value=None
    )
    split = letters(goal(), [measured, dated])
    assert not (split["M"].passed and split["T"].passed)
    assert not split["T"].passed and "Mätt" in split["T"].missing
    result = smart_check(
        goal(), [measured, dated], anchored_in_documents=True, anchored_in_needs=True
    )
    assert not result.passed


def test_time_bound_needs_a_target_date_after_the_baseline_date() -> None:
    assert "target date" in letters(goal(), [])["T"].missing
    undated = letters(goal(), [indicator(target_date=None)])["T"]
    assert not undated.passed
    assert "a target date" in undated.missing
    early = letters(goal(), [indicator(target_date=dt.date(2023, 12, 31))])["T"]
    assert not early.passed
    assert "after the baseline date" in early.missing
    same_day = letters(goal(), [indicator(target_date=dt.date(2024, 1, 1))])["T"]
    assert not same_day.passed


def test_a_qualitative_indicator_can_make_a_goal_measurable() -> None:
    passed = letters(goal(), [qualitative()])
    assert passed["M"].passed and passed["T"].passed
    # Without a unit is fine; without a way of gathering the evidence it is not.
    lacking = letters(goal(), [qualitative(evidence_method="", evidence="")])["M"]
    assert not lacking.passed
    assert "how the evidence is gathered" in lacking.missing
    assert "what evidence shows the change" in lacking.missing
    assert "a unit" not in lacking.missing


def test_a_quantitative_indicator_still_needs_its_unit() -> None:
    assert not letters(goal(), [indicator(unit="", evidence_method="stories")])["M"].passed


# A -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text", ["", ".", "  ...!!  ", "Det går bra.", "!?!?!?!?!?!?!?!?!?!?!?!?!?"]
)
def test_achievable_refuses_empty_looking_text(text: str) -> None:
    achievable = letters(goal(achievability=text), [indicator()])["A"]
    assert not achievable.passed
    assert "sentence or two" in achievable.missing
    assert achievable.field == "achievability"


def test_achievable_asks_for_the_kind_of_evidence() -> None:
    unnamed = letters(goal(achievability_evidence=""), [indicator()])["A"]
    assert not unnamed.passed
    assert "kind of evidence" in unnamed.missing
    assert unnamed.field == "achievability_evidence"
    neither = letters(goal(achievability_evidence="", achievability="."), [indicator()])["A"]
    assert "a pilot" in neither.missing and "sentence or two" in neither.missing


def test_achievable_passes_with_evidence_and_a_judgeable_text() -> None:
    assert letters(goal(), [indicator()])["A"].passed


# R -----------------------------------------------------------------------------------------


def test_relevant_needs_both_a_steering_document_and_a_need() -> None:
    assert letters(goal(), [indicator()], documents=True, needs=True)["R"].passed
    only_document = letters(goal(), [indicator()], documents=True, needs=False)["R"]
    assert not only_document.passed
    assert "need of the target group" in only_document.missing
    assert only_document.field == "needs"
    only_need = letters(goal(), [indicator()], documents=False, needs=True)["R"]
    assert not only_need.passed
    assert "steering document" in only_need.missing
    assert only_need.field == "steering_documents"
    neither = letters(goal(), [indicator()], documents=False, needs=False)["R"]
    assert "need" in neither.missing and "steering document" in neither.missing
