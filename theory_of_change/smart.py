"""The SMART check of a goal, computed from the outcome's fields and its indicators.

A pure function: it reads attributes only, so the page, the step evaluator, revisions (from
snapshots) and tests share it. Each letter says whether it passes and, if not, what is missing.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy


@dataclass(frozen=True)
class SmartLetter:
    letter: str
    name: str
    passed: bool
    missing: str = ""


@dataclass(frozen=True)
class SmartResult:
    letters: tuple[SmartLetter, ...]

    @property
    def passed(self) -> bool:
        return all(letter.passed for letter in self.letters)

    @property
    def passed_count(self) -> int:
        return sum(1 for letter in self.letters if letter.passed)

    @property
    def missing(self) -> list[str]:
        return [letter.missing for letter in self.letters if not letter.passed]


LETTER_NAMES = {
    "S": gettext_lazy("Specific"),
    "M": gettext_lazy("Measurable"),
    "A": gettext_lazy("Achievable"),
    "R": gettext_lazy("Relevant"),
    "T": gettext_lazy("Time-bound"),
}


def _filled(value: Any) -> bool:
    return value is not None and str(value).strip() != ""


def _measurable(indicator: Any) -> list[str]:
    """The parts a measurable indicator still lacks."""
    lacking = []
    if not _filled(indicator.unit):
        lacking.append(_("a unit"))
    if indicator.baseline_value is None:
        lacking.append(_("a baseline value"))
    if indicator.baseline_date is None:
        lacking.append(_("a baseline date"))
    if indicator.target_value is None:
        lacking.append(_("a target value"))
    return lacking


def smart_check(
    node: Any, indicators: Sequence[Any], *, anchored_in_documents: bool
) -> SmartResult:
    """Check the goal of an outcome `node` against SMART.

    `indicators` are the node's indicators; `anchored_in_documents` says whether the goal is
    linked to at least one steering document (the caller knows how to count that cheaply).
    """
    letters = []

    # Specific: a clear goal statement, said to be about the partnership's target group.
    if not _filled(node.goal_statement):
        specific = _("Write the goal: what should be different for the target group.")
    elif not node.addresses_target_group:
        specific = _("Confirm that the goal is about the partnership's target group.")
    else:
        specific = ""
    letters.append(SmartLetter("S", str(LETTER_NAMES["S"]), not specific, specific))

    # Measurable: at least one indicator with a unit, a baseline and a target.
    if not indicators:
        measurable = _("Add an indicator with a unit, a baseline and a target.")
    else:
        closest = min(indicators, key=lambda indicator: len(_measurable(indicator)))
        lacking = _measurable(closest)
        measurable = (
            _("The indicator “%(name)s” needs %(parts)s.")
            % {"name": closest.name, "parts": ", ".join(lacking)}
            if lacking
            else ""
        )
    letters.append(SmartLetter("M", str(LETTER_NAMES["M"]), not measurable, measurable))

    # Achievable: a recorded justification.
    achievable = "" if _filled(node.achievability) else _("Say why the goal is achievable.")
    letters.append(SmartLetter("A", str(LETTER_NAMES["A"]), not achievable, achievable))

    # Relevant: anchored in a steering document or in a named need of the target group.
    relevant = (
        ""
        if anchored_in_documents or _filled(node.need)
        else _(
            "Anchor the goal in a steering document or name the need of the target group it meets."
        )
    )
    letters.append(SmartLetter("R", str(LETTER_NAMES["R"]), not relevant, relevant))

    # Time-bound: an indicator with a target date.
    if any(indicator.target_date for indicator in indicators):
        time_bound = ""
    elif indicators:
        time_bound = _("Give an indicator a target date.")
    else:
        time_bound = _("Add an indicator with a target date.")
    letters.append(SmartLetter("T", str(LETTER_NAMES["T"]), not time_bound, time_bound))

    return SmartResult(tuple(letters))
