"""Forms validate input only; services write."""

from __future__ import annotations

from typing import Any

from crispy_forms.helper import FormHelper
from django import forms

from config.forms import BoundedInputMixin

from .models import User


class ProfileForm(BoundedInputMixin, forms.Form):
    """Name, job title and organisation: how other members see the user."""

    name = User._meta.get_field("name").formfield()
    title = User._meta.get_field("title").formfield()
    organisation = User._meta.get_field("organisation").formfield()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        autocomplete = {
            "name": "name",
            "title": "organization-title",
            "organisation": "organization",
        }
        for name, token in autocomplete.items():
            self.fields[name].widget.attrs["autocomplete"] = token
        self.helper = FormHelper()
        self.helper.form_tag = False
