"""Forms for meetings and follow-up actions: they validate input only; services write."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from accounts.models import User

from ..concurrency import VersionedModelForm
from ..forms import CrispyMixin, DateInput
from ..models import Contact, Partnership
from .models import MEETING_ACTION_FIELDS, MEETING_FIELDS, Meeting, MeetingAction


def _contact_label(contact: Contact) -> str:
    """ "Anna Exempel (Eskilstuna kommun)", as in the relationship plan's form."""
    organisation = contact.organisation if contact.organisation_id else None
    return f"{contact} ({organisation.name})" if organisation is not None else str(contact)


class DateTimeInput(forms.DateTimeInput):
    """The browser's date-and-time picker; the value is Swedish time (the site's time zone)."""

    input_type = "datetime-local"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%Y-%m-%dT%H:%M", **kwargs)


def member_users(partnership: Partnership) -> Any:
    return User.objects.filter(memberships__partnership=partnership).order_by("email")


class MeetingForm(CrispyMixin, VersionedModelForm):
    class Meta:
        model = Meeting
        fields = list(MEETING_FIELDS)
        widgets = {
            "starts_at": DateTimeInput(),
            "ends_at": DateTimeInput(),
            "members": forms.CheckboxSelectMultiple,
            "contacts": forms.CheckboxSelectMultiple,
            "agenda": forms.Textarea(attrs={"rows": 4}),
            "notes": forms.Textarea(attrs={"rows": 6}),
            "decisions": forms.Textarea(attrs={"rows": 4}),
        }
        help_texts = {
            "starts_at": _("Swedish time, for example 2025-01-14 09:00."),
            "ends_at": _("Swedish time."),
            "members": _("Members of the partnership who take part."),
            "contacts": _("The partnership's contacts who take part."),
        }

    def __init__(self, *args: Any, partnership: Partnership, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        members = self.fields["members"]
        contacts = self.fields["contacts"]
        # Participants already on the meeting stay choosable after they left the partnership
        # or the contact was removed: saving the form must not drop them unnoticed.
        taken_users: list[Any] = []
        taken_contacts: list[Any] = []
        if self.instance.pk:
            taken_users = list(self.instance.members.values_list("pk", flat=True))
            taken_contacts = list(self.instance.contacts.values_list("pk", flat=True))
        members.queryset = (  # type: ignore[attr-defined]
            User.objects.filter(Q(memberships__partnership=partnership) | Q(pk__in=taken_users))
            .distinct()
            .order_by("email")
        )
        contacts.queryset = Contact.all_objects.filter(  # type: ignore[attr-defined]
            Q(removed_at__isnull=True) | Q(pk__in=taken_contacts), partnership=partnership
        ).select_related("organisation")
        # Two people of the same name in different organisations are told apart.
        contacts.label_from_instance = _contact_label  # type: ignore[attr-defined]
        members.error_messages["invalid_choice"] = _(
            "Only members of this partnership can be chosen as participants "
            "(%(value)s is not one of them)."
        )
        contacts.error_messages["invalid_choice"] = _(
            "Only contacts of this partnership can be chosen as participants "
            "(%(value)s is not one of them)."
        )
        if not contacts.queryset.exists():  # type: ignore[attr-defined]
            contacts.help_text = _("The partnership has no contacts yet.")
        for name in ("starts_at", "ends_at"):
            self.fields[name].input_formats = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"]  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        for name in ("members", "contacts"):
            # A group of checkboxes without any option shows no error of its own: say it above.
            if name in self.errors and not self.fields[name].queryset.exists():  # type: ignore[attr-defined]
                for message in self.errors[name]:
                    self.add_error(None, message)
        starts, ends = cleaned.get("starts_at"), cleaned.get("ends_at")
        if starts and ends and ends < starts:
            self.add_error("ends_at", _("The meeting cannot end before it starts."))
        return cleaned


class MeetingActionForm(CrispyMixin, VersionedModelForm):
    class Meta:
        model = MeetingAction
        fields = list(MEETING_ACTION_FIELDS)
        widgets = {"due_date": DateInput()}

    def __init__(self, *args: Any, partnership: Partnership, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        owner = self.fields["owner"]
        current = self.instance.owner_id if self.instance.pk else None
        owner.queryset = (  # type: ignore[attr-defined]
            User.objects.filter(Q(memberships__partnership=partnership) | Q(pk=current))
            .distinct()
            .order_by("email")
        )
        owner.error_messages["invalid_choice"] = _(
            "The owner must be a member of this partnership; or write a name."
        )
        if self.instance.pk is None:
            del self.fields["done"]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("owner") and cleaned.get("owner_name"):
            self.add_error("owner_name", _("Choose a member or write a name, not both."))
        return cleaned
