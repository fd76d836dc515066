"""Candidate partners (step 1): organisations being considered, assessed on the guide's
criteria, talked to with the guide's questions, and one day chosen as a party."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from ..concurrency import VersionedModel
from ..display import EMPTY
from . import criteria as c


def _active_manager() -> models.Manager:
    from ..models import ActiveManager

    return ActiveManager()


@dataclass(frozen=True)
class Assessment:
    """One criterion of a candidate: its score (None: not scored) and justification."""

    criterion: c.Criterion
    score: int | None
    justification: str

    @property
    def assessed(self) -> bool:
        return self.score is not None

    @property
    def word(self) -> str | Promise:
        return c.SCORE_WORDS[self.score] if self.score is not None else _("Not assessed")

    @property
    def is_strength(self) -> bool:
        return self.score is not None and self.score >= c.STRENGTH_FROM

    @property
    def is_gap(self) -> bool:
        return self.score is None or self.score <= c.GAP_UP_TO


def clean_scores(scores: Any) -> dict[str, dict[str, Any]]:
    """`scores` in its stored shape ({key: {"score": n or None, "justification": text}}),
    trimmed, empty entries left out; ValidationError naming each criterion scored without a
    justification or with a score outside 1–5."""
    if not isinstance(scores, dict):
        raise ValidationError(_("The assessment could not be read."))
    cleaned: dict[str, dict[str, Any]] = {}
    problems: list[str] = []
    for key, entry in scores.items():
        if key not in c.BY_KEY or not isinstance(entry, dict):
            raise ValidationError(_("The assessment could not be read."))
        label = c.BY_KEY[key].label
        raw = entry.get("score")
        justification = str(entry.get("justification") or "").strip()
        score: int | None
        if raw in (None, ""):
            score = None
        else:
            try:
                score = int(raw)
            except (TypeError, ValueError):
                score = 0
            if score not in c.SCORES:
                problems.append(
                    str(_("The score of “%(criterion)s” must be a whole number from 1 to 5."))
                    % {"criterion": label}
                )
                continue
        if score is not None and not justification:
            problems.append(
                str(_("Say why “%(criterion)s” gets %(score)s: a score needs a justification."))
                % {"criterion": label, "score": score}
            )
            continue
        if len(justification) > c.JUSTIFICATION_MAX:
            problems.append(
                str(_("The justification of “%(criterion)s” is too long.")) % {"criterion": label}
            )
            continue
        if score is None and not justification:
            continue
        cleaned[key] = {"score": score, "justification": justification}
    if problems:
        raise ValidationError(problems)
    return cleaned


def clean_answers(answers: Any) -> dict[str, str]:
    """`answers` as question key to text, trimmed, empty answers left out."""
    if not isinstance(answers, dict) or set(answers) - c.QUESTION_KEYS:
        raise ValidationError(_("The answers could not be read."))
    cleaned = {key: str(text or "").strip() for key, text in answers.items()}
    if any(len(text) > c.ANSWER_MAX for text in cleaned.values()):
        raise ValidationError(_("An answer is too long."))
    return {key: text for key, text in cleaned.items() if text}


def readable_scores(scores: Any) -> str:
    """The assessment as a person reads it: "Criterion: 4 – Good (why); …"."""
    parts = []
    for key, entry in (scores or {}).items() if isinstance(scores, dict) else ():
        criterion = c.BY_KEY.get(key)
        label = criterion.label if criterion else key
        entry = entry if isinstance(entry, dict) else {}
        score = entry.get("score")
        mark = f"{score} – {c.SCORE_WORDS[score]}" if score in c.SCORES else _("not scored")
        why = str(entry.get("justification") or "")
        parts.append(f"{label}: {mark}" + (f" ({why})" if why else ""))
    return "; ".join(parts) or EMPTY


def readable_answers(answers: Any) -> str:
    """The conversation answers as "Question Answer; …"."""
    texts = {q.key: q.text for q in c.QUESTIONS}
    items = answers.items() if isinstance(answers, dict) else ()
    return "; ".join(f"{texts.get(k, k)} {v}" for k, v in items) or EMPTY


class ScoresField(models.JSONField):
    """The fit assessment; the history, restore and conflict pages read it by criterion."""

    def readable_value(self, value: Any) -> str:
        return readable_scores(value)


class AnswersField(models.JSONField):
    """The conversation answers; the history and conflict pages read them by question."""

    def readable_value(self, value: Any) -> str:
        return readable_answers(value)


class Candidate(VersionedModel):
    """An organisation the partnership considers as a partner, on the public side or the
    social entrepreneur's side.

    `scores` maps a criterion's key (criteria.py) to {"score": 1–5, "justification": text};
    `answers` maps a question's key to what the candidate answered. Both are one field each,
    merged key by key when two people edit at once (services.candidate_update)."""

    class Side(models.TextChoices):
        PUBLIC = c.PUBLIC, _("Public partner")
        ENTREPRENEUR = c.ENTREPRENEUR, _("Social entrepreneur or other actor")

    class Status(models.TextChoices):
        IDENTIFIED = "identified", _("Identified")
        CONTACTED = "contacted", _("Contacted")
        IN_DIALOGUE = "in_dialogue", _("In dialogue")
        CHOSEN = "chosen", _("Chosen")
        DECLINED = "declined", _("Declined")

    partnership = models.ForeignKey(
        "partnerships.Partnership", on_delete=models.CASCADE, related_name="candidates"
    )
    organisation = models.ForeignKey(
        "partnerships.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="candidacies",
    )
    side = models.CharField(_("side"), max_length=20, choices=Side.choices)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.IDENTIFIED
    )
    notes = models.TextField(_("notes"), blank=True)
    scores = ScoresField(_("fit assessment"), default=dict, blank=True)
    answers = AnswersField(_("conversation answers"), default=dict, blank=True)
    party = models.ForeignKey(
        "partnerships.Party",
        verbose_name=_("party"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="candidacies",
    )
    removed_at = models.DateTimeField(_("removed"), null=True, blank=True, editable=False)
    history = HistoricalRecords()

    objects = _active_manager()
    all_objects = models.Manager()

    class Meta:
        verbose_name = _("candidate partner")
        verbose_name_plural = _("candidate partners")
        ordering = ["side", "organisation__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["partnership", "organisation"],
                condition=models.Q(removed_at__isnull=True),
                name="candidate_unique_active_per_partnership",
            )
        ]

    def __str__(self) -> str:
        return str(self.organisation)

    @property
    def list_label(self) -> str:
        return f"{self.organisation} · {self.get_side_display()}"

    def clean(self) -> None:
        super().clean()
        errors: dict[str, Any] = {}
        try:
            self.scores = clean_scores(self.scores)
        except ValidationError as error:
            errors["scores"] = error.messages
        try:
            self.answers = clean_answers(self.answers)
        except ValidationError as error:
            errors["answers"] = error.messages
        if self.status == self.Status.CHOSEN and self.party_id is None:
            errors["status"] = _(
                "A candidate is chosen with the Choose button, which makes it a party."
            )
        if errors:
            raise ValidationError(errors)

    # The assessment, computed ----------------------------------------------------------------

    @property
    def criteria(self) -> tuple[c.Criterion, ...]:
        return c.criteria_for(self.side)

    def assessment_for(self, criterion: c.Criterion) -> Assessment:
        entry = (self.scores or {}).get(criterion.key) or {}
        score = entry.get("score")
        return Assessment(
            criterion,
            score if score in c.SCORES else None,
            str(entry.get("justification") or ""),
        )

    @property
    def assessments(self) -> list[Assessment]:
        return [self.assessment_for(criterion) for criterion in self.criteria]

    @property
    def assessed_count(self) -> int:
        return sum(1 for a in self.assessments if a.assessed)

    @property
    def criteria_count(self) -> int:
        return len(self.criteria)

    @property
    def fully_assessed(self) -> bool:
        return self.assessed_count == self.criteria_count

    @property
    def average(self) -> Decimal | None:
        """The mean of the scores given so far, to one decimal; None before any."""
        scores = [a.score for a in self.assessments if a.score is not None]
        if not scores:
            return None
        return (Decimal(sum(scores)) / len(scores)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)

    @property
    def strengths(self) -> list[Assessment]:
        return [a for a in self.assessments if a.is_strength]

    @property
    def gaps(self) -> list[Assessment]:
        return [a for a in self.assessments if a.is_gap]

    def answer_for(self, key: str) -> str:
        return str((self.answers or {}).get(key, ""))

    @property
    def answered_count(self) -> int:
        return sum(1 for q in c.QUESTIONS if self.answer_for(q.key))

    @property
    def is_chosen(self) -> bool:
        return self.status == self.Status.CHOSEN

    @property
    def is_open(self) -> bool:
        """Still being considered: neither chosen nor declined."""
        return self.status not in (self.Status.CHOSEN, self.Status.DECLINED)


CANDIDATE_FIELDS = ("side", "status", "notes", "scores", "answers")
