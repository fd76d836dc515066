"""Published revisions of the collaboration plan and the parties' approvals of them."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from ...models import Partnership, Party


class PlanRevision(models.Model):
    """The whole plan (activities with their RACI roles, ways of working, risks) frozen as a
    versioned JSON document (`serialise.plan_to_dict`), numbered, dated and with a reason.

    A revision is never changed after it is published: a new one is published instead."""

    partnership = models.ForeignKey(
        Partnership, on_delete=models.CASCADE, related_name="plan_revisions"
    )
    number = models.PositiveIntegerField(_("number"))
    published_at = models.DateTimeField(_("published"))
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("published by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    reason = models.TextField(
        _("reason"), help_text=_("What changed in the plan since the last revision, and why.")
    )
    snapshot = models.JSONField(_("snapshot"), default=dict)
    history = HistoricalRecords(excluded_fields=["snapshot"])

    class Meta:
        verbose_name = _("plan revision")
        verbose_name_plural = _("plan revisions")
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["partnership", "number"], name="plan_revision_number_unique"
            )
        ]

    def __str__(self) -> str:
        return str(_("Plan revision %(number)s") % {"number": self.number})

    def get_absolute_url(self) -> str:
        return reverse(
            "partnerships:plan_revision_detail",
            kwargs={"key": self.partnership.key, "number": self.number},
        )


class PlanApproval(models.Model):
    """A party's approval of one revision, given by a person who represents it.

    The person's name and organisation and the party's name are written down as they were at
    that moment, so the record reads the same after a profile or an organisation changes."""

    partnership = models.ForeignKey(
        Partnership, on_delete=models.CASCADE, related_name="plan_approvals"
    )
    revision = models.ForeignKey(
        PlanRevision,
        verbose_name=_("revision"),
        on_delete=models.CASCADE,
        related_name="approvals",
    )
    party = models.ForeignKey(
        Party, verbose_name=_("party"), on_delete=models.CASCADE, related_name="plan_approvals"
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("approved by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    approved_at = models.DateTimeField(_("approved"))
    approver_name = models.CharField(_("name of the approver"), max_length=300)
    approver_organisation = models.CharField(
        _("organisation of the approver"), max_length=300, blank=True
    )
    party_name = models.CharField(_("party approving"), max_length=300)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("plan approval")
        verbose_name_plural = _("plan approvals")
        ordering = ["approved_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["revision", "party"], name="plan_approval_one_per_party"
            )
        ]

    def __str__(self) -> str:
        return str(
            _("%(party)s approved revision %(number)s")
            % {"party": self.party_name, "number": self.revision.number}
        )


__all__ = ["PlanApproval", "PlanRevision"]
