"""Partnerships, their parties and members, organisations and the municipality register."""

from __future__ import annotations

import secrets
import uuid
from datetime import date, datetime, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .concurrency import VersionedModel
from .display import amount_range, percent


class ActiveManager(models.Manager):
    """Hides records that were removed (soft-deleted); `all_objects` still sees them.

    Reverse relations (`partnership.parties`) and choices use this manager, so a removed
    record leaves every list at once. A foreign key pointing at it still resolves, through the
    base manager, so records that name it keep their link.
    """

    def get_queryset(self) -> models.QuerySet:
        return super().get_queryset().filter(removed_at__isnull=True)


def new_partnership_key() -> str:
    """A non-guessable key for URLs: 96 random bits, URL-safe."""
    return secrets.token_urlsafe(12)


class Municipality(models.Model):
    """One of Sweden's 290 municipalities (reference data from SCB)."""

    code = models.CharField(_("municipality code"), max_length=4, unique=True)
    name = models.CharField(_("name"), max_length=100)
    county_code = models.CharField(_("county code"), max_length=2)
    county_name = models.CharField(_("county"), max_length=100)

    class Meta:
        verbose_name = _("municipality")
        verbose_name_plural = _("municipalities")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Organisation(VersionedModel):
    class Kind(models.TextChoices):
        MUNICIPALITY = "municipality", _("Municipality")
        REGION = "region", _("Region")
        SOCIAL_ENTREPRENEUR = "social_entrepreneur", _("Social entrepreneur")
        PRIVATE_COMPANY = "private_company", _("Private company")
        CIVIL_SOCIETY = "civil_society", _("Civil society organisation")
        EDUCATION = "education", _("Education")
        FACILITATOR = "facilitator", _("Facilitator organisation")
        FUNDER = "funder", _("Funder")

    class LegalForm(models.TextChoices):
        MUNICIPALITY = "kommun", _("Municipality (kommun)")
        REGION = "region", _("Region")
        GOVERNMENT_AGENCY = "myndighet", _("Government agency")
        LIMITED_COMPANY = "aktiebolag", _("Limited company (aktiebolag)")
        ECONOMIC_ASSOCIATION = "ekonomisk_forening", _("Economic association")
        NON_PROFIT_ASSOCIATION = "ideell_forening", _("Non-profit association")
        FOUNDATION = "stiftelse", _("Foundation (stiftelse)")
        SOLE_TRADER = "enskild_firma", _("Sole trader (enskild firma)")
        PARTNERSHIP = "handelsbolag", _("Trading partnership (handelsbolag)")
        FOREIGN = "foreign", _("Foreign legal entity")
        OTHER = "other", _("Other")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=32, choices=Kind.choices)
    org_number = models.CharField(
        _("organisation number"),
        max_length=11,
        blank=True,
        help_text=_("Swedish organisation number, NNNNNN-NNNN."),
    )
    foreign_registration = models.CharField(
        _("foreign registration"),
        max_length=100,
        blank=True,
        help_text=_(
            "For organisations registered outside Sweden: country and registration number."
        ),
    )
    legal_form = models.CharField(
        _("legal form"), max_length=32, choices=LegalForm.choices, blank=True
    )
    home_municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("home municipality"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="organisations",
    )
    description = models.TextField(_("description"), blank=True)
    website = models.URLField(_("website"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]
        constraints = [
            # One organisation per number in the shared register (services explain a refusal).
            models.UniqueConstraint(
                fields=["org_number"],
                condition=~models.Q(org_number=""),
                name="organisation_number_unique",
            )
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("partnerships:organisation_detail", kwargs={"pk": self.pk})


class Partnership(VersionedModel):
    class Phase(models.TextChoices):
        CO_CREATION = "co_creation", _("Co-creation")
        IMPLEMENTATION = "implementation", _("Implementation")
        CONSOLIDATION = "consolidation", _("Summing up and sharing lessons")
        ENDED = "ended", _("Ended")

    key = models.CharField(max_length=32, unique=True, default=new_partnership_key, editable=False)
    title = models.CharField(_("title"), max_length=200)
    challenge = models.TextField(
        _("societal challenge"),
        help_text=_("The problem in society the partnership wants to change, in a few sentences."),
    )
    phase = models.CharField(
        _("phase"), max_length=20, choices=Phase.choices, default=Phase.CO_CREATION
    )
    start_date = models.DateField(_("start date"), null=True, blank=True)
    end_date = models.DateField(_("end date"), null=True, blank=True)
    municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("municipality"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="partnerships",
    )
    organisations = models.ManyToManyField(
        Organisation, through="Party", related_name="partnerships"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("partnership")
        verbose_name_plural = _("partnerships")
        ordering = ["title"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_date__isnull=True)
                | models.Q(start_date__isnull=True)
                | models.Q(end_date__gte=models.F("start_date")),
                name="partnership_end_after_start",
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("partnerships:overview", kwargs={"key": self.key})

    @property
    def phase_label(self) -> str:
        """The phase's label; cheaper than get_phase_display() in long lists."""
        return str(self.Phase(self.phase).label)


class Party(VersionedModel):
    """An organisation taking part in a partnership, with its part in it."""

    class Part(models.TextChoices):
        LEAD_MUNICIPALITY = "lead_municipality", _("Lead municipality")
        SOCIAL_ENTREPRENEUR = "social_entrepreneur", _("Social entrepreneur")
        PRIVATE_ACTOR = "private_actor", _("Private actor")
        FACILITATOR = "facilitator", _("Facilitator")
        FUNDER = "funder", _("Funder")
        OTHER = "other", _("Other")

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="parties")
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="parties",
    )
    part = models.CharField(_("part"), max_length=32, choices=Part.choices)
    contribution = models.CharField(
        _("contribution in brief"),
        max_length=300,
        blank=True,
        help_text=_("What this party brings, in one line."),
    )
    unit = models.ForeignKey(
        "OrgUnit",
        verbose_name=_("responsible unit"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="parties",
        help_text=_("The unit of the organisation that carries the legal responsibility."),
    )
    removed_at = models.DateTimeField(_("removed"), null=True, blank=True, editable=False)
    history = HistoricalRecords()

    objects = ActiveManager()
    all_objects = models.Manager()

    class Meta:
        verbose_name = _("party")
        verbose_name_plural = _("parties")
        ordering = ["part", "organisation__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["partnership", "organisation"], name="party_unique_per_partnership"
            )
        ]

    @property
    def list_label(self) -> str:
        """How a list of (removed) parties names it: the organisation and its part."""
        return f"{self.organisation} · {self.get_part_display()}"

    def __str__(self) -> str:
        if self.removed_at is not None:
            return _("%(organisation)s (removed party)") % {"organisation": self.organisation}
        return f"{self.organisation} ({self.get_part_display()})"

    @property
    def is_removed(self) -> bool:
        return self.removed_at is not None

    def clean(self) -> None:
        super().clean()
        from .orgchart.rules import check_unit_of

        check_unit_of(self.unit, self.organisation_id, field="unit")


class Role(models.TextChoices):
    OWNER = "owner", _("Owner")
    FACILITATOR = "facilitator", _("Facilitator")
    EDITOR = "editor", _("Editor")
    VIEWER = "viewer", _("Viewer")


EDITING_ROLES = frozenset({Role.OWNER, Role.FACILITATOR, Role.EDITOR})


class Membership(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    partnership = models.ForeignKey(
        Partnership, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(_("role"), max_length=16, choices=Role.choices, default=Role.VIEWER)
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["user__email"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "partnership"], name="membership_unique_per_user"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.get_role_display()}"

    @property
    def role_label(self) -> str:
        return str(Role(self.role).label)

    @property
    def can_edit(self) -> bool:
        return self.role in EDITING_ROLES

    @property
    def can_manage(self) -> bool:
        return self.role == Role.OWNER

    @property
    def can_facilitate(self) -> bool:
        return self.role in (Role.OWNER, Role.FACILITATOR)


class Invitation(models.Model):
    partnership = models.ForeignKey(
        Partnership, on_delete=models.CASCADE, related_name="invitations"
    )
    email = models.EmailField(_("email address"))
    role = models.CharField(_("role"), max_length=16, choices=Role.choices, default=Role.EDITOR)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    revoked_at = models.DateTimeField(null=True, blank=True)
    declined_at = models.DateTimeField(null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.email

    @property
    def is_open(self) -> bool:
        return self.accepted_at is None and self.revoked_at is None and self.declined_at is None

    @property
    def expires_at(self) -> datetime:
        """The signed link is dated when the email goes out; before that, count from creation."""
        sent = self.sent_at or self.created_at
        return sent + timedelta(days=settings.INVITATION_MAX_AGE_DAYS)

    @property
    def is_expired(self) -> bool:
        return timezone.now() >= self.expires_at


class SteeringDocument(VersionedModel):
    """A steering document (styrdokument) of an organisation or one of its units.

    Entered once for the municipality (or region), it is used by every partnership that picks
    it (`uses`, see orgchart.models.SteeringDocumentUse), and their goals anchor to it.
    `partnership` only says where it was entered (a document older than organisations' own
    documents, whose partnership had no party, stays attached to it there).
    """

    class Kind(models.TextChoices):
        BUDGET = "budget", _("Budget")
        POLICY = "policy", _("Policy")
        ACTION_PLAN = "action_plan", _("Action plan")
        REGIONAL_GOAL = "regional_goal", _("Regional goal")
        AGENDA_2030 = "agenda_2030", _("Agenda 2030 target")
        OTHER = "other", _("Other")

    partnership = models.ForeignKey(
        Partnership,
        verbose_name=_("entered in"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="steering_documents",
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("belongs to"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="steering_documents",
    )
    unit = models.ForeignKey(
        "OrgUnit",
        verbose_name=_("unit"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="steering_documents",
        help_text=_("The committee, administration or unit that owns the document, if one."),
    )
    title = models.CharField(_("title"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)
    url = models.URLField(_("link"), blank=True)
    issuing_organisation = models.CharField(
        _("issuing organisation"),
        max_length=200,
        blank=True,
        help_text=_("Who decided it, for example the municipal council or the UN."),
    )
    removed_at = models.DateTimeField(_("removed"), null=True, blank=True, editable=False)
    history = HistoricalRecords()

    objects = ActiveManager()
    all_objects = models.Manager()

    class Meta:
        verbose_name = _("steering document")
        verbose_name_plural = _("steering documents")
        ordering = ["kind", "title"]

    def __str__(self) -> str:
        return f"{self.title} ({self.year})" if self.year else self.title

    def clean(self) -> None:
        super().clean()
        from .orgchart.rules import check_unit_of

        check_unit_of(self.unit, self.organisation_id, field="unit")

    @property
    def owner_label(self) -> str:
        """Whose document it is: the organisation, and its unit when one is named."""
        if self.unit_id is not None and self.organisation_id is not None:
            return f"{self.organisation} · {self.unit}"
        return str(self.organisation) if self.organisation_id is not None else ""


class FundingCall(VersionedModel):
    """A funding call (utlysning) the partnership watches or applies to."""

    class Status(models.TextChoices):
        WATCHING = "watching", _("Watching")
        APPLYING = "applying", _("Applying")
        SUBMITTED = "submitted", _("Submitted")
        GRANTED = "granted", _("Granted")
        REJECTED = "rejected", _("Rejected")

    # Calls whose deadline still asks something of the partnership.
    OPEN_STATUSES = (Status.WATCHING, Status.APPLYING)

    partnership = models.ForeignKey(
        Partnership, on_delete=models.CASCADE, related_name="funding_calls"
    )
    funder = models.CharField(
        _("funder"), max_length=200, help_text=_("For example Vinnova, ESF-rådet or Arvsfonden.")
    )
    title = models.CharField(_("title"), max_length=200)
    url = models.URLField(_("link"), blank=True)
    deadline = models.DateField(
        _("deadline"), null=True, blank=True, help_text=_("Leave empty for an open-ended call.")
    )
    amount_min = models.PositiveBigIntegerField(_("smallest amount (SEK)"), null=True, blank=True)
    amount_max = models.PositiveBigIntegerField(_("largest amount (SEK)"), null=True, blank=True)
    co_financing_percent = models.DecimalField(
        _("co-financing share (%)"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
        help_text=_("The share of the costs the partnership must finance itself, 0–100."),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.WATCHING
    )
    notes = models.TextField(_("notes"), blank=True)
    removed_at = models.DateTimeField(_("removed"), null=True, blank=True, editable=False)
    history = HistoricalRecords()

    objects = ActiveManager()
    all_objects = models.Manager()

    class Meta:
        verbose_name = _("funding call")
        verbose_name_plural = _("funding calls")
        ordering = [models.F("deadline").asc(nulls_last=True), "title"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(amount_min__isnull=True)
                | models.Q(amount_max__isnull=True)
                | models.Q(amount_max__gte=models.F("amount_min")),
                name="funding_call_min_not_above_max",
            ),
            models.CheckConstraint(
                condition=models.Q(co_financing_percent__isnull=True)
                | models.Q(co_financing_percent__gte=0, co_financing_percent__lte=100),
                name="funding_call_share_is_a_percentage",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.funder})"

    def clean(self) -> None:
        super().clean()
        low, high = self.amount_min, self.amount_max
        if low is not None and high is not None and low > high:
            raise ValidationError(
                {"amount_max": _("The largest amount cannot be smaller than the smallest.")}
            )

    def days_left(self, today: date | None = None) -> int | None:
        """Days until the deadline (0 on the day, negative after it); None without one."""
        if self.deadline is None:
            return None
        return (self.deadline - (today or timezone.localdate())).days

    @property
    def is_past(self) -> bool:
        left = self.days_left()
        return left is not None and left < 0

    @property
    def is_open(self) -> bool:
        return self.status in self.OPEN_STATUSES

    @property
    def amount_label(self) -> str:
        return amount_range(self.amount_min, self.amount_max)

    @property
    def co_financing_label(self) -> str:
        return percent(self.co_financing_percent)


class GlossaryTerm(VersionedModel):
    """A word of the shared glossary: what it means to each party, and the agreed meaning.

    `meanings` maps a party's id (as text) to what the word means to that party: one field,
    so an edit merges and versions like any other (two people changing the meanings at once
    is a conflict shown side by side, never a lost text)."""

    class Status(models.TextChoices):
        NOT_AGREED = "not_agreed", _("Not yet agreed")
        AGREED = "agreed", _("Agreed")

    partnership = models.ForeignKey(
        Partnership, on_delete=models.CASCADE, related_name="glossary_terms"
    )
    term = models.CharField(_("term"), max_length=200)
    meanings = models.JSONField(_("meaning to each party"), default=dict, blank=True)
    agreed_meaning = models.TextField(_("agreed meaning"), blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.NOT_AGREED
    )
    removed_at = models.DateTimeField(_("removed"), null=True, blank=True, editable=False)
    history = HistoricalRecords()

    objects = ActiveManager()
    all_objects = models.Manager()

    class Meta:
        verbose_name = _("glossary term")
        verbose_name_plural = _("glossary terms")
        ordering = [Lower("term")]

    def __str__(self) -> str:
        return self.term

    def clean(self) -> None:
        super().clean()
        if not self.term or self.partnership_id is None:
            return
        taken = self.term_taken(self.partnership_id, self.term, exclude=self.pk)
        if taken:
            raise ValidationError(
                {"term": _("The glossary already has the term “%(term)s”.") % {"term": self.term}}
            )

    @classmethod
    def term_taken(cls, partnership_id: object, term: str, *, exclude: object = None) -> bool:
        """Whether the partnership's glossary has `term` already, in any case. Compared in
        Python: SQLite folds only ASCII letters, and a glossary is short."""
        wanted = term.strip().casefold()
        others = cls.objects.filter(partnership_id=partnership_id).exclude(pk=exclude)
        return any(t.strip().casefold() == wanted for t in others.values_list("term", flat=True))

    @property
    def is_agreed(self) -> bool:
        return self.status == self.Status.AGREED

    def meaning_for(self, party_id: object) -> str:
        return str((self.meanings or {}).get(str(party_id), ""))


class OrgUnit(VersionedModel):
    """A part of an organisation's chart: a committee, an administration, a unit or a department.

    Mostly used for a municipality, whose right partner is the unit that carries the legal
    responsibility for the problem. Units form a tree through `parent`, within one organisation.
    """

    class Kind(models.TextChoices):
        COMMITTEE = "committee", _("Committee (nämnd)")
        ADMINISTRATION = "administration", _("Administration (förvaltning)")
        UNIT = "unit", _("Unit (enhet)")
        DEPARTMENT = "department", _("Department (avdelning)")

    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), on_delete=models.CASCADE, related_name="units"
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("part of"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    name = models.CharField(_("name"), max_length=200)
    responsibility_areas = models.TextField(
        _("legal responsibility areas"),
        blank=True,
        help_text=_(
            "One area per line, with the law when there is one, for example "
            "“Kommunala aktivitetsansvaret (skollagen 29 kap. 9 §)”."
        ),
    )
    removed_at = models.DateTimeField(_("removed"), null=True, blank=True, editable=False)
    history = HistoricalRecords()

    objects = ActiveManager()
    all_objects = models.Manager()

    class Meta:
        verbose_name = _("organisational unit")
        verbose_name_plural = _("organisational units")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        super().clean()
        from .orgchart.rules import check_parent

        check_parent(self)

    @property
    def is_removed(self) -> bool:
        return self.removed_at is not None

    @property
    def responsibility_list(self) -> list[str]:
        return [line.strip() for line in self.responsibility_areas.splitlines() if line.strip()]


class Contact(VersionedModel):
    """A person the partnership talks to, in an organisation and perhaps one of its units.

    Contacts are personal data: each belongs to one partnership, so only its members see it,
    and it can be erased (anonymised) on request, the erasure recorded (`erased_at`)."""

    class Position(models.TextChoices):
        ELECTED = "elected", _("Elected official")
        OFFICER = "officer", _("Officer (tjänsteperson)")
        OTHER = "other", _("Other")

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="contacts")
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="contacts",
    )
    unit = models.ForeignKey(
        OrgUnit,
        verbose_name=_("unit"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="contacts",
    )
    name = models.CharField(_("name"), max_length=200)
    title = models.CharField(_("title"), max_length=200, blank=True)
    position = models.CharField(
        _("elected or officer"), max_length=20, choices=Position.choices, default=Position.OFFICER
    )
    has_decision_mandate = models.BooleanField(_("has a decision mandate"), default=False)
    door_opener = models.BooleanField(
        _("door opener"),
        default=False,
        help_text=_("Someone who can open doors to others, inside or outside the organisation."),
    )
    email = models.EmailField(_("email address"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    erased_at = models.DateTimeField(_("erased"), null=True, blank=True, editable=False)
    # Who erased it: on the row, since erasure scrubs the personal fields of the history.
    erased_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("erased by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    removed_at = models.DateTimeField(_("removed"), null=True, blank=True, editable=False)
    history = HistoricalRecords()

    objects = ActiveManager()
    all_objects = models.Manager()

    class Meta:
        verbose_name = _("contact")
        verbose_name_plural = _("contacts")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def is_erased(self) -> bool:
        return self.erased_at is not None


# The fields people edit on each record, in the order forms show them: the forms and the
# update services (which refuse any other field) read them from here.
PARTNERSHIP_FIELDS = ("title", "challenge", "phase", "municipality", "start_date", "end_date")
ORGANISATION_FIELDS = (
    "name",
    "kind",
    "org_number",
    "foreign_registration",
    "legal_form",
    "home_municipality",
    "website",
    "description",
)
STEERING_DOCUMENT_FIELDS = (
    "title",
    "kind",
    "year",
    "organisation",
    "unit",
    "issuing_organisation",
    "url",
)
PARTY_UNIT_FIELDS = ("unit",)
ORG_UNIT_FIELDS = ("name", "kind", "parent", "responsibility_areas")
FUNDING_CALL_FIELDS = (
    "funder",
    "title",
    "url",
    "deadline",
    "status",
    "amount_min",
    "amount_max",
    "co_financing_percent",
    "notes",
)
GLOSSARY_TERM_FIELDS = ("term", "meanings", "agreed_meaning", "status")


# Topic packages' models (step 2: perspectives and organisational contexts).
from .candidates.models import CANDIDATE_FIELDS, Candidate  # noqa: E402,F401  (topic: candidates)
from .contacts.models import (  # noqa: E402, F401
    CONTACT_FIELDS,
    RELATIONSHIP_ENTRY_FIELDS,
    RelationshipEntry,
)
from .meetings.models import *  # noqa: E402,F403  (registers the meeting models)
from .orgchart.models import SteeringDocumentUse  # noqa: E402, F401

# Topic packages (imported last, so their models see the ones above).
from .plan.models import PlanActivity, RaciAssignment, Risk, WaysOfWorking  # noqa: E402,F401
from .plan.resources import ResourceItem  # noqa: E402, F401
from .plan.revisions.models import PlanApproval, PlanRevision  # noqa: E402,F401
from .trust.models import OrganisationalContext, Perspective  # noqa: E402, F401
