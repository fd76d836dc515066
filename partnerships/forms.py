"""Forms validate input only; services write."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from crispy_forms.helper import FormHelper
from django import forms
from django.db import models
from django.utils.translation import gettext_lazy as _

from config.forms import BoundedInputMixin

from .concurrency import EditConflict, VersionedModelForm
from .display import EMPTY
from .models import (
    FUNDING_CALL_FIELDS,
    ORGANISATION_FIELDS,
    PARTNERSHIP_FIELDS,
    STEERING_DOCUMENT_FIELDS,
    FundingCall,
    GlossaryTerm,
    Invitation,
    Membership,
    Organisation,
    Partnership,
    Party,
    Role,
    SteeringDocument,
)
from .validators import check_org_number_free, normalise_org_number


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%Y-%m-%d", **kwargs)


class CrispyMixin(BoundedInputMixin):
    """crispy-bootstrap5 layout without a <form> tag: templates own the form element.

    Every project form has it (or VersionedModelForm), and with it the bounded-input checks."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False


class PartnershipForm(CrispyMixin, VersionedModelForm):
    class Meta:
        model = Partnership
        fields = list(PARTNERSHIP_FIELDS)
        widgets = {
            "challenge": forms.Textarea(attrs={"rows": 4}),
            "start_date": DateInput(),
            "end_date": DateInput(),
        }

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        start, end = cleaned.get("start_date"), cleaned.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", _("The end date cannot be before the start date."))
        return cleaned


class OrganisationForm(CrispyMixin, VersionedModelForm):
    class Meta:
        model = Organisation
        fields = list(ORGANISATION_FIELDS)
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}

    def clean_org_number(self) -> str:
        value = self.cleaned_data.get("org_number", "")
        number = normalise_org_number(value) if value else ""
        try:
            check_org_number_free(number, organisation=self.instance)
        except forms.ValidationError as error:
            raise forms.ValidationError(error.message_dict["org_number"]) from error
        return number

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("org_number") and cleaned.get("foreign_registration"):
            self.add_error(
                "foreign_registration",
                _("Give either a Swedish organisation number or a foreign registration, not both."),
            )
        return cleaned


class PartyForm(CrispyMixin, forms.ModelForm):
    """An organisation from the user's list, or any organisation of the shared register found
    by its organisation number."""

    org_number = forms.CharField(
        label=_("…or its organisation number"),
        required=False,
        max_length=20,
        help_text=_(
            "For an organisation already registered by someone in another partnership, "
            "written NNNNNN-NNNN."
        ),
    )

    class Meta:
        model = Party
        fields = ["organisation", "org_number", "part", "contribution"]

    def __init__(self, *args: Any, organisations: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if organisations is not None:
            self.fields["organisation"].queryset = organisations  # type: ignore[attr-defined]
        self.fields["organisation"].required = False
        self.fields["organisation"].help_text = _(
            "Not in the list and not registered yet? Register the organisation first."
        )

    def clean(self) -> dict[str, Any]:
        from .selectors import organisation_by_number

        cleaned = super().clean() or {}
        number = cleaned.get("org_number", "")
        chosen = cleaned.get("organisation")
        if number and chosen:
            self.add_error("org_number", _("Choose from the list or give a number, not both."))
        elif number:
            try:
                found = organisation_by_number(normalise_org_number(number))
            except forms.ValidationError as error:
                self.add_error("org_number", error)
            else:
                if found is None:
                    self.add_error(
                        "org_number",
                        _("No organisation with this number is registered: register it first."),
                    )
                cleaned["organisation"] = found
        elif not chosen and "organisation" not in self.errors:
            self.add_error("organisation", _("Choose an organisation or give its number."))
        return cleaned

    def party_values(self) -> dict[str, Any]:
        """What the party_add service takes."""
        return {name: self.cleaned_data[name] for name in ("organisation", "part", "contribution")}


class OwnerUnitField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.organisation} · {obj.name}"


class SteeringDocumentForm(CrispyMixin, VersionedModelForm):
    """A steering document of one of the partnership's parties' organisations (or a unit of
    it): `organisations` are the ones offered; the document's own stays offered."""

    class Meta:
        model = SteeringDocument
        fields = list(STEERING_DOCUMENT_FIELDS)
        field_classes = {"unit": OwnerUnitField}

    def __init__(self, *args: Any, organisations: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        from .models import Organisation, OrgUnit

        offered = Organisation.objects.none() if organisations is None else organisations
        current = self.instance.organisation_id
        choices = Organisation.objects.filter(
            models.Q(pk__in=offered.values("pk")) | models.Q(pk=current)
        ).order_by("name")
        self.fields["organisation"].queryset = choices  # type: ignore[attr-defined]
        self.fields["organisation"].required = choices.exists()
        self.fields["organisation"].help_text = _(
            "The party's organisation that decided the document: entered once, every "
            "partnership with that party can use it."
        )
        self.fields["unit"].queryset = (  # type: ignore[attr-defined]
            OrgUnit.objects.filter(organisation__in=choices)
            .select_related("organisation")
            .order_by("organisation__name", "name")
        )


# Spaces (plain, no-break, narrow no-break) group digits in Swedish: "1 500 000".
_DIGIT_GROUPS = re.compile(r"[\s\u00a0\u202f]+")


class AmountField(forms.IntegerField):
    """Whole kronor written as Swedes write them: "1 500 000", "1500000 kr", "250 000:-"."""

    widget = forms.TextInput

    def __init__(self, **kwargs: Any) -> None:
        kwargs.pop("localize", None)
        super().__init__(**kwargs)
        self.widget.attrs.setdefault("inputmode", "numeric")

    def to_python(self, value: Any) -> int | None:
        if isinstance(value, str):
            text = _DIGIT_GROUPS.sub("", value).lower()
            for suffix in (":-", "kronor", "kr", "sek"):
                text = text.removesuffix(suffix)
            value = text.removesuffix(".").strip()
        return super().to_python(value)

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, int):
            return f"{value:,}".replace(",", " ")
        return value


