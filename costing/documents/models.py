"""The shared document pipeline (generated PDFs) and the tjänsteutlåtande draft.

A `GeneratedDocument` is one numbered version of a document (the tjänsteutlåtande, later the
theory of change and the collaboration plan): the data it shows is frozen when someone clicks
"Generate", and a Celery task renders it to a PDF kept through Django's storage API.
"""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from partnerships.concurrency import VersionedModel
from partnerships.models import Partnership

__all__ = [
    "COMMITTEE_DECISION_FIELDS",
    "MEMO_FIELDS",
    "CommitteeDecision",
    "GeneratedDocument",
    "MemoDraft",
    "document_upload_to",
]


def document_upload_to(instance: GeneratedDocument, filename: str) -> str:
    """A path no one can guess: 128 random bits per file. The file is only ever served by the
    download view, which checks membership on every request."""
    return f"documents/{secrets.token_hex(16)}/{secrets.token_hex(8)}.pdf"


class GeneratedDocument(models.Model):
    """One numbered, frozen version of a document and the state of its rendering."""

    class Kind(models.TextChoices):
        TJANSTEUTLATANDE = "tjansteutlatande", _("Decision memo (tjänsteutlåtande)")
        THEORY_OF_CHANGE = "theory_of_change", _("Theory of change")
        COLLABORATION_PLAN = "collaboration_plan", _("Collaboration plan")

    class Status(models.TextChoices):
        QUEUED = "queued", _("Waiting")
        RENDERING = "rendering", _("Being rendered")
        READY = "ready", _("Ready")
        FAILED = "failed", _("Failed")

    partnership = models.ForeignKey(
        Partnership, on_delete=models.CASCADE, related_name="generated_documents"
    )
    kind = models.CharField(_("kind"), max_length=32, choices=Kind.choices)
    number = models.PositiveIntegerField(_("version"))
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.QUEUED
    )
    error = models.TextField(_("reason"), blank=True)
    # Set when the job could not be handed to the background service (broker down).
    queue_error = models.CharField(max_length=300, blank=True)
    attempts = models.PositiveIntegerField(_("attempts"), default=0)
    data = models.JSONField(_("frozen data"), default=dict)
    language = models.CharField(_("language"), max_length=8, default="sv")
    file = models.FileField(_("file"), upload_to=document_upload_to, blank=True, max_length=200)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    rendered_at = models.DateTimeField(null=True, blank=True)
    history = HistoricalRecords(excluded_fields=["data"])

    class Meta:
        verbose_name = _("generated document")
        verbose_name_plural = _("generated documents")
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["partnership", "kind", "number"], name="generated_document_number_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} v{self.number}"

    @property
    def in_progress(self) -> bool:
        return self.status in (self.Status.QUEUED, self.Status.RENDERING)

    @property
    def is_ready(self) -> bool:
        return self.status == self.Status.READY and bool(self.file)

    @property
    def retried(self) -> int:
        """How many times rendering was tried again after the first attempt."""
        return max(0, self.attempts - 1)


MEMO_FIELDS = (
    "subject",
    "registration_number",
    "committee",
    "administration",
    "officer_name",
    "officer_title",
    "officer_email",
    "memo_date",
    "summary",
    "proposed_decision",
    "background",
    "assessment",
    "alternatives",
    "economic_consequences",
    "child_impact",
    "gender_equality_impact",
    "attachments",
    "recipients",
)


class MemoDraft(VersionedModel):
    """The narrative parts of the partnership's tjänsteutlåtande (one per partnership).

    Formally the administration issues it; the partners prepare the draft and the municipal
    officer finishes it. The data parts (the chain, results, costs) come from the records.
    """

    partnership = models.OneToOneField(
        Partnership, on_delete=models.CASCADE, related_name="memo_draft"
    )
    subject = models.CharField(_("subject"), max_length=300)
    registration_number = models.CharField(
        _("registration number"),
        max_length=50,
        blank=True,
        help_text=_("The diarienummer the registry gave the matter, for example KS 2026/123."),
    )
    committee = models.CharField(
        _("committee"),
        max_length=200,
        blank=True,
        help_text=_("The committee (nämnd) that decides."),
    )
    administration = models.CharField(
        _("administration"),
        max_length=200,
        blank=True,
        help_text=_("The administration (förvaltning) that issues the memo."),
    )
    officer_name = models.CharField(_("officer's name"), max_length=200, blank=True)
    officer_title = models.CharField(_("officer's title"), max_length=200, blank=True)
    officer_email = models.EmailField(_("officer's email"), blank=True)
    memo_date = models.DateField(_("date"), null=True, blank=True)
    summary = models.TextField(_("summary"), blank=True)
    proposed_decision = models.TextField(
        _("proposed decision"),
        blank=True,
        help_text=_(
            "One point per line; each point must stand on its own. They are numbered in the memo."
        ),
    )
    background = models.TextField(_("background"), blank=True)
    assessment = models.TextField(_("the administration's assessment"), blank=True)
    alternatives = models.TextField(
        _("alternatives and their consequences"),
        blank=True,
        help_text=_("Include what happens if the committee decides not to act."),
    )
    economic_consequences = models.TextField(_("economic consequences"), blank=True)
    child_impact = models.TextField(
        _("impact assessment for children"),
        blank=True,
        help_text=_(
            "How the decision affects children, as the Convention on the Rights of the Child asks."
        ),
    )
    gender_equality_impact = models.TextField(_("gender equality impact"), blank=True)
    attachments = models.TextField(_("attachments"), blank=True, help_text=_("One per line."))
    recipients = models.TextField(
        _("the decision is sent to"), blank=True, help_text=_("One recipient per line.")
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("decision memo draft")
        verbose_name_plural = _("decision memo drafts")

    def __str__(self) -> str:
        return self.subject

    @property
    def decision_points(self) -> list[str]:
        return lines(self.proposed_decision)


def lines(text: str) -> list[str]:
    """The non-empty lines of a text, trimmed."""
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


COMMITTEE_DECISION_FIELDS = ("decided_on", "paragraph", "outcome", "note")


class CommitteeDecision(VersionedModel):
    """What the committee decided on one version of the memo."""

    class Outcome(models.TextChoices):
        AS_PROPOSED = "as_proposed", _("Decided as proposed")
        CHANGED = "changed", _("Decided with changes")
        REJECTED = "rejected", _("Rejected")
        SENT_BACK = "sent_back", _("Sent back for more work")

    partnership = models.ForeignKey(
        Partnership, on_delete=models.CASCADE, related_name="committee_decisions"
    )
    document = models.OneToOneField(
        GeneratedDocument, on_delete=models.CASCADE, related_name="decision"
    )
    decided_on = models.DateField(_("date of the decision"))
    paragraph = models.CharField(
        _("paragraph (§)"),
        max_length=30,
        blank=True,
        help_text=_("The paragraph in the committee's minutes, for example § 45."),
    )
    outcome = models.CharField(_("decision"), max_length=20, choices=Outcome.choices)
    note = models.TextField(_("note"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("committee decision")
        verbose_name_plural = _("committee decisions")

    def __str__(self) -> str:
        return f"{self.document}: {self.get_outcome_display()}"
