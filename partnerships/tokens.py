"""Signed invitation links. Imported by services and tasks alike, importing neither."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from .models import Invitation

INVITATION_SALT = "samverkan.invitation"


def invitation_token(invitation: Invitation) -> str:
    """The signed, timestamped token in an invitation link."""
    return signing.dumps({"i": invitation.pk}, salt=INVITATION_SALT, compress=True)


def invitation_from_token(token: str) -> Invitation:
    """The open invitation behind a signed link, or ValidationError with the reason."""
    max_age = timedelta(days=settings.INVITATION_MAX_AGE_DAYS)
    try:
        payload = signing.loads(token, salt=INVITATION_SALT, max_age=max_age)
    except signing.SignatureExpired as error:
        raise ValidationError(
            _("This invitation link has expired. Ask the partnership's owner for a new one."),
            code="expired",
        ) from error
    except signing.BadSignature as error:
        raise ValidationError(_("This invitation link is not valid."), code="invalid") from error
    invitation = (
        Invitation.objects.select_related("partnership", "invited_by")
        .filter(pk=payload.get("i"))
        .first()
    )
    if invitation is None or invitation.revoked_at is not None:
        raise ValidationError(_("This invitation has been withdrawn."), code="revoked")
    if invitation.accepted_at is not None:
        raise ValidationError(_("This invitation has already been used."), code="used")
    if invitation.declined_at is not None:
        raise ValidationError(
            _(
                "This invitation was declined on %(date)s. Ask the partnership's owner for a new "
                "one if you want to join after all."
            )
            % {"date": date_format(timezone.localtime(invitation.declined_at), "DATE_FORMAT")},
            code="declined",
        )
    return invitation
