"""Forms of the plan's revisions: they validate input only; services write."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from config.forms import BoundedInputMixin

from ...forms import CrispyMixin
from ...models import Party


class PublishForm(CrispyMixin, forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "What is new in the plan, and why it is published now. The parties read it when "
            "they approve."
        ),
    )


class ApproveForm(CrispyMixin, forms.Form):
    party = forms.TypedChoiceField(label=_("I approve for"), coerce=int)
    confirm = forms.BooleanField(
        label=_("I represent this party and approve the plan as published in this revision."),
    )

    def __init__(self, *args: Any, parties: list[Party], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.parties = {party.pk: party for party in parties}
        cast(forms.ChoiceField, self.fields["party"]).choices = [
            (party.pk, party.organisation.name) for party in parties
        ]

    def chosen_party(self) -> Party:
        return self.parties[self.cleaned_data["party"]]


class CompareForm(BoundedInputMixin, forms.Form):
    a = forms.TypedChoiceField(label=_("Earlier"), coerce=str)
    b = forms.TypedChoiceField(label=_("Later"), coerce=str)

    def __init__(
        self, *args: Any, choices: list[tuple[str, str]] | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        for name in ("a", "b"):
            cast(forms.ChoiceField, self.fields[name]).choices = choices or []
