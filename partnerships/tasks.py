"""Background work for partnerships. Tasks take ids, fetch, and call a service."""

from __future__ import annotations

import logging
import smtplib

from celery import shared_task
from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from .models import Invitation

logger = logging.getLogger(__name__)


@shared_task(
    autoretry_for=(smtplib.SMTPException, ConnectionError),
    retry_backoff=30,
    retry_jitter=True,
    max_retries=5,
    # Safe to redeliver: the conditional UPDATE below claims the invitation once.
    acks_late=True,
)
def send_invitation_email(invitation_id: int) -> bool:
    """Email the signed invitation link. A second run for the same invitation does nothing."""
    from .services import invitation_token

    claimed = Invitation.objects.filter(
        pk=invitation_id, sent_at__isnull=True, revoked_at__isnull=True
    ).update(sent_at=timezone.now())
    if not claimed:
        return False
    invitation = Invitation.objects.select_related("partnership", "invited_by").get(
        pk=invitation_id
    )
    path = reverse("partnerships:invitation_accept", kwargs={"token": invitation_token(invitation)})
    link = f"{settings.SITE_URL.rstrip('/')}{path}"
    with translation.override(settings.LANGUAGE_CODE):
        context = {"invitation": invitation, "link": link, "days": settings.INVITATION_MAX_AGE_DAYS}
        subject = render_to_string("partnerships/email/invitation_subject.txt", context).strip()
        body = render_to_string("partnerships/email/invitation_body.txt", context)
    try:
        send_mail(subject, body, None, [invitation.email])
    except (smtplib.SMTPException, ConnectionError):
        # Release the claim so the retry can send it.
        Invitation.objects.filter(pk=invitation_id).update(sent_at=None)
        raise
    logger.info("Invitation %s sent", invitation_id)
    return True