class PercentField(forms.DecimalField):
    """A percentage with a decimal comma or point, with or without "%": "12,5 %"."""

    widget = forms.TextInput

    def __init__(self, **kwargs: Any) -> None:
        kwargs["localize"] = True
        super().__init__(**kwargs)
        self.widget.attrs.setdefault("inputmode", "decimal")

    def to_python(self, value: Any) -> Any:
        if isinstance(value, str):
            value = _DIGIT_GROUPS.sub("", value).removesuffix("%").replace(",", ".")
        return super().to_python(value)


class FundingCallForm(CrispyMixin, VersionedModelForm):
    class Meta:
        model = FundingCall
        fields = list(FUNDING_CALL_FIELDS)
        field_classes = {
            "amount_min": AmountField,
            "amount_max": AmountField,
            "co_financing_percent": PercentField,
        }
        widgets = {"deadline": DateInput(), "notes": forms.Textarea(attrs={"rows": 4})}
        help_texts = {
            "amount_min": _("Whole kronor, for example 1 500 000."),
            "amount_max": _("Whole kronor, for example 1 500 000."),
        }

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        low, high = cleaned.get("amount_min"), cleaned.get("amount_max")
        if low is not None and high is not None and low > high:
            self.add_error(
                "amount_max", _("The largest amount cannot be smaller than the smallest.")
            )
        return cleaned


class GlossaryTermForm(CrispyMixin, VersionedModelForm):
    """A term, one textarea per current party for what the word means to it (labelled with the
    organisation's name), the agreed meaning and whether it is agreed."""

    class Meta:
        model = GlossaryTerm
        fields = ["term", "agreed_meaning", "status"]
        widgets = {"agreed_meaning": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args: Any, parties: Any = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.parties = list(parties)
        meaning_fields: dict[str, forms.Field] = {}
        for party in self.parties:
            meaning_fields[self.meaning_name(party)] = forms.CharField(
                label=_("Meaning to %(party)s") % {"party": party.organisation.name},
                required=False,
                max_length=2000,
                widget=forms.Textarea(attrs={"rows": 2}),
                initial=self.instance.meaning_for(party.pk),
            )
        ordered = {"term": self.fields["term"], **meaning_fields}
        ordered.update({k: v for k, v in self.fields.items() if k not in ordered})
        self.fields = ordered

    @staticmethod
    def meaning_name(party: Any) -> str:
        return f"meaning_{party.pk}"

    def changes(self) -> dict[str, Any]:
        """The term's fields, the parties' texts gathered into `meanings` (texts of parties no
        longer in the partnership are kept as they were)."""
        meanings = dict(self.instance.meanings or {})
        for party in self.parties:
            meanings[str(party.pk)] = self.cleaned_data.get(self.meaning_name(party), "")
        changes = {
            name: value
            for name, value in self.cleaned_data.items()
            if name in ("term", "agreed_meaning", "status")
        }
        changes["meanings"] = {k: v for k, v in meanings.items() if v and v.strip()}
        return changes

    field_values = changes

    def show_conflict(self, conflict: EditConflict) -> None:
        """As for any record, and: a party's meaning only the other person changed is brought
        up to date (saving again keeps it), and a conflict on the meanings names the parties."""
        record = (
            GlossaryTerm.history.filter(id=self.instance.pk, version=self.expected_version)
            .order_by("-history_date", "-history_id")
            .first()
        )
        base = dict(record.meanings or {}) if record is not None else None
        super().show_conflict(conflict)
        current = conflict.current
        assert isinstance(current, GlossaryTerm)
        data: Any = self.data
        for party in self.parties:
            key = self.add_prefix(self.meaning_name(party))
            posted = str(data.get(key, "")).replace("\r\n", "\n").strip()
            if base is not None and posted == str(base.get(str(party.pk), "")).strip():
                data[key] = current.meaning_for(party.pk)
        names = {str(party.pk): party.organisation.name for party in self.parties}

        def readable(meanings: dict[str, str]) -> str:
            return "; ".join(f"{names.get(k, k)}: {v}" for k, v in meanings.items()) or EMPTY

        yours = self.changes()["meanings"]
        self.conflict = [
            replace(
                item,
                base=readable(base or {}),
                theirs=readable(current.meanings or {}),
                yours=readable(yours),
            )
            if item.name == "meanings"
            else item
            for item in self.conflict
        ]


class InvitationForm(CrispyMixin, forms.ModelForm):
    class Meta:
        model = Invitation
        fields = ["email", "role"]


class RoleForm(BoundedInputMixin, forms.ModelForm):
    class Meta:
        model = Membership
        fields = ["role"]
        labels = {"role": _("Role")}


ROLE_HELP = {
    Role.OWNER: _("Everything, including members and roles."),
    Role.FACILITATOR: _("Edits every step and runs workshops."),
    Role.EDITOR: _("Edits every step."),
    Role.VIEWER: _("Reads everything, changes nothing."),
}
