"""Forms of the theory of change: they validate input; services and the version check write."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from html import escape
from typing import Any, cast

from django import forms
from django.forms.utils import flatatt
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _

from config.forms import BoundedInputMixin
from partnerships.concurrency import VersionedModelForm
from partnerships.forms import CrispyMixin, DateInput
from partnerships.models import Party, SteeringDocument

from .diagram import level_labels
from .models import Indicator, Link, Node, TargetGroupNeed, TheoryOfChange
from .shape import (
    GOAL_FIELDS,
    INDICATOR_FIELDS,
    LINK,
    NEED_FIELDS,
    NODE_FIELDS,
    OUTCOME_LEVELS,
    PARTICIPANT_FIELDS,
    PICTURE_FIELDS,
    Level,
)
from .shape import names as field_names

# The height of the text areas in the chain's forms, which open inside a node.
TEXTAREA_ROWS = 2
MAX_UPLOAD_BYTES = 2 * 1024 * 1024


def _model_choices(form: forms.BaseForm, name: str) -> forms.ModelChoiceField:
    """A form's model choice field, to narrow its queryset to the partnership's records."""
    return cast(forms.ModelChoiceField, form.fields[name])


class QuickSelect(forms.Select):
    """A <select> rendered in Python: Django renders every <option> through a template, which
    costs most of the page's time when two selects list a chain of 60 nodes."""

    def render(self, name: str, value: Any, attrs: Any = None, renderer: Any = None) -> SafeString:
        final = self.build_attrs(self.attrs, {**(attrs or {}), "name": name})
        selected = {"" if value is None else str(value)}
        parts = [f"<select{flatatt(final)}>"]
        for option, label in self.choices:
            option_value = "" if option is None else str(option)
            mark = " selected" if option_value in selected else ""
            parts.append(
                f'<option value="{escape(option_value)}"{mark}>{escape(str(label))}</option>'
            )
        parts.append("</select>")
        return mark_safe("".join(parts))  # noqa: S308 - attributes and texts are escaped


class PartyChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Party) -> str:
        return str(obj) if obj.is_removed else str(obj.organisation)


class SteeringDocumentsField(forms.ModelMultipleChoiceField):
    widget = forms.CheckboxSelectMultiple

    def label_from_instance(self, obj: SteeringDocument) -> str:
        return f"{obj} · {obj.get_kind_display()}"


