"""Forms of the memo draft and the committee's decision (validation only; services write)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from partnerships.concurrency import VersionedModelForm
from partnerships.forms import CrispyMixin, DateInput

from .models import COMMITTEE_DECISION_FIELDS, MEMO_FIELDS, CommitteeDecision, MemoDraft

if TYPE_CHECKING:
    from .kinds import DocumentKind


def _rows(count: int) -> forms.Textarea:
    return forms.Textarea(attrs={"rows": count})


class MemoDraftForm(CrispyMixin, VersionedModelForm):
    class Meta:
        model = MemoDraft
        fields = list(MEMO_FIELDS)
        widgets = {
            "memo_date": DateInput(),
            "summary": _rows(4),
            "proposed_decision": _rows(4),
            "background": _rows(6),
            "assessment": _rows(6),
            "alternatives": _rows(4),
            "economic_consequences": _rows(4),
            "child_impact": _rows(3),
            "gender_equality_impact": _rows(3),
            "attachments": _rows(3),
            "recipients": _rows(3),
        }


class CommitteeDecisionForm(CrispyMixin, VersionedModelForm):
    class Meta:
        model = CommitteeDecision
        fields = list(COMMITTEE_DECISION_FIELDS)
        widgets = {"decided_on": DateInput(), "note": _rows(3)}


class DocumentOptionsForm(CrispyMixin, forms.Form):
    """What may be chosen when generating a PDF: the paper size, for kinds that offer one (the
    first is the default, also when nothing is posted)."""

    paper = forms.ChoiceField(label=_("Paper size"), required=False)

    def __init__(self, *args: Any, spec: DocumentKind, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.spec = spec
        field = cast(forms.ChoiceField, self.fields["paper"])
        field.choices = list(spec.paper_sizes)

    def clean_paper(self) -> str:
        value = self.cleaned_data.get("paper") or ""
        sizes = [size for size, _label in self.spec.paper_sizes]
        return value or (sizes[0] if sizes else "")
