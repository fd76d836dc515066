"""The shared theory of change: the shared picture, the change chain, indicators, revisions."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from partnerships.concurrency import VersionedModel
from partnerships.models import Partnership, Party, SteeringDocument

from . import shape
from .shape import Level

__all__ = [
    "Indicator",
    "Level",
    "Link",
    "Node",
    "Revision",
    "TargetGroupNeed",
    "TheoryOfChange",
]


class TheoryOfChange(VersionedModel):
    """The shared picture of a partnership: problem, target group, causes, vision, anchoring."""

    partnership = models.OneToOneField(
        Partnership, on_delete=models.CASCADE, related_name="theory_of_change"
    )
    problem_statement = models.TextField(
        _("joint problem statement"),
        blank=True,
        help_text=_("The problem all parties agree to work on, in a few sentences."),
    )
    target_group = models.TextField(
        _("target group"),
        blank=True,
        help_text=_("Who the partnership is for: age, where they live, their situation."),
    )
    target_group_heard = models.TextField(
        _("how the target group was heard"),
        blank=True,
        help_text=_(
            "When and how you listened to the target group: conversations, meetings, a survey."
        ),
    )
    target_group_challenges = models.TextField(_("challenges of the target group"), blank=True)
    root_causes = models.TextField(_("root causes"), blank=True)
    consequences = models.TextField(
        _("consequences if nothing is done"),
        blank=True,
        help_text=_("For the target group, the municipality and society."),
    )
    opportunities_obstacles = models.TextField(
        _("opportunities and obstacles"),
        blank=True,
        help_text=_("What can help the partnership succeed, and what may stand in its way."),
    )
    solutions_considered = models.TextField(
        _("possible solutions considered"),
        blank=True,
        help_text=_("The ways of solving the problem you weighed, and why you chose this one."),
    )
    vision = models.TextField(_("vision"), blank=True)
    steering_documents = models.ManyToManyField(
        SteeringDocument,
        verbose_name=_("anchored in steering documents"),
        blank=True,
        related_name="theories_of_change",
    )
    history = HistoricalRecords(m2m_fields=["steering_documents"])

    class Meta:
        verbose_name = _("theory of change")
        verbose_name_plural = _("theories of change")

    def __str__(self) -> str:
        return str(_("Theory of change: %(title)s") % {"title": self.partnership.title})

    def get_absolute_url(self) -> str:
        return reverse("theory_of_change:page", kwargs={"key": self.partnership.key})


class TargetGroupNeed(VersionedModel):
    """One need of the target group in the shared picture, with where it was learnt."""

    Source = shape.NeedSource

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="toc_needs")
    need = models.CharField(_("need"), max_length=500)
    source = models.CharField(
        _("where it comes from"), max_length=20, choices=Source.choices, blank=True
    )
    noted_on = models.DateField(
        _("date"), null=True, blank=True, help_text=_("When the need was heard or measured.")
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("need of the target group")
        verbose_name_plural = _("needs of the target group")
        ordering = ["id"]

    def __str__(self) -> str:
        return self.need


class Node(VersionedModel):
    """One step in the change chain; outcome nodes can also carry a goal."""

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="toc_nodes")
    level = models.PositiveSmallIntegerField(_("level"), choices=Level.choices)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    order = models.PositiveIntegerField(
        _("position in its level"),
        default=0,
        help_text=_("Lower numbers are listed first within the level."),
    )
    # The participants an output reaches (planned and actual): step 5's cost per participant.
    planned_participants = models.PositiveIntegerField(
        _("planned number of participants"), null=True, blank=True
    )
    actual_participants = models.PositiveIntegerField(
        _("actual number of participants"),
        null=True,
        blank=True,
        help_text=_("How many took part so far."),
    )
    # The goal of an outcome node, the fields the SMART check reads.
    goal_statement = models.TextField(
        _("goal"),
        blank=True,
        help_text=_("What should be different for the target group, stated clearly."),
    )
    addresses_target_group = models.BooleanField(
        _("the goal is about the partnership's target group"), default=False
    )
    achievability_evidence = models.CharField(
        _("what shows the goal is achievable"),
        max_length=20,
        choices=shape.AchievabilityEvidence.choices,
        blank=True,
    )
    achievability = models.TextField(
        _("why the goal is achievable"),
        blank=True,
        help_text=_("Describe the evidence: what was done, where, and what it led to."),
    )
    needs = models.ManyToManyField(
        TargetGroupNeed,
        verbose_name=_("needs of the target group it answers"),
        blank=True,
        related_name="nodes",
    )
    steering_documents = models.ManyToManyField(
        SteeringDocument,
        verbose_name=_("anchored in steering documents"),
        blank=True,
        related_name="toc_nodes",
    )
    history = HistoricalRecords(m2m_fields=["needs", "steering_documents"])

    class Meta:
        verbose_name = _("chain node")
        verbose_name_plural = _("chain nodes")
        ordering = ["level", "order", "id"]

    def __str__(self) -> str:
        return self.title

    @property
    def is_outcome(self) -> bool:
        return self.level in shape.OUTCOME_LEVELS

    @property
    def has_goal(self) -> bool:
        return self.is_outcome and bool(self.goal_statement.strip())


class Link(VersionedModel):
    """ "Leads to": the source node is expected to lead to the target node."""

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="toc_links")
    source = models.ForeignKey(
        Node, verbose_name=_("from"), on_delete=models.CASCADE, related_name="outgoing"
    )
    target = models.ForeignKey(
        Node, verbose_name=_("leads to"), on_delete=models.CASCADE, related_name="incoming"
    )
    assumptions = models.TextField(
        _("assumptions"),
        blank=True,
        help_text=_("What must hold for this step to lead to the next."),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = pgettext_lazy("chain", "link")
        verbose_name_plural = pgettext_lazy("chain", "links")
        ordering = ["source__level", "source__order", "target__level", "target__order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["source", "target"], name="toc_link_unique"),
            models.CheckConstraint(
                condition=~models.Q(source=models.F("target")), name="toc_link_not_to_itself"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.source} → {self.target}"


class Indicator(VersionedModel):
    """How progress towards an outcome is measured."""

    Frequency = shape.Frequency

    partnership = models.ForeignKey(
        Partnership, on_delete=models.CASCADE, related_name="toc_indicators"
    )
    Kind = shape.IndicatorKind
    EvidenceMethod = shape.EvidenceMethod

    node = models.ForeignKey(
        Node, verbose_name=_("chain node"), on_delete=models.CASCADE, related_name="indicators"
    )
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(
        _("kind of indicator"), max_length=20, choices=Kind.choices, default=Kind.QUANTITATIVE
    )
    evidence = models.TextField(
        _("evidence"),
        blank=True,
        help_text=_("For a qualitative indicator: what evidence shows the change."),
    )
    evidence_method = models.CharField(
        _("how the evidence is gathered"), max_length=20, choices=EvidenceMethod.choices, blank=True
    )
    unit = models.CharField(
        _("unit"), max_length=50, blank=True, help_text=_("For example: people, %, SEK.")
    )
    baseline_value = models.DecimalField(
        _("baseline value"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    baseline_date = models.DateField(_("baseline date"), null=True, blank=True)
    target_value = models.DecimalField(
        _("target value"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    target_date = models.DateField(_("target date"), null=True, blank=True)
    data_source = models.CharField(
        _("data source"),
        max_length=200,
        blank=True,
        help_text=_(
            "Where the figures come from, for example a survey or the municipality's statistics."
        ),
    )
    frequency = models.CharField(
        _("how often it is collected"), max_length=20, choices=Frequency.choices, blank=True
    )
    responsible_party = models.ForeignKey(
        Party,
        verbose_name=_("responsible party"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="toc_indicators",
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        ordering = ["node", "id"]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        super().clean()
        if self.baseline_date and self.target_date and self.target_date <= self.baseline_date:
            raise ValidationError(
                {"target_date": _("The target date must come after the baseline date.")}
            )


class Revision(VersionedModel):
    """A dated revision of the whole theory of change, kept as it was (read-only)."""

    partnership = models.ForeignKey(
        Partnership, on_delete=models.CASCADE, related_name="toc_revisions"
    )
    number = models.PositiveIntegerField(_("number"))
    revised_on = models.DateField(_("date of the revision"))
    reason = models.TextField(
        _("reason"), help_text=_("What changed in the world or in the partnership, and why.")
    )
    snapshot = models.JSONField(_("snapshot"), default=dict)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords(excluded_fields=["snapshot"])

    class Meta:
        verbose_name = _("revision")
        verbose_name_plural = _("revisions")
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["partnership", "number"], name="toc_revision_number_unique"
            )
        ]

    def __str__(self) -> str:
        return str(_("Revision %(number)s") % {"number": self.number})

    def get_absolute_url(self) -> str:
        return reverse(
            "theory_of_change:revision_detail",
            kwargs={"key": self.partnership.key, "number": self.number},
        )
