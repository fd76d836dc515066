"""The SMART check of a goal, computed from the outcome's fields and its indicators.

A pure function: it reads attributes only, so the page, the step evaluator, revisions (from
snapshots) and tests share it. Each letter says what it means, whether it passes, what is
missing and which field fixes it. The letters follow the guide: a goal is measurable and
time-bound on ONE indicator (a unit or a way of gathering evidence, a dated baseline, a
different target and a later target date); relevant when it is anchored both in a steering
document and in a need of the target group; achievable when it names evidence a person can
judge.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .shape import IndicatorKind

# A justification shorter than this, or with fewer letters and digits, cannot be judged.
MIN_JUSTIFICATION = 20
MIN_JUSTIFICATION_WORDS = 12


@dataclass(frozen=True)
class SmartLetter:
    letter: str
    name: str
    passed: bool
    missing: str = ""
    # The field that fixes it: a goal field of the node, or "indicator" (with `indicator`,
    # the id of the indicator to complete, or None to add one).
    field: str = ""
    indicator: int | None = None
    fix_url: str = ""  # where the page links the fix (set by the view, which knows the URLs)

    @property
    def explanation(self) -> str:
        return str(EXPLANATIONS[self.letter])


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
EXPLANATIONS = {
    "S": gettext_lazy("Says clearly what should be different, and for the target group."),
    "M": gettext_lazy(
        "One indicator shows the change: a unit (or how evidence is gathered), a starting "
        "value with its date and a target that differs from it."
    ),
    "A": gettext_lazy(
        "Realistic, and you can show why: an earlier result, a pilot, a comparable programme "
        "or research that others can judge."
    ),
    "R": gettext_lazy(
        "Anchored both in the target group's needs and in the municipality's steering documents."
    ),
    "T": gettext_lazy("The same indicator says by when: a target date after the starting date."),
}


def _filled(value: Any) -> bool:
    return value is not None and str(value).strip() != ""


def judgeable(text: Any) -> bool:
    """Whether a justification has enough words to be judged (not "." or "ok!!")."""
    text = str(text or "").strip()
    return (
        len(text) >= MIN_JUSTIFICATION
        and sum(1 for char in text if char.isalnum()) >= MIN_JUSTIFICATION_WORDS
    )


def _qualitative(indicator: Any) -> bool:
    return getattr(indicator, "kind", "") == IndicatorKind.QUALITATIVE


def measurable_lacks(indicator: Any) -> list[str]:
    """The parts an indicator still lacks to make a goal measurable."""
    lacking = []
    if _qualitative(indicator):
        if not _filled(getattr(indicator, "evidence_method", "")):
            lacking.append(_("how the evidence is gathered"))
        if not _filled(getattr(indicator, "evidence", "")):
            lacking.append(_("what evidence shows the change"))
    elif not _filled(indicator.unit):
        lacking.append(_("a unit"))
    if indicator.baseline_value is None:
        lacking.append(_("a baseline value"))
    if indicator.baseline_date is None:
        lacking.append(_("a baseline date"))
    if indicator.target_value is None:
        lacking.append(_("a target value"))
    elif (
        indicator.baseline_value is not None and indicator.target_value == indicator.baseline_value
    ):
        lacking.append(_("a target that differs from the baseline"))
    return lacking


def time_bound_lacks(indicator: Any) -> list[str]:
    """The parts an indicator still lacks to make a goal time-bound."""
    if indicator.target_date is None:
        return [_("a target date")]
    if indicator.baseline_date is not None and indicator.target_date <= indicator.baseline_date:
        return [_("a target date after the baseline date")]
    return []


def _needs(indicator: Any, lacking: list[str]) -> str:
    return _("The indicator “%(name)s” needs %(parts)s.") % {
        "name": indicator.name,
        "parts": ", ".join(lacking),
    }


def smart_check(
    node: Any,
    indicators: Sequence[Any],
    *,
    anchored_in_documents: bool,
    anchored_in_needs: bool,
) -> SmartResult:
    """Check the goal of an outcome `node` against SMART.

    `indicators` are the node's indicators; `anchored_in_documents` and `anchored_in_needs`
    say whether the goal is linked to at least one steering document and at least one need
    of the target group (the caller knows how to count them cheaply).
    """
    letters = []

    # Specific: a clear goal statement, said to be about the partnership's target group.
    if not _filled(node.goal_statement):
        specific = _("Write the goal: what should be different for the target group.")
        field = "goal_statement"
    elif not node.addresses_target_group:
        specific = _("Confirm that the goal is about the partnership's target group.")
        field = "addresses_target_group"
    else:
        specific = field = ""
    letters.append(SmartLetter("S", str(LETTER_NAMES["S"]), not specific, specific, field))

    # Measurable and time-bound: both on the same indicator, the one closest to complete.
    if not indicators:
        measurable = _(
            "Add an indicator with a unit (or a way of gathering evidence), a dated baseline "
            "and a target."
        )
        time_bound = _("Add an indicator with a target date after its baseline date.")
        letters.append(SmartLetter("M", str(LETTER_NAMES["M"]), False, measurable, "indicator"))
    else:
        closest = min(
            indicators,
            key=lambda item: len(measurable_lacks(item)) + len(time_bound_lacks(item)),
        )
        m_lacking, t_lacking = measurable_lacks(closest), time_bound_lacks(closest)
        measurable = _needs(closest, m_lacking) if m_lacking else ""
        time_bound = _needs(closest, t_lacking) if t_lacking else ""
        letters.append(
            SmartLetter(
                "M",
                str(LETTER_NAMES["M"]),
                not measurable,
                measurable,
                "indicator" if measurable else "",
                getattr(closest, "pk", None),
            )
        )

    # Achievable: the kind of evidence and a justification a person can judge.
    kind_given = _filled(getattr(node, "achievability_evidence", ""))
    text_given = judgeable(node.achievability)
    if not kind_given and not text_given:
        achievable = _(
            "Say what shows the goal is achievable (an earlier result, a pilot, a comparable "
            "programme, research) and describe it in a sentence or two."
        )
        field = "achievability_evidence"
    elif not kind_given:
        achievable = _("Say what kind of evidence shows the goal is achievable.")
        field = "achievability_evidence"
    elif not text_given:
        achievable = _(
            "Describe the evidence in a sentence or two (at least %(count)s characters): what "
            "was done, where, and what it led to."
        ) % {"count": MIN_JUSTIFICATION}
        field = "achievability"
    else:
        achievable = field = ""
    letters.append(SmartLetter("A", str(LETTER_NAMES["A"]), not achievable, achievable, field))

    # Relevant: anchored in a steering document AND in a need of the target group.
    if not anchored_in_documents and not anchored_in_needs:
        relevant = _(
            "Pick the need of the target group the goal answers and the steering document it "
            "is anchored in."
        )
        field = "needs"
    elif not anchored_in_needs:
        relevant = _("Pick the need of the target group the goal answers.")
        field = "needs"
    elif not anchored_in_documents:
        relevant = _("Pick the steering document the goal is anchored in.")
        field = "steering_documents"
    else:
        relevant = field = ""
    letters.append(SmartLetter("R", str(LETTER_NAMES["R"]), not relevant, relevant, field))

    # T is read on the indicator M read (letters[1]), so the two cannot be split.
    letters.append(
        SmartLetter(
            "T",
            str(LETTER_NAMES["T"]),
            not time_bound,
            time_bound,
            "indicator" if time_bound else "",
            letters[1].indicator,
        )
    )
    return SmartResult(tuple(letters))
