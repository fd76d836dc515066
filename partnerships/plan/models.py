"""The collaboration plan's records: its activities and the RACI matrix of who does what."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from theory_of_change.shape import Level

from ..concurrency import VersionedModel
from ..models import ActiveManager, Partnership, Party


class PlanActivity(VersionedModel):
    """One activity of the collaboration plan, carrying out an activity of the change chain.

    `node` is the chain's activity node it carries out. Deleting that node sets it to empty:
    the plan activity is kept and flagged on the plan page, never lost with it."""

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        ONGOING = "ongoing", _("Ongoing")
        DONE = "done", _("Done")
        PAUSED = "paused", _("Paused")
        CANCELLED = "cancelled", _("Cancelled")

    partnership = models.ForeignKey(
        Partnership, on_delete=models.CASCADE, related_name="plan_activities"
    )
    node = models.ForeignKey(
        "theory_of_change.Node",
        verbose_name=_("activity in the theory of change"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="plan_activities",
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    start_month = models.DateField(_("start month"), null=True, blank=True)
    end_month = models.DateField(_("end month"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PLANNED
    )
    responsible_party = models.ForeignKey(
        Party,
        verbose_name=_("responsible party"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="responsible_for_plan_activities",
    )
    responsible_person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("responsible person"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    planned_participants = models.PositiveIntegerField(
        _("planned number of participants"), null=True, blank=True
    )
    what = models.TextField(
        _("what will be done"),
        blank=True,
        help_text=_("The content of the activity, concretely."),
    )
    who = models.TextField(
        _("who takes part and who does the work"),
        blank=True,
        help_text=_("The people the activity is for, and the people who carry it out."),
    )
    how = models.TextField(
        _("how it will be done"),
        blank=True,
        help_text=_("Method, place, how often, and how the parties work together on it."),
    )
    order = models.PositiveIntegerField(_("position"), default=0, editable=False)
    removed_at = models.DateTimeField(_("removed"), null=True, blank=True, editable=False)
    history = HistoricalRecords()

    objects = ActiveManager()
    all_objects = models.Manager()

    class Meta:
        verbose_name = _("plan activity")
        verbose_name_plural = _("plan activities")
        ordering = ["order", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_month__isnull=True)
                | models.Q(start_month__isnull=True)
                | models.Q(end_month__gte=models.F("start_month")),
                name="plan_activity_end_not_before_start",
            )
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def list_label(self) -> str:
        return self.title

    @property
    def is_linked(self) -> bool:
        """Whether it carries out an activity of the chain (a node at the activity level)."""
        return self.node is not None and self.node.level == Level.ACTIVITY

    def clean(self) -> None:
        super().clean()
        start, end = self.start_month, self.end_month
        if start is not None and end is not None and end < start:
            raise ValidationError(
                {"end_month": _("The end month cannot be before the start month.")}
            )


class RaciAssignment(models.Model):
    """One cell of the RACI matrix: the role a party has in a plan activity.

    An empty cell has no row; clearing a cell deletes its row (the history keeps it)."""

    class Role(models.TextChoices):
        RESPONSIBLE = "R", _("Responsible")
        ACCOUNTABLE = "A", _("Accountable")
        CONSULTED = "C", _("Consulted")
        INFORMED = "I", _("Informed")

    partnership = models.ForeignKey(
        Partnership, on_delete=models.CASCADE, related_name="raci_assignments"
    )
    activity = models.ForeignKey(
        PlanActivity,
        verbose_name=_("plan activity"),
        on_delete=models.CASCADE,
        related_name="raci",
    )
    party = models.ForeignKey(
        Party, verbose_name=_("party"), on_delete=models.CASCADE, related_name="raci"
    )
    role = models.CharField(_("role"), max_length=1, choices=Role.choices)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("RACI role")
        verbose_name_plural = _("RACI roles")
        constraints = [
            models.UniqueConstraint(fields=["activity", "party"], name="raci_one_role_per_cell")
        ]

    def __str__(self) -> str:
        return f"{self.activity} – {self.party.organisation}: {self.role}"


class Risk(VersionedModel):
    """A risk to the plan: how likely it is, how much it would matter, who owns it and what
    is done about it. Likelihood and consequence are low, medium or high (a 3 × 3 grid)."""

    class Scale(models.IntegerChoices):
        LOW = 1, _("Low")
        MEDIUM = 2, _("Medium")
        HIGH = 3, _("High")

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="risks")
    title = models.CharField(_("risk"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    likelihood = models.PositiveSmallIntegerField(
        _("likelihood"), choices=Scale.choices, default=Scale.MEDIUM
    )
    consequence = models.PositiveSmallIntegerField(
        _("consequence"), choices=Scale.choices, default=Scale.MEDIUM
    )
    owner = models.ForeignKey(
        Party,
        verbose_name=_("owner"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="risks_owned",
        help_text=_("The party that watches the risk and acts on it."),
    )
    mitigation = models.TextField(
        _("mitigation"), blank=True, help_text=_("What is done to make it less likely or smaller.")
    )
    removed_at = models.DateTimeField(_("removed"), null=True, blank=True, editable=False)
    history = HistoricalRecords()

    objects = ActiveManager()
    all_objects = models.Manager()

    class Meta:
        verbose_name = _("risk")
        verbose_name_plural = _("risks")
        ordering = ["title", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(likelihood__gte=1, likelihood__lte=3)
                & models.Q(consequence__gte=1, consequence__lte=3),
                name="risk_on_the_three_point_scale",
            )
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def list_label(self) -> str:
        return self.title

    @property
    def level(self) -> str:
        from .rules import risk_level

        return risk_level(self.likelihood, self.consequence)

    @property
    def level_label(self) -> str:
        from .rules import RISK_LEVEL_NAMES

        return str(RISK_LEVEL_NAMES[self.level])


class WaysOfWorking(VersionedModel):
    """How the parties work together: channels, how often they meet, how a conflict is
    raised and settled, and how decisions are recorded. One per partnership.

    The cadences are choices, not text, so that step 6's check-ins can be planned from them."""

    class Cadence(models.TextChoices):
        WEEKLY = "weekly", _("Every week")
        EVERY_TWO_WEEKS = "every_two_weeks", _("Every two weeks")
        MONTHLY = "monthly", _("Every month")
        QUARTERLY = "quarterly", _("Every quarter")
        TWICE_A_YEAR = "twice_a_year", _("Twice a year")
        YEARLY = "yearly", _("Once a year")

    partnership = models.OneToOneField(
        Partnership, on_delete=models.CASCADE, related_name="ways_of_working"
    )
    channels = models.TextField(
        _("communication channels and platform"),
        blank=True,
        help_text=_("For example a shared Teams channel, email for decisions, phone when urgent."),
    )
    operational_cadence = models.CharField(
        _("operational meetings"), max_length=20, choices=Cadence.choices, blank=True
    )
    operational_participants = models.TextField(
        _("who meets operationally"),
        blank=True,
        help_text=_("Usually the people who deliver the activities, often every week."),
    )
    strategic_cadence = models.CharField(
        _("strategic meetings"), max_length=20, choices=Cadence.choices, blank=True
    )
    strategic_participants = models.TextField(
        _("who meets strategically"),
        blank=True,
        help_text=_("The leadership of the parties, and the target group, less often."),
    )
    conflict_process = models.TextField(
        _("how a conflict is raised and settled"),
        blank=True,
        help_text=_("Who a party turns to first, and who settles it if that is not enough."),
    )
    decision_recording = models.TextField(
        _("how decisions are recorded"),
        blank=True,
        help_text=_("Where decisions are written down, and who writes them."),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("ways of working")
        verbose_name_plural = _("ways of working")

    def __str__(self) -> str:
        return str(_("Ways of working"))

    @property
    def is_written(self) -> bool:
        """Channels, both cadences and the conflict process are filled in."""
        return all(
            str(value).strip()
            for value in (
                self.channels,
                self.operational_cadence,
                self.strategic_cadence,
                self.conflict_process,
            )
        )


WAYS_OF_WORKING_FIELDS = (
    "channels",
    "operational_cadence",
    "operational_participants",
    "strategic_cadence",
    "strategic_participants",
    "conflict_process",
    "decision_recording",
)

RISK_FIELDS = ("title", "description", "likelihood", "consequence", "owner", "mitigation")


def describe_raci(record: object) -> str:
    """How the history names a RACI cell: "<activity> – <party>" (either may be gone)."""
    names = []
    for path in (("activity", "title"), ("party", "organisation", "name")):
        value: object = record
        try:
            for name in path:
                value = getattr(value, name)
        except (ObjectDoesNotExist, AttributeError):
            value = None
        names.append(str(value) if value is not None else str(_("(removed record)")))
    return " – ".join(names)


PLAN_ACTIVITY_FIELDS = (
    "title",
    "node",
    "description",
    "start_month",
    "end_month",
    "status",
    "responsible_party",
    "responsible_person",
    "planned_participants",
    "what",
    "who",
    "how",
)

__all__ = [
    "PLAN_ACTIVITY_FIELDS",
    "RISK_FIELDS",
    "PlanActivity",
    "RaciAssignment",
    "Risk",
    "WAYS_OF_WORKING_FIELDS",
    "WaysOfWorking",
    "describe_raci",
]
