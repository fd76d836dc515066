"""Step 5, discuss financing: the tjänsteutlåtande's part of the checks."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from partnerships.models import Partnership
from partnerships.steps import Check, register

from .models import GeneratedDocument, MemoDraft, lines


@register(5, order=50)
def decision_memo(partnership: Partnership) -> list[Check]:
    """Two checks in two queries."""
    proposed = (
        MemoDraft.objects.filter(partnership=partnership)
        .values_list("proposed_decision", flat=True)
        .first()
    )
    generated = GeneratedDocument.objects.filter(
        partnership=partnership,
        kind=GeneratedDocument.Kind.TJANSTEUTLATANDE,
        status=GeneratedDocument.Status.READY,
    ).exists()
    page = reverse("costing:memo", kwargs={"key": partnership.key})
    return [
        Check(
            _("A tjänsteutlåtande draft has a proposed decision"),
            bool(lines(proposed or "")),
            _("Write the proposed decision in the memo draft"),
            reverse("costing:memo_edit", kwargs={"key": partnership.key}),
        ),
        Check(
            _("A PDF version of the tjänsteutlåtande has been generated"),
            generated,
            _("Generate the memo as a PDF"),
            f"{page}#versions",
        ),
    ]
