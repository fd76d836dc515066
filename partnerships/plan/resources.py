"""What each party brings to the plan and what it lacks (step 4, resources and competences).

One row per thing a party brings or lacks, of a kind (staff, premises, network…), with an
optional amount ("40 hours per month", "2 rooms"). Rows are versioned, kept in the history
and removed softly, like the plan's activities."""

from __future__ import annotations

from decimal import Decimal

from django.core.validators import MinValueValidator
from django.db import models
from django.utils import formats
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from ..concurrency import VersionedModel
from ..models import ActiveManager, Partnership, Party


class ResourceItem(VersionedModel):
    """One thing a party brings to the partnership, or lacks and hopes another party has."""

    class Kind(models.TextChoices):
        STAFF = "staff", _("Staff")
        PREMISES = "premises", _("Premises")
        NETWORK = "network", _("Network")
        DATA = "data", _("Data")
        EXPERTISE = "expertise", _("Expertise")
        CAPACITY = "capacity", _("Capacity")
        COMMITMENTS = "commitments", _("Other work it must also do")
        OTHER = "other", pgettext_lazy("resource kind", "Other")

    class Direction(models.TextChoices):
        BRINGS = "brings", _("Brings")
        LACKS = "lacks", _("Lacks")

    partnership = models.ForeignKey(
        Partnership, on_delete=models.CASCADE, related_name="resource_items"
    )
    party = models.ForeignKey(
        Party, verbose_name=_("party"), on_delete=models.CASCADE, related_name="resource_items"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    direction = models.CharField(
        _("brings or lacks"), max_length=10, choices=Direction.choices, default=Direction.BRINGS
    )
    description = models.CharField(
        _("description"),
        max_length=500,
        help_text=_("Concretely: who or what, and for what part of the work."),
    )
    amount = models.DecimalField(
        _("amount"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
        help_text=_("Optional: for example 40 (hours per month) or 2 (rooms)."),
    )
    unit = models.CharField(
        _("unit"),
        max_length=60,
        blank=True,
        help_text=_("What the amount counts, for example “hours per month” or “rooms”."),
    )
    removed_at = models.DateTimeField(_("removed"), null=True, blank=True, editable=False)
    history = HistoricalRecords()

    objects = ActiveManager()
    all_objects = models.Manager()

    class Meta:
        verbose_name = _("resource")
        verbose_name_plural = _("resources")
        ordering = ["kind", "direction", "id"]

    def __str__(self) -> str:
        return self.description

    @property
    def list_label(self) -> str:
        return (
            f"{self.party.organisation.name} – {self.get_direction_display()}: {self.description}"
        )

    @property
    def amount_text(self) -> str:
        """The amount as read: "40 timmar per månad", "2,5 rum"; empty without one."""
        if self.amount is None:
            return ""
        value = self.amount
        value = value.quantize(Decimal(1)) if value == value.to_integral() else value.normalize()
        number = formats.number_format(value, use_l10n=True, force_grouping=True)
        return f"{number} {self.unit}".strip()


RESOURCE_ITEM_FIELDS = ("party", "kind", "direction", "description", "amount", "unit")

__all__ = ["RESOURCE_ITEM_FIELDS", "ResourceItem"]
