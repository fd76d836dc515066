"""Forms of the memo draft and the committee's decision (validation only; services write)."""

from __future__ import annotations

from django import forms

from partnerships.concurrency import VersionedModelForm
from partnerships.forms import CrispyMixin, DateInput

from .models import COMMITTEE_DECISION_FIELDS, MEMO_FIELDS, CommitteeDecision, MemoDraft


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