class SharedPictureForm(CrispyMixin, VersionedModelForm):
    class Meta:
        model = TheoryOfChange
        fields = [*PICTURE_FIELDS, "steering_documents"]
        field_classes = {"steering_documents": SteeringDocumentsField}
        widgets = {
            name: forms.Textarea(attrs={"rows": 3})
            for name in fields
            if name != "steering_documents"
        }

    def __init__(self, *args: Any, documents: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _model_choices(self, "steering_documents").queryset = (
            documents if documents is not None else SteeringDocument.objects.none()
        )
        self.fields["steering_documents"].help_text = _(
            "The municipality's budget, policies, action plans, regional goals or Agenda 2030 "
            "targets that the shared picture answers to. Add documents under Steering documents."
        )


class NeedForm(CrispyMixin, VersionedModelForm):
    """A need of the target group, with where it was learnt and when."""

    class Meta:
        model = TargetGroupNeed
        fields = list(NEED_FIELDS)
        widgets = {"noted_on": DateInput()}


class NeedsField(forms.ModelMultipleChoiceField):
    widget = forms.CheckboxSelectMultiple


class NodeAddForm(CrispyMixin, forms.ModelForm):
    """The short form for a new node: where it sits and what it is called."""

    class Meta:
        model = Node
        fields = ["level", "title", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, prefix="node", **kwargs)


class NodeForm(CrispyMixin, VersionedModelForm):
    """Editing a node; an outcome also edits its goal (what the SMART check reads)."""

    class Meta:
        model = Node
        # The position within the level is changed with "Move up" / "Move down", not typed.
        fields = [name for name in NODE_FIELDS if name != "order"]
        field_classes = {"steering_documents": SteeringDocumentsField, "needs": NeedsField}
        widgets = {
            name: forms.Textarea(attrs={"rows": TEXTAREA_ROWS})
            for name in ("description", "goal_statement", "achievability")
        }

    def __init__(self, *args: Any, documents: Any = None, needs: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.level != Level.OUTPUT:
            for name in PARTICIPANT_FIELDS:
                del self.fields[name]
        if self.instance.level not in OUTCOME_LEVELS:
            for name in GOAL_FIELDS:
                del self.fields[name]
        else:
            _model_choices(self, "steering_documents").queryset = (
                documents if documents is not None else SteeringDocument.objects.none()
            )
            _model_choices(self, "needs").queryset = (
                needs if needs is not None else TargetGroupNeed.objects.none()
            )
            self.fields["steering_documents"].required = False
            self.fields["needs"].required = False
            self.fields["needs"].help_text = _(
                "The needs from the shared picture that this goal answers. Add needs there."
            )


class LinkAddForm(CrispyMixin, forms.Form):
    """A new link between two of the chain's nodes, chosen from nodes the caller has loaded."""

    source = forms.ChoiceField(label=_("From"), widget=QuickSelect)
    target = forms.ChoiceField(label=_("Leads to"), widget=QuickSelect)
    assumptions = forms.CharField(
        label=_("Assumptions"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("What must hold for the first to lead to the second."),
    )

    def __init__(self, *args: Any, nodes: Iterable[Any] = (), **kwargs: Any) -> None:
        # `nodes`: records or the chain's plain nodes, anything with pk, level and title.
        super().__init__(*args, prefix="link", **kwargs)
        self.nodes = {str(node.pk): node for node in nodes}
        levels = level_labels()
        choices = [("", "---------")] + [
            (pk, f"{levels[node.level]}: {node.title}") for pk, node in self.nodes.items()
        ]
        for name in ("source", "target"):
            cast(forms.ChoiceField, self.fields[name]).choices = choices

    def clean_source(self) -> Any:
        return self.nodes[self.cleaned_data["source"]]

    def clean_target(self) -> Any:
        return self.nodes[self.cleaned_data["target"]]


class LinkForm(CrispyMixin, VersionedModelForm):
    class Meta:
        model = Link
        fields = list(field_names(LINK))
        widgets = {"assumptions": forms.Textarea(attrs={"rows": TEXTAREA_ROWS})}


class IndicatorForm(CrispyMixin, VersionedModelForm):
    class Meta:
        model = Indicator
        fields = list(INDICATOR_FIELDS)
        field_classes = {"responsible_party": PartyChoiceField}
        widgets = {
            "baseline_date": DateInput(),
            "target_date": DateInput(),
            "evidence": forms.Textarea(attrs={"rows": TEXTAREA_ROWS}),
            "kind": forms.RadioSelect,
        }
        # Localized text inputs, not type=number: Swedish users type a decimal comma, which a
        # number input in a Swedish browser silently drops (12,5 became 125).
        localized_fields = ("baseline_value", "target_value")

    def __init__(self, *args: Any, parties: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        parties = parties if parties is not None else Party.objects.none()
        if self.instance.responsible_party_id is not None:
            # A removed party stays the choice it was, so saving does not clear it unasked.
            parties = parties | Party.all_objects.filter(pk=self.instance.responsible_party_id)
        _model_choices(self, "responsible_party").queryset = parties
        # Most indicators count: a form that leaves the kind out means a quantitative one.
        self.fields["kind"].required = False
        for name in self._meta.localized_fields or ():
            self.fields[name].widget.attrs["inputmode"] = "decimal"

    def clean_kind(self) -> str:
        return self.cleaned_data.get("kind") or Indicator.Kind.QUANTITATIVE


class RevisionForm(CrispyMixin, forms.Form):
    revised_on = forms.DateField(
        label=_("Date of the revision"), widget=DateInput(), initial=dt.date.today
    )
    reason = forms.CharField(
        label=_("Reason"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "What changed in the world or in the partnership, and why the theory of change is revised."
        ),
    )


class ImportForm(CrispyMixin, forms.Form):
    file = forms.FileField(
        label=_("Theory of change file (JSON)"),
        help_text=_("A file exported from Samverkan with “Export as JSON”. At most 2 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": "application/json,.json"}),
    )

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(_("The file is larger than 2 MB."))
        return upload


class CompareForm(BoundedInputMixin, forms.Form):
    a = forms.TypedChoiceField(label=_("Earlier"), coerce=str)
    b = forms.TypedChoiceField(label=_("Later"), coerce=str)

    def __init__(
        self, *args: Any, choices: list[tuple[str, str]] | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        for name in ("a", "b"):
            cast(forms.ChoiceField, self.fields[name]).choices = choices or []
