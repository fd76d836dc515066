"""Step 2's records: each party's perspective and its organisational context.

Two records, not one: they answer different conversations (what a party wants and needs, and
how its everyday work meets the others'), are often written at different meetings, and each
has its own side-by-side page, history and completeness check. Both are one row per party,
created the first time someone saves it; clearing an answer is an edit like any other, kept in
the history and restorable from it, so neither needs a removal of its own. A party removed
from the partnership takes its rows out of every page and check (they are read through the
active parties) but they are kept, and come back with the party.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from ..concurrency import VersionedModel
from .shape import CONTEXT, PERSPECTIVE, Question

# The most a single answer may hold; answers are paragraphs, not documents.
ANSWER_MAX_LENGTH = 4000


def _answer(questions: tuple[Question, ...], name: str) -> Any:
    """The text field of one question, labelled as the shape says."""
    question = next(q for q in questions if q.field == name)
    return models.TextField(
        question.label, blank=True, max_length=ANSWER_MAX_LENGTH, help_text=question.help
    )


class PartyAnswers(VersionedModel):
    """One party's answers in one partnership."""

    questions: tuple[Question, ...] = ()

    partnership = models.ForeignKey(
        "partnerships.Partnership", on_delete=models.CASCADE, related_name="+"
    )
    party = models.ForeignKey(
        "partnerships.Party", verbose_name=_("party"), on_delete=models.CASCADE, related_name="+"
    )

    class Meta:
        abstract = True

    def clean(self) -> None:
        super().clean()
        if self.party_id is not None and self.partnership_id is not None:
            if self.party.partnership_id != self.partnership_id:
                raise ValidationError({"party": _("The party belongs to another partnership.")})

    def answers(self) -> dict[str, str]:
        return {q.field: str(getattr(self, q.field) or "").strip() for q in self.questions}

    def unanswered(self) -> list[str]:
        return [name for name, text in self.answers().items() if not text]


class Perspective(PartyAnswers):
    """What a party wants, why, how it sees the challenge, what it brings and needs."""

    questions = PERSPECTIVE

    goals = _answer(PERSPECTIVE, "goals")
    motivation = _answer(PERSPECTIVE, "motivation")
    challenge_view = _answer(PERSPECTIVE, "challenge_view")
    already_done = _answer(PERSPECTIVE, "already_done")
    most_important = _answer(PERSPECTIVE, "most_important")
    brings = _answer(PERSPECTIVE, "brings")
    needs = _answer(PERSPECTIVE, "needs")
    constraints = _answer(PERSPECTIVE, "constraints")
    own_goals = _answer(PERSPECTIVE, "own_goals")
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("perspective")
        verbose_name_plural = _("perspectives")
        constraints = [
            models.UniqueConstraint(
                fields=["partnership", "party"], name="perspective_one_per_party"
            )
        ]

    def __str__(self) -> str:
        return str(_("Perspective of %(party)s") % {"party": self.party.organisation})


class OrganisationalContext(PartyAnswers):
    """How a party's everyday work meets the others': what it does, overlaps, strengths."""

    questions = CONTEXT

    current_work = _answer(CONTEXT, "current_work")
    overlaps = _answer(CONTEXT, "overlaps")
    possible_harm = _answer(CONTEXT, "possible_harm")
    simpler_processes = _answer(CONTEXT, "simpler_processes")
    strengths = _answer(CONTEXT, "strengths")
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("organisational context")
        verbose_name_plural = _("organisational contexts")
        constraints = [
            models.UniqueConstraint(
                fields=["partnership", "party"], name="organisational_context_one_per_party"
            )
        ]

    def __str__(self) -> str:
        return str(_("Organisational context of %(party)s") % {"party": self.party.organisation})
