"""Services that render and send email. Tasks call them; services enqueue the tasks.

The imports run one way, services → tasks → mail → tokens, so none imports another lazily.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from .models import Invitation
from .tokens import invitation_token

logger = logging.getLogger(__name__)


def invitation_send(*, invitation: Invitation) -> None:
    """Render the invitation email with a fresh signed link and send it to the invitee."""
    path = reverse("partnerships:invitation_accept", kwargs={"token": invitation_token(invitation)})
    link = f"{settings.SITE_URL.rstrip('/')}{path}"
    with translation.override(settings.LANGUAGE_CODE):
        context = {"invitation": invitation, "link": link, "days": settings.INVITATION_MAX_AGE_DAYS}
        subject = render_to_string("partnerships/email/invitation_subject.txt", context).strip()
        body = render_to_string("partnerships/email/invitation_body.txt", context)
    send_mail(subject, body, None, [invitation.email])
    logger.info("Invitation %s sent", invitation.pk)
