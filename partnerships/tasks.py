"""Background work for partnerships. Tasks take ids, fetch, and call a service."""

from __future__ import annotations

import smtplib

from celery import shared_task
from django.utils import timezone

from .mail import invitation_send
from .models import Invitation

# Transient failures worth a retry; anything else is a bug and fails loudly.
SEND_ERRORS = (smtplib.SMTPException, ConnectionError)


@shared_task(
    autoretry_for=SEND_ERRORS,
    retry_backoff=30,
    retry_jitter=True,
    max_retries=5,
    # Safe to redeliver: the conditional UPDATE below claims the invitation once.
    acks_late=True,
)
def send_invitation_email(invitation_id: int) -> bool:
    """Email the signed invitation link. A second run for the same invitation does nothing."""
    claimed = Invitation.objects.filter(
        pk=invitation_id, sent_at__isnull=True, revoked_at__isnull=True
    ).update(sent_at=timezone.now())
    if not claimed:
        return False
    invitation = Invitation.objects.select_related("partnership", "invited_by").get(
        pk=invitation_id
    )
    try:
        invitation_send(invitation=invitation)
    except SEND_ERRORS:
        # Release the claim so the retry can send it.
        Invitation.objects.filter(pk=invitation_id).update(sent_at=None)
        raise
    return True
