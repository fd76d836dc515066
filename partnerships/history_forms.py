"""The filters of the history page: kind of record, person, deletions only."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from config.forms import BoundedInputMixin

from .history import tracked_models


class HistoryFilterForm(BoundedInputMixin, forms.Form):
    kind = forms.ChoiceField(label=_("Kind of record"), required=False)
    person = forms.TypedChoiceField(label=_("Person"), required=False, coerce=int, empty_value=None)
    deleted = forms.BooleanField(label=_("Only deleted records"), required=False)

    def __init__(self, *args: Any, people: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        kinds = sorted(((t.label, t.plural_label) for t in tracked_models()), key=lambda k: k[1])
        kind_field: Any = self.fields["kind"]
        kind_field.choices = [("", _("All kinds")), *kinds]
        person_field: Any = self.fields["person"]
        person_field.choices = [
            ("", _("Everyone")),
            *((str(person.pk), str(person)) for person in people),
        ]

    def filters(self) -> dict[str, Any]:
        """Keyword arguments for `partnership_history`; none when the input is not valid."""
        if not self.is_valid():
            return {}
        return {
            "kind": self.cleaned_data["kind"] or "",
            "person": self.cleaned_data["person"],
            "deleted_only": self.cleaned_data["deleted"],
        }
