"""Step 5, discuss financing: thresholds (reference data), financing arrangements, and the
cost calculation (staff categories, cost lines, one calculation per partnership).

Money is `Decimal` with two decimals (öre) throughout; `calculation.py` does the arithmetic.
"""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from partnerships.concurrency import VersionedModel
from partnerships.models import ActiveManager, Partnership, Party

NOT_NEGATIVE = [MinValueValidator(Decimal("0"))]
PERCENT = [MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("100"))]


class Threshold(models.Model):
    """A procurement threshold as published (reference data, edited in the admin): the one in
    force on a date is the latest whose `valid_from` is on or before it."""

    class Kind(models.TextChoices):
        DIRECT_AWARD = "direct_award", _("Direct award limit")
        GOODS_SERVICES = "goods_services", _("Goods and services, municipalities")
        SOCIAL_SERVICES = "social_services", _("Social and other special services")
        WORKS = "works", _("Works")
        EU_SUB_CENTRAL = "eu_sub_central", _("EU threshold, sub-central authorities")
        EU_SOCIAL_SERVICES = "eu_social_services", _("EU threshold, social services")

    class Currency(models.TextChoices):
        SEK = "SEK", "SEK"
        EUR = "EUR", "EUR"

    kind = models.CharField(_("kind"), max_length=32, choices=Kind.choices)
    value = models.DecimalField(
        _("value"), validators=NOT_NEGATIVE, max_digits=14, decimal_places=2
    )
    currency = models.CharField(
        _("currency"), max_length=3, choices=Currency.choices, default=Currency.SEK
    )
    valid_from = models.DateField(_("valid from"))
    source = models.CharField(_("source"), max_length=200)
    source_url = models.URLField(_("source link"), blank=True)
    notes = models.TextField(_("notes"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("procurement threshold")
        verbose_name_plural = _("procurement thresholds")
        ordering = ["kind", "-valid_from"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "valid_from"], name="threshold_one_per_date")
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.value} {self.currency} ({self.valid_from})"


class FinancingArrangement(VersionedModel):
    """One way the partnership's work is (or could be) paid for."""

    class Form(models.TextChoices):
        GRANT_YEARLY = "grant_yearly", _("Grant: yearly base grant")
        GRANT_ACTIVITY = "grant_activity", _("Grant: grant per activity")
        LOU = "lou", _("Public procurement: LOU")
        DIRECT_AWARD = "direct_award", _("Public procurement: direct award")
        LOV = "lov", _("Public procurement: LOV (freedom of choice)")
        IOP = "iop", _("Idea-based public partnership (IOP)")
        SOCIAL_OUTCOMES = "social_outcomes", _("Social outcomes contract")
        ESF = "esf", _("External project funding: ESF+")
        VINNOVA = "vinnova", _("External project funding: Vinnova")
        ARVSFONDEN = "arvsfonden", _("External project funding: Allmänna arvsfonden")
        EXTERNAL_OTHER = "external_other", _("External project funding: other")
        IN_KIND_PREMISES = "in_kind_premises", _("In-kind support: premises")
        IN_KIND_STAFF = "in_kind_staff", _("In-kind support: staff")
        IN_KIND_EXPERTISE = "in_kind_expertise", _("In-kind support: expertise")
        IN_KIND_CONTACTS = "in_kind_contacts", _("In-kind support: contacts")
        PREMISES_AGREEMENT = "premises_agreement", _("In-kind support: yearly premises agreement")

    class Family(models.TextChoices):
        GRANT = "grant", _("Grant")
        PROCUREMENT = "procurement", _("Public procurement")
        IOP = "iop", _("Idea-based public partnership (IOP)")
        SOCIAL_OUTCOMES = "social_outcomes", _("Social outcomes contract")
        EXTERNAL = "external", _("External project funding")
        IN_KIND = "in_kind", _("In-kind support")

    class Status(models.TextChoices):
        IDEA = "idea", _("Idea")
        PROPOSED = "proposed", _("Proposed")
        DECIDED = "decided", _("Decided")
        ACTIVE = "active", _("Active")
        ENDED = "ended", _("Ended")

    partnership = models.ForeignKey(
        Partnership, on_delete=models.CASCADE, related_name="financing_arrangements"
    )
    form = models.CharField(_("financing form"), max_length=32, choices=Form.choices)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default="idea")
    amount = models.DecimalField(
        _("amount (SEK)"),
        null=True,
        blank=True,
        validators=NOT_NEGATIVE,
        help_text=_("The whole value for the period, excluding VAT; in-kind support valued."),
        max_digits=14,
        decimal_places=2,
    )
    start_date = models.DateField(_("period start"), null=True, blank=True)
    end_date = models.DateField(_("period end"), null=True, blank=True)
    payer_party = models.ForeignKey(
        Party,
        verbose_name=_("who pays (party)"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    payer_text = models.CharField(
        _("who pays (other)"),
        max_length=200,
        blank=True,
        help_text=_("When the payer is not a party, for example a committee or a fund."),
    )
    funder = models.CharField(_("funder"), max_length=200, blank=True)
    committed_hours = models.PositiveIntegerField(
        _("committed co-financing hours per year"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(1_000_000)],
        help_text=_(
            "Working time the paying party has promised as co-financing, for example 500; "
            "compared with the time reports."
        ),
    )
    notes = models.TextField(_("notes"), blank=True)
    removed_at = models.DateTimeField(_("removed"), null=True, blank=True, editable=False)
    history = HistoricalRecords()

    objects = ActiveManager()
    all_objects = models.Manager()

    class Meta:
        verbose_name = _("financing arrangement")
        verbose_name_plural = _("financing arrangements")
        ordering = ["start_date", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(start_date__isnull=True)
                | models.Q(end_date__isnull=True)
                | models.Q(end_date__gte=models.F("start_date")),
                name="financing_end_not_before_start",
            )
        ]

    def __str__(self) -> str:
        return str(self.get_form_display())

    @property
    def list_label(self) -> str:
        return f"{self.get_form_display()} · {self.funder}" if self.funder else str(self)

    @property
    def family(self) -> str:
        return FAMILY_OF[self.form]

    @property
    def payer_label(self) -> str:
        if self.payer_party_id is not None and self.payer_party is not None:
            return str(self.payer_party.organisation)
        return self.payer_text

    def clean(self) -> None:
        super().clean()
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("The end date cannot be before the start date.")})


