"""Meetings of a partnership, their follow-up actions, and the calendar feed that exports them."""

from __future__ import annotations

import secrets
import uuid
from datetime import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from ..concurrency import VersionedModel
from ..models import ActiveManager, Contact, Partnership
from .display import local, when_label


def new_feed_token() -> str:
    """The secret of a calendar feed: 192 random bits, URL-safe."""
    return secrets.token_urlsafe(24)


class Meeting(VersionedModel):
    """A meeting of the partnership: when and where, who takes part, what was said and decided."""

    class Kind(models.TextChoices):
        KICK_OFF = "kick_off", _("Kick-off")
        CO_CREATION = "co_creation", _("Co-creation workshop")
        OPERATIONAL = "operational", _("Operational check-in")
        STRATEGIC = "strategic", _("Strategic meeting")
        TARGET_GROUP = "target_group", _("Meeting with the target group")
        LEARNING = "learning", _("Learning workshop")
        IMPACT_DAY = "impact_day", _("Impact measurement day")
        INFORMAL = "informal", _("Informal meeting")

    class Mode(models.TextChoices):
        PHYSICAL = "physical", _("In person")
        DIGITAL = "digital", _("Digital")
        HYBRID = "hybrid", _("Hybrid")

    # The meetings where the parties get to know each other and shape the work (step 2).
    TRUST_KINDS = (Kind.KICK_OFF, Kind.CO_CREATION)

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="meetings")
    # Calendars recognise the meeting by this id, so it never changes (also after a restore).
    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=200)
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    mode = models.CharField(
        _("in person or digital"), max_length=10, choices=Mode.choices, default=Mode.PHYSICAL
    )
    location = models.CharField(
        _("place"), max_length=300, blank=True, help_text=_("An address or a room.")
    )
    online_link = models.URLField(_("link to the digital meeting"), max_length=500, blank=True)
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("members taking part"),
        blank=True,
        related_name="partnership_meetings",
    )
    contacts = models.ManyToManyField(
        Contact, verbose_name=_("contacts taking part"), blank=True, related_name="meetings"
    )
    agenda = models.TextField(_("agenda"), blank=True)
    notes = models.TextField(_("notes"), blank=True)
    decisions = models.TextField(_("decisions"), blank=True)
    removed_at = models.DateTimeField(_("removed"), null=True, blank=True, editable=False)
    history = HistoricalRecords(m2m_fields=["members", "contacts"])

    objects = ActiveManager()
    all_objects = models.Manager()

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["starts_at", "title"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gte=models.F("starts_at")),
                name="meeting_ends_after_start",
            )
        ]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        super().clean()
        if self.starts_at and self.ends_at and self.ends_at < self.starts_at:
            raise ValidationError({"ends_at": _("The meeting cannot end before it starts.")})
        if self.mode == self.Mode.DIGITAL and not self.online_link and not self.location:
            raise ValidationError(
                {"online_link": _("A digital meeting needs a link (or say where to find it).")}
            )

    @property
    def when(self) -> str:
        """ "tis 14 jan 2025 09.00–16.00", in Swedish time."""
        return when_label(self.starts_at, self.ends_at)

    @property
    def starts_local(self) -> datetime:
        return local(self.starts_at)

    @property
    def is_past(self) -> bool:
        return self.ends_at < timezone.now()

    @property
    def place_label(self) -> str:
        """Where the meeting is, as one line: the place, and "digital" when there is a link."""
        parts = [self.location] if self.location else []
        if self.mode in (self.Mode.DIGITAL, self.Mode.HYBRID):
            parts.append(str(self.Mode(self.mode).label))
        return " · ".join(parts)


class MeetingAction(VersionedModel):
    """A follow-up action agreed at a meeting: what, who, by when, and whether it is done."""

    partnership = models.ForeignKey(
        Partnership, on_delete=models.CASCADE, related_name="meeting_actions"
    )
    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="actions"
    )
    what = models.CharField(_("what is to be done"), max_length=300)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("owner (member)"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    owner_name = models.CharField(
        _("owner (name)"),
        max_length=200,
        blank=True,
        help_text=_("For someone who is not a member of the partnership in Samverkan."),
    )
    due_date = models.DateField(_("due date"), null=True, blank=True)
    done = models.BooleanField(_("done"), default=False)
    done_at = models.DateTimeField(_("done on"), null=True, blank=True, editable=False)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("follow-up action")
        verbose_name_plural = _("follow-up actions")
        ordering = [models.F("due_date").asc(nulls_last=True), "pk"]

    def __str__(self) -> str:
        return self.what

    def is_overdue(self, today: object = None) -> bool:
        return (
            not self.done
            and self.due_date is not None
            and self.due_date < (today or timezone.localdate())  # type: ignore[operator]
        )

    @property
    def overdue(self) -> bool:
        return self.is_overdue()

    @property
    def owner_label(self) -> str:
        if self.owner_id is not None:
            return str(self.owner)
        return self.owner_name


class CalendarFeed(models.Model):
    """A secret address from which calendars read the partnership's meetings without signing
    in: the token is the credential. At most one is active; revoking it ends it for good."""

    partnership = models.ForeignKey(
        Partnership, on_delete=models.CASCADE, related_name="calendar_feeds"
    )
    token = models.CharField(max_length=64, unique=True, default=new_feed_token, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    # The token is a secret: the history says a feed was made or revoked, never its address.
    history = HistoricalRecords(excluded_fields=["token"])

    class Meta:
        verbose_name = _("calendar feed")
        verbose_name_plural = _("calendar feeds")
        constraints = [
            models.UniqueConstraint(
                fields=["partnership"],
                condition=models.Q(revoked_at__isnull=True),
                name="calendar_feed_one_active",
            )
        ]

    def __str__(self) -> str:
        return str(_("Calendar feed"))


MEETING_FIELDS = (
    "kind",
    "title",
    "starts_at",
    "ends_at",
    "mode",
    "location",
    "online_link",
    "members",
    "contacts",
    "agenda",
    "notes",
    "decisions",
)
MEETING_ACTION_FIELDS = ("what", "owner", "owner_name", "due_date", "done")

__all__ = [
    "MEETING_ACTION_FIELDS",
    "MEETING_FIELDS",
    "CalendarFeed",
    "Meeting",
    "MeetingAction",
]
