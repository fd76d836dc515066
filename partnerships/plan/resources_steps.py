"""Step 4's check of resources: every party has said what it brings and what it lacks."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from ..models import Partnership
from ..steps import Check, register
from .resources_selectors import parties_without_both


@register(4, order=20)
def resources_said(partnership: Partnership) -> list[Check]:
    """One check in two queries (the parties, the directions they have written)."""
    parties, missing = parties_without_both(partnership)
    url = reverse("partnerships:plan_resources", kwargs={"key": partnership.key})
    return [
        Check(
            _("Every party has said what it brings and what it lacks"),
            bool(parties) and not missing,
            ngettext(
                "Write down what %(names)s brings and lacks",
                "Write down what %(count)d parties bring and lack: %(names)s",
                len(missing),
            )
            % {"count": len(missing), "names": ", ".join(p.organisation.name for p in missing)}
            if missing
            else _("Write down what each party brings and lacks"),
            url,
        )
    ]