F = FinancingArrangement.Form
FAMILY_OF: dict[str, str] = {
    F.GRANT_YEARLY: "grant",
    F.GRANT_ACTIVITY: "grant",
    F.LOU: "procurement",
    F.DIRECT_AWARD: "procurement",
    F.LOV: "procurement",
    F.IOP: "iop",
    F.SOCIAL_OUTCOMES: "social_outcomes",
    F.ESF: "external",
    F.VINNOVA: "external",
    F.ARVSFONDEN: "external",
    F.EXTERNAL_OTHER: "external",
    F.IN_KIND_PREMISES: "in_kind",
    F.IN_KIND_STAFF: "in_kind",
    F.IN_KIND_EXPERTISE: "in_kind",
    F.IN_KIND_CONTACTS: "in_kind",
    F.PREMISES_AGREEMENT: "in_kind",
}


class StaffCategory(VersionedModel):
    """A kind of staff with its hourly rate (projektledare, coach): staff lines are hours of it."""

    partnership = models.ForeignKey(
        Partnership, on_delete=models.CASCADE, related_name="staff_categories"
    )
    name = models.CharField(_("name"), max_length=100)
    hourly_rate = models.DecimalField(
        _("hourly rate (SEK)"),
        validators=NOT_NEGATIVE,
        help_text=_("Including social fees, for example 450 or 512,50."),
        max_digits=14,
        decimal_places=2,
    )
    party = models.ForeignKey(
        Party,
        verbose_name=_("party"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    removed_at = models.DateTimeField(_("removed"), null=True, blank=True, editable=False)
    history = HistoricalRecords()

    objects = ActiveManager()
    all_objects = models.Manager()

    class Meta:
        verbose_name = _("staff category")
        verbose_name_plural = _("staff categories")
        ordering = ["name", "id"]

    def __str__(self) -> str:
        return self.name


class CostLine(VersionedModel):
    """One line of the calculation: an estimate or an actual cost."""

    class Kind(models.TextChoices):
        STAFF = "staff", _("Staff (hours × hourly rate)")
        PREMISES = "premises", _("Premises")
        MATERIAL = "material", _("Material")
        TRAVEL = "travel", _("Travel")
        PARTICIPANT_FEES = "participant_fees", _("Fees to participants")
        OTHER = "other", _("Other")

    class Scenario(models.TextChoices):
        ESTIMATE = "estimate", _("Estimate")
        ACTUAL = "actual", _("Actual")

    partnership = models.ForeignKey(
        Partnership, on_delete=models.CASCADE, related_name="cost_lines"
    )
    scenario = models.CharField(
        _("estimate or actual"), max_length=10, choices=Scenario.choices, default="estimate"
    )
    plan_activity = models.ForeignKey(
        "partnerships.PlanActivity",
        verbose_name=_("plan activity"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="cost_lines",
        help_text=_("The activity of the collaboration plan the cost belongs to."),
    )
    activity = models.CharField(
        _("activity"),
        max_length=200,
        blank=True,
        help_text=_(
            "The activity's name when it is not in the collaboration plan (yet). A line linked "
            "to a plan activity takes the plan activity's title."
        ),
    )
    party = models.ForeignKey(
        Party,
        verbose_name=_("party"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("The party that bears the cost."),
    )
    year = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    kind = models.CharField(_("kind of cost"), max_length=20, choices=Kind.choices)
    staff_category = models.ForeignKey(
        StaffCategory,
        verbose_name=_("staff category"),
        on_delete=models.RESTRICT,
        null=True,
        blank=True,
        related_name="lines",
        help_text=_("For staff: the hours are priced at the category's hourly rate."),
    )
    description = models.CharField(_("description"), max_length=300, blank=True)
    quantity = models.DecimalField(
        _("quantity"),
        validators=NOT_NEGATIVE,
        help_text=_("Hours for staff; otherwise the number of units."),
        max_digits=14,
        decimal_places=2,
    )
    unit_price = models.DecimalField(
        _("unit price (SEK)"),
        null=True,
        blank=True,
        validators=NOT_NEGATIVE,
        help_text=_("Excluding VAT. Staff lines use the category's hourly rate."),
        max_digits=14,
        decimal_places=2,
    )
    vat_applies = models.BooleanField(_("VAT applies"), default=False)
    vat_rate = models.DecimalField(
        _("VAT rate (%)"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=PERCENT,
        help_text=_("Leave empty for the calculation's rate (normally 25 %)."),
    )
    removed_at = models.DateTimeField(_("removed"), null=True, blank=True, editable=False)
    history = HistoricalRecords()

    objects = ActiveManager()
    all_objects = models.Manager()

    class Meta:
        verbose_name = _("cost line")
        verbose_name_plural = _("cost lines")
        ordering = ["year", "activity", "kind", "id"]

    def __str__(self) -> str:
        label = self.description or self.get_kind_display()
        return f"{self.activity}: {label} ({self.year})"

    @property
    def list_label(self) -> str:
        return f"{self} · {self.get_scenario_display()}"

    def clean(self) -> None:
        super().clean()
        if self.kind == self.Kind.STAFF:
            if self.staff_category_id is None:
                raise ValidationError({"staff_category": _("A staff line needs a staff category.")})
            if (
                self.partnership_id is not None
                and self.staff_category is not None
                and self.staff_category.partnership_id != self.partnership_id
            ):
                raise ValidationError(
                    {"staff_category": _("Choose a category of this partnership.")}
                )
            self.unit_price = None  # priced by the category's rate
        else:
            if self.unit_price is None:
                raise ValidationError({"unit_price": _("Enter the unit price.")})
            self.staff_category = None
        if (
            self.party_id is not None
            and self.partnership_id is not None
            and self.party is not None
            and self.party.partnership_id != self.partnership_id
        ):
            raise ValidationError({"party": _("Choose a party of this partnership.")})
        self._clean_plan_activity()

    def _clean_plan_activity(self) -> None:
        """A linked line belongs to one of its own partnership's plan activities and carries
        its title; an unlinked line names its activity in words."""
        if self.plan_activity_id is None:
            self.activity = (self.activity or "").strip()
            if not self.activity:
                raise ValidationError(
                    {"activity": _("Choose an activity of the plan or name the activity.")}
                )
            return
        activity = self.plan_activity
        if activity is None or activity.partnership_id != self.partnership_id:
            raise ValidationError(
                {"plan_activity": _("Choose an activity of this partnership's plan.")}
            )
        self.activity = activity.title

    @property
    def activity_label(self) -> str:
        """The name the totals group the line under: the plan activity's title when linked."""
        if self.plan_activity_id is not None and self.plan_activity is not None:
            return self.plan_activity.title
        return self.activity

    def price(self) -> Decimal:
        """The unit price used: the staff category's hourly rate for staff lines."""
        if self.kind == self.Kind.STAFF and self.staff_category is not None:
            return self.staff_category.hourly_rate
        return self.unit_price or Decimal("0")


class Calculation(VersionedModel):
    """The partnership's settings for the calculation, and the estimate frozen as baseline."""

    partnership = models.OneToOneField(
        Partnership, on_delete=models.CASCADE, related_name="calculation"
    )
    overhead_percent = models.DecimalField(
        _("overhead (%)"),
        max_digits=5,
        decimal_places=2,
        default=Decimal("0"),
        validators=PERCENT,
        help_text=_("Added to every line's amount excluding VAT, for example 15."),
    )
    vat_rate = models.DecimalField(
        _("VAT rate (%)"),
        max_digits=5,
        decimal_places=2,
        default=Decimal("25"),
        validators=PERCENT,
    )
    participants = models.PositiveIntegerField(
        _("participants"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(10_000_000)],
        help_text=_(
            "For the cost per participant. Leave empty to use the participants of the theory "
            "of change's outputs."
        ),
    )
    baseline = models.JSONField(_("baseline"), null=True, blank=True, editable=False)
    frozen_at = models.DateTimeField(_("frozen"), null=True, blank=True, editable=False)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("cost calculation")
        verbose_name_plural = _("cost calculations")

    def __str__(self) -> str:
        return str(_("Cost calculation"))


class TimeReport(VersionedModel):
    """Hours a person worked in the project, reported as co-financing (ESF style): whole
    hours on a date, valued at the hourly rate of the person's staff category."""

    partnership = models.ForeignKey(
        Partnership, on_delete=models.CASCADE, related_name="time_reports"
    )
    # Required in forms; SET_NULL so that deleting a party for good (parties are normally
    # removed softly) keeps the hours, as the history keeps who reported them.
    party = models.ForeignKey(
        Party, verbose_name=_("party"), on_delete=models.SET_NULL, null=True, related_name="+"
    )
    person = models.CharField(_("person"), max_length=200)
    staff_category = models.ForeignKey(
        StaffCategory,
        verbose_name=_("staff category"),
        on_delete=models.RESTRICT,
        related_name="time_reports",
        help_text=_("The hours are valued at the category's hourly rate."),
    )
    worked_on = models.DateField(_("date"))
    hours = models.PositiveSmallIntegerField(
        _("hours"),
        validators=[MinValueValidator(1), MaxValueValidator(24)],
        help_text=_("Whole hours, as the funders ask."),
    )
    activity = models.CharField(_("activity"), max_length=200)
    removed_at = models.DateTimeField(_("removed"), null=True, blank=True, editable=False)
    history = HistoricalRecords()

    objects = ActiveManager()
    all_objects = models.Manager()

    class Meta:
        verbose_name = _("time report")
        verbose_name_plural = _("time reports")
        ordering = ["-worked_on", "-id"]

    def __str__(self) -> str:
        return f"{self.person}, {self.worked_on}: {self.hours} h"

    def clean(self) -> None:
        super().clean()
        for name in ("party", "staff_category"):
            related = getattr(self, f"{name}_id")
            if related is not None and self.partnership_id is not None:
                owner = getattr(self, name).partnership_id
                if owner != self.partnership_id:
                    raise ValidationError({name: _("Choose one of this partnership's.")})


CALCULATION_FIELDS = ("overhead_percent", "vat_rate", "participants")
STAFF_CATEGORY_FIELDS = ("name", "hourly_rate", "party")
COST_LINE_FIELDS = (
    "scenario",
    "plan_activity",
    "activity",
    "party",
    "year",
    "kind",
    "staff_category",
    "description",
    "quantity",
    "unit_price",
    "vat_applies",
    "vat_rate",
)
FINANCING_FIELDS = (
    "form",
    "status",
    "amount",
    "start_date",
    "end_date",
    "payer_party",
    "payer_text",
    "funder",
    "committed_hours",
    "notes",
)
TIME_REPORT_FIELDS = ("party", "person", "staff_category", "worked_on", "hours", "activity")

__all__ = [
    "CALCULATION_FIELDS",
    "COST_LINE_FIELDS",
    "FINANCING_FIELDS",
    "STAFF_CATEGORY_FIELDS",
    "Calculation",
    "CostLine",
    "FinancingArrangement",
    "StaffCategory",
    "TIME_REPORT_FIELDS",
    "Threshold",
    "TimeReport",
]


# The document pipeline and the tjänsteutlåtande (costing/documents/).
# Ability to pay and value (costing/decision/).
from .decision.models import *  # noqa: E402, F403
from .documents.models import *  # noqa: E402, F403
