"""Forms of step 2's perspectives and organisational contexts: one textarea per question."""

from __future__ import annotations

from typing import Any

from django import forms

from ..concurrency import VersionedModelForm
from ..forms import CrispyMixin
from .models import OrganisationalContext, Perspective
from .shape import CONTEXT_FIELDS, PERSPECTIVE_FIELDS


class _AnswersForm(CrispyMixin, VersionedModelForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # A row not saved yet starts from its empty version 1: carry it, so a save after
        # someone else's first save merges against the empty start instead of overwriting.
        self.fields["version_seen"].initial = self.instance.version


class PerspectiveForm(_AnswersForm):
    class Meta:
        model = Perspective
        fields = list(PERSPECTIVE_FIELDS)
        widgets = {name: forms.Textarea(attrs={"rows": 3}) for name in PERSPECTIVE_FIELDS}


class OrganisationalContextForm(_AnswersForm):
    class Meta:
        model = OrganisationalContext
        fields = list(CONTEXT_FIELDS)
        widgets = {name: forms.Textarea(attrs={"rows": 3}) for name in CONTEXT_FIELDS}
