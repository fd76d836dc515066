"""Which partnerships use which steering documents (documents belong to organisations)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from ..models import Partnership, SteeringDocument


class SteeringDocumentUse(models.Model):
    """A partnership uses a steering document of one of its parties: its goals may anchor to it.

    Not versioned: a use is there or not; picking and dropping it show in the history."""

    partnership = models.ForeignKey(
        Partnership, on_delete=models.CASCADE, related_name="steering_document_uses"
    )
    document = models.ForeignKey(
        SteeringDocument,
        verbose_name=_("steering document"),
        on_delete=models.CASCADE,
        related_name="uses",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("use of a steering document")
        verbose_name_plural = _("uses of steering documents")
        constraints = [
            models.UniqueConstraint(
                fields=["partnership", "document"], name="steering_document_used_once"
            )
        ]

    def __str__(self) -> str:
        return str(self.document)
