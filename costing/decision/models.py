"""Step 5, whether the municipality can pay and what the work is worth: the budget lines a
proposal refers to (anchored in the steering documents of step 1) and the assumptions of a
socio-economic estimate, each with the source the user gives."""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from partnerships.concurrency import VersionedModel
from partnerships.models import ActiveManager, OrgUnit, Partnership, Party, SteeringDocument

__all__ = [
    "BUDGET_LINE_FIELDS",
    "VALUE_ASSUMPTION_FIELDS",
    "BudgetLine",
    "ValueAssumption",
]

NOT_NEGATIVE = [MinValueValidator(Decimal("0"))]


class BudgetLine(VersionedModel):
    """A line of the municipality's budget the proposal refers to: how much a year, in which
    budget document, for which administration, with the priority it serves."""

    partnership = models.ForeignKey(
        Partnership, on_delete=models.CASCADE, related_name="budget_lines"
    )
    # Required in forms; SET_NULL so that deleting a document for good (documents are normally
    # removed softly) keeps the line and its amount.
    steering_document = models.ForeignKey(
        SteeringDocument,
        verbose_name=_("budget document"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="budget_lines",
        help_text=_("A budget among the steering documents the partnership uses (step 1)."),
    )
    administration = models.ForeignKey(
        OrgUnit,
        verbose_name=_("administration"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="budget_lines",
        help_text=_("The committee or administration whose budget the line is in, if one."),
    )
    title = models.CharField(
        _("budget line"),
        max_length=200,
        help_text=_("As the budget names it, for example “Arbetsmarknadsinsatser”."),
    )
    yearly_amount = models.DecimalField(
        _("amount per year (SEK)"),
        max_digits=14,
        decimal_places=2,
        validators=NOT_NEGATIVE,
        help_text=_("The part of the line the proposal may use in the year, or the whole line."),
    )
    year = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    priority = models.TextField(
        _("priority"),
        blank=True,
        help_text=_("The priority or goal of the budget the proposal serves, in its words."),
    )
    note = models.TextField(_("note"), blank=True)
    removed_at = models.DateTimeField(_("removed"), null=True, blank=True, editable=False)
    history = HistoricalRecords()

    objects = ActiveManager()
    all_objects = models.Manager()

    class Meta:
        verbose_name = _("budget line")
        verbose_name_plural = _("budget lines")
        ordering = ["year", "title", "id"]

    def __str__(self) -> str:
        return f"{self.title} ({self.year})"

    @property
    def list_label(self) -> str:
        return str(self)

    def clean(self) -> None:
        super().clean()
        document = self.steering_document
        if self.steering_document_id is not None and document is not None:
            if document.kind != SteeringDocument.Kind.BUDGET:
                raise ValidationError(
                    {"steering_document": _("Choose a steering document of the kind budget.")}
                )
            if (
                self.partnership_id is not None
                and not document.uses.filter(partnership_id=self.partnership_id).exists()
            ):
                raise ValidationError(
                    {
                        "steering_document": _(
                            "Choose a budget the partnership uses (its steering documents)."
                        )
                    }
                )
        unit = self.administration
        if self.administration_id is not None and unit is not None:
            if document is not None and document.organisation_id is not None:
                allowed = unit.organisation_id == document.organisation_id
            else:
                allowed = Party.objects.filter(
                    partnership_id=self.partnership_id, organisation_id=unit.organisation_id
                ).exists()
            if not allowed or unit.removed_at is not None:
                raise ValidationError(
                    {"administration": _("Choose a unit of the organisation the budget is of.")}
                )


class ValueAssumption(VersionedModel):
    """One assumption of the socio-economic estimate: a value with its unit and source.

    Its role says whether the estimate multiplies it (the people helped, the yearly public cost
    of one person outside work); other assumptions are shown with their source only."""

    class Role(models.TextChoices):
        PEOPLE_HELPED = "people_helped", _("People helped per year (used in the estimate)")
        COST_PER_PERSON = (
            "cost_per_person",
            _("Yearly public cost of one person outside work (used in the estimate)"),
        )
        OTHER = "other", _("Other (shown with its source, not used in the estimate)")

    partnership = models.ForeignKey(
        Partnership, on_delete=models.CASCADE, related_name="value_assumptions"
    )
    role = models.CharField(_("use"), max_length=20, choices=Role.choices, default=Role.OTHER)
    label = models.CharField(_("assumption"), max_length=200)
    value = models.DecimalField(
        _("value"), max_digits=16, decimal_places=2, validators=NOT_NEGATIVE
    )
    unit = models.CharField(
        _("unit"), max_length=50, help_text=_("For example: people, SEK per year.")
    )
    source = models.CharField(
        _("source"),
        max_length=300,
        help_text=_("Where the value comes from: a report, statistics, your own estimate."),
    )
    source_url = models.URLField(_("source link"), blank=True)
    note = models.TextField(_("note"), blank=True)
    removed_at = models.DateTimeField(_("removed"), null=True, blank=True, editable=False)
    history = HistoricalRecords()

    objects = ActiveManager()
    all_objects = models.Manager()

    class Meta:
        verbose_name = _("value assumption")
        verbose_name_plural = _("value assumptions")
        ordering = ["role", "label", "id"]

    def __str__(self) -> str:
        return self.label

    @property
    def list_label(self) -> str:
        return self.label

    def clean(self) -> None:
        super().clean()
        if (
            self.role != self.Role.OTHER
            and self.partnership_id is not None
            and self.removed_at is None
        ):
            taken = (
                ValueAssumption.objects.filter(partnership_id=self.partnership_id, role=self.role)
                .exclude(pk=self.pk)
                .exists()
            )
            if taken:
                raise ValidationError(
                    {
                        "role": _(
                            "Another assumption already has this use: change that one, or "
                            "choose “Other”."
                        )
                    }
                )


BUDGET_LINE_FIELDS = (
    "steering_document",
    "administration",
    "title",
    "yearly_amount",
    "year",
    "priority",
    "note",
)
VALUE_ASSUMPTION_FIELDS = ("role", "label", "value", "unit", "source", "source_url", "note")
