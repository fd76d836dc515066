"""The relationship plan: whom the partnership wants to reach, why, and what happens next.

`Contact` itself lives in `partnerships/models.py` (the base of steps 1 and 2); this module adds
who erased a contact and the plan's entries."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from ..concurrency import VersionedModel
from ..models import ActiveManager, Contact, Partnership

__all__ = ["CONTACT_FIELDS", "RELATIONSHIP_ENTRY_FIELDS", "RelationshipEntry"]

# The fields people edit on a contact, in the order the form shows them.
CONTACT_FIELDS = (
    "organisation",
    "unit",
    "name",
    "title",
    "position",
    "has_decision_mandate",
    "door_opener",
    "email",
    "phone",
)


class RelationshipEntry(VersionedModel):
    """One person in the partnership's relationship plan: why reach them, how far it has come,
    and the next action with its date. An action whose date has passed is overdue until it is
    done (the date moved on or cleared) or the entry is paused."""

    class Status(models.TextChoices):
        NOT_CONTACTED = "not_contacted", _("Not contacted yet")
        CONTACTED = "contacted", _("Contacted")
        IN_DIALOGUE = "in_dialogue", _("In dialogue")
        ON_BOARD = "on_board", _("On board")
        PAUSED = "paused", _("Paused")

    partnership = models.ForeignKey(
        Partnership, on_delete=models.CASCADE, related_name="relationship_entries"
    )
    contact = models.ForeignKey(
        Contact, verbose_name=_("contact"), on_delete=models.RESTRICT, related_name="plan_entries"
    )
    why = models.TextField(
        _("why reach them"),
        help_text=_("What the partnership needs from this person, or what they can open."),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.NOT_CONTACTED
    )
    next_action = models.CharField(_("next action"), max_length=300, blank=True)
    next_action_date = models.DateField(_("date of the next action"), null=True, blank=True)
    removed_at = models.DateTimeField(_("removed"), null=True, blank=True, editable=False)
    history = HistoricalRecords()

    objects = ActiveManager()
    all_objects = models.Manager()

    class Meta:
        verbose_name = _("relationship plan entry")
        verbose_name_plural = _("relationship plan entries")
        ordering = [models.F("next_action_date").asc(nulls_last=True), "id"]

    def __str__(self) -> str:
        return f"{self.contact} – {self.get_status_display()}"

    def clean(self) -> None:
        super().clean()
        if self.next_action_date is not None and not self.next_action.strip():
            raise ValidationError(
                {"next_action": _("Say what the next action is, since it has a date.")}
            )

    def is_overdue(self, today: date | None = None) -> bool:
        """The rule `selectors.overdue_relationship_actions` queries, for a loaded entry."""
        today = today or timezone.localdate()
        return (
            self.next_action_date is not None
            and self.next_action_date < today
            and self.status != self.Status.PAUSED
            and self.contact.erased_at is None
        )

    def days_overdue(self, today: date | None = None) -> int:
        if self.next_action_date is None:
            return 0
        return max(0, ((today or timezone.localdate()) - self.next_action_date).days)


RELATIONSHIP_ENTRY_FIELDS = ("contact", "why", "status", "next_action", "next_action_date")
