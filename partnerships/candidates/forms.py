"""Forms for candidate partners: validate input only; the services write."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from ..concurrency import EditConflict, VersionedModelForm
from ..forms import CrispyMixin
from . import criteria as c
from .models import Candidate, readable_answers, readable_scores

SIDE_FROM_KIND = ("", _("From the organisation's kind"))


def _status_choices(chosen: bool) -> list[tuple[str, Any]]:
    """Every status but Chosen, which only the Choose button sets (it makes a party); a
    chosen candidate keeps it in the list."""
    return [
        (value, label)
        for value, label in Candidate.Status.choices
        if chosen or value != Candidate.Status.CHOSEN
    ]


class CandidateCreateForm(CrispyMixin, forms.ModelForm):
    class Meta:
        model = Candidate
        fields = ["organisation", "side", "status", "notes"]
        widgets = {"notes": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args: Any, organisations: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if organisations is not None:
            self.fields["organisation"].queryset = organisations  # type: ignore[attr-defined]
        self.fields["organisation"].help_text = _(
            "Organisations you can see in the shared register. Not there yet? Register it first."
        )
        self.fields["side"] = forms.ChoiceField(
            label=_("Side"),
            choices=[SIDE_FROM_KIND, *Candidate.Side.choices],
            required=False,
            help_text=_(
                "A municipality or a region is a public partner; anyone else is on the social "
                "entrepreneur's side, unless you choose otherwise."
            ),
        )
        self.fields["status"].choices = _status_choices(False)  # type: ignore[attr-defined]

    def clean_side(self) -> str:
        """The side chosen, or the one the organisation's kind gives (the organisation is
        cleaned before the side)."""
        side = self.cleaned_data.get("side") or ""
        if side:
            return side
        from .services import default_side

        organisation = self.cleaned_data.get("organisation")
        return default_side(organisation) if organisation else Candidate.Side.ENTREPRENEUR

    def field_values(self) -> dict[str, Any]:
        return {
            name: self.cleaned_data[name] for name in ("organisation", "side", "status", "notes")
        }


def score_name(criterion: c.Criterion) -> str:
    return f"score_{criterion.key}"


def justification_name(criterion: c.Criterion) -> str:
    return f"justification_{criterion.key}"


def answer_name(question: c.Question) -> str:
    return f"answer_{question.key}"


class _KeyedConflictMixin:
    """On a conflict, entries of a JSON field the user left as they were are brought up to
    date with the stored row (saving again keeps the other person's work), and a conflict on
    the JSON field reads as text."""

    json_field = ""

    def _entry_data(
        self, fields: tuple[str, ...], value: Any
    ) -> dict[str, str]:  # pragma: no cover - overridden
        raise NotImplementedError

    def _readable(self, value: Any) -> str:  # pragma: no cover - overridden
        raise NotImplementedError

    def show_conflict(self, conflict: EditConflict) -> None:
        form: Any = self
        record = (
            Candidate.history.filter(id=form.instance.pk, version=form.expected_version)
            .order_by("-history_date", "-history_id")
            .first()
        )
        base = getattr(record, self.json_field, None) or {} if record is not None else None
        super().show_conflict(conflict)  # type: ignore[misc]
        current = getattr(conflict.current, self.json_field) or {}
        data: Any = form.data
        if base is not None:
            for key, fields in self._entry_fields().items():
                posted = {
                    name: str(data.get(form.add_prefix(name), "")).replace("\r\n", "\n").strip()
                    for name in fields
                }
                if posted == self._entry_data(fields, base.get(key)):
                    for name, value in self._entry_data(fields, current.get(key)).items():
                        data[form.add_prefix(name)] = value
        yours = form.changes().get(self.json_field, {})
        form.conflict = [
            replace(
                item,
                base=self._readable(base or {}),
                theirs=self._readable(current),
                yours=self._readable(yours),
            )
            if item.name == self.json_field
            else item
            for item in form.conflict
        ]

    def _entry_fields(self) -> dict[str, tuple[str, ...]]:  # pragma: no cover - overridden
        raise NotImplementedError


class CandidateForm(_KeyedConflictMixin, CrispyMixin, VersionedModelForm):
    """The candidate's side, status and notes, and the fit assessment: per criterion of its
    side a score from 1 to 5 and the justification, each labelled with the criterion."""

    json_field = "scores"

    class Meta:
        model = Candidate
        fields = ["side", "status", "notes"]
        widgets = {"notes": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = _status_choices(  # type: ignore[attr-defined]
            self.instance.is_chosen
        )
        self.fields["side"].help_text = _(
            "The first criterion depends on the side: save to see the other side's."
        )
        self.criteria = c.criteria_for(self.instance.side)
        for criterion in self.criteria:
            assessment = self.instance.assessment_for(criterion)
            self.fields[score_name(criterion)] = forms.TypedChoiceField(
                label=_("Score for “%(criterion)s”") % {"criterion": criterion.label},
                choices=[("", _("Not assessed yet"))]
                + [(n, f"{n} – {c.SCORE_WORDS[n]}") for n in c.SCORES],
                coerce=int,
                empty_value=None,
                required=False,
                initial=assessment.score,
            )
            self.fields[justification_name(criterion)] = forms.CharField(
                label=_("Why this score: “%(criterion)s”") % {"criterion": criterion.label},
                required=False,
                max_length=c.JUSTIFICATION_MAX,
                widget=forms.Textarea(attrs={"rows": 2}),
                initial=assessment.justification,
                help_text=str(criterion.help),
            )

    @property
    def criterion_rows(self) -> list[tuple[c.Criterion, Any, Any]]:
        return [
            (criterion, self[score_name(criterion)], self[justification_name(criterion)])
            for criterion in self.criteria
        ]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        for criterion in self.criteria:
            score = cleaned.get(score_name(criterion))
            if (
                score is not None
                and not str(cleaned.get(justification_name(criterion), "")).strip()
            ):
                self.add_error(
                    justification_name(criterion),
                    _("Say why “%(criterion)s” gets %(score)s: a score needs a justification.")
                    % {"criterion": criterion.label, "score": score},
                )
        return cleaned

    def changes(self) -> dict[str, Any]:
        scores = dict(self.instance.scores or {})
        for criterion in self.criteria:
            score = self.cleaned_data.get(score_name(criterion))
            text = str(self.cleaned_data.get(justification_name(criterion)) or "").strip()
            if score is None and not text:
                scores.pop(criterion.key, None)
            else:
                scores[criterion.key] = {"score": score, "justification": text}
        changes = {
            name: value
            for name, value in self.cleaned_data.items()
            if name in ("side", "status", "notes")
        }
        changes["scores"] = scores
        return changes

    field_values = changes

    def _entry_fields(self) -> dict[str, tuple[str, ...]]:
        return {
            criterion.key: (score_name(criterion), justification_name(criterion))
            for criterion in self.criteria
        }

    def _entry_data(self, fields: tuple[str, ...], value: Any) -> dict[str, str]:
        entry = value if isinstance(value, dict) else {}
        score = entry.get("score")
        return {
            fields[0]: "" if score is None else str(score),
            fields[1]: str(entry.get("justification") or "").strip(),
        }

    def _readable(self, value: Any) -> str:
        return readable_scores(value)


class CandidateConversationForm(_KeyedConflictMixin, CrispyMixin, VersionedModelForm):
    """The guide's questions for the first conversations, one answer each."""

    json_field = "answers"

    class Meta:
        model = Candidate
        fields: list[str] = []

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for question in c.QUESTIONS:
            self.fields[answer_name(question)] = forms.CharField(
                label=str(question.text),
                help_text=str(question.help),
                required=False,
                max_length=c.ANSWER_MAX,
                widget=forms.Textarea(attrs={"rows": 3}),
                initial=self.instance.answer_for(question.key),
            )

    def changes(self) -> dict[str, Any]:
        answers = dict(self.instance.answers or {})
        for question in c.QUESTIONS:
            answers[question.key] = str(self.cleaned_data.get(answer_name(question)) or "").strip()
        return {"answers": {k: v for k, v in answers.items() if v}}

    field_values = changes

    def _entry_fields(self) -> dict[str, tuple[str, ...]]:
        return {question.key: (answer_name(question),) for question in c.QUESTIONS}

    def _entry_data(self, fields: tuple[str, ...], value: Any) -> dict[str, str]:
        return {fields[0]: str(value or "").strip()}

    def _readable(self, value: Any) -> str:
        return readable_answers(value)
