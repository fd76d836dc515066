"""Background work of the document pipeline: render a generated document to PDF.

The task takes the version's id, claims it with a conditional UPDATE (so a repeated or
redelivered run does nothing), renders in the document's own language, stores the file through
`documents.services.document_store_pdf`, and retries named transient errors with backoff. It
acknowledges late and is rejected (redelivered) when its worker dies, and `requeue_stuck`
puts back versions left in "rendering" past `STUCK_AFTER`, so a killed worker leaves nothing
stuck.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta
from functools import partial
from typing import Any

from celery import shared_task
from celery.exceptions import Retry
from django.conf import settings
from django.db import OperationalError as DatabaseOperationalError
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone
from kombu.exceptions import OperationalError as BrokerOperationalError

from .documents.models import GeneratedDocument
from .documents.render import render_pdf

logger = logging.getLogger("samverkan.documents")
Status = GeneratedDocument.Status

# Failures worth another try: the storage or the database was briefly unreachable.
TRANSIENT_ERRORS = (ConnectionError, TimeoutError, DatabaseOperationalError)
MAX_RETRIES = 4
# A render that has not finished within the task's hard time limit (and a margin) is dead.
STUCK_AFTER = timedelta(seconds=settings.CELERY_TASK_TIME_LIMIT + 60)


def backoff(retries: int) -> int:
    """Seconds before retry number `retries + 1`: 10, 20, 40, 80."""
    return 10 * 2**retries


def claim(document_id: int) -> GeneratedDocument | None:
    """Take the version for this run: queued, or left rendering past the time limit by a worker
    that died. None when another run has it or it is done."""
    now = timezone.now()
    stuck = Q(status=Status.RENDERING, started_at__lt=now - STUCK_AFTER)
    claimed = (
        GeneratedDocument.objects.filter(pk=document_id)
        .filter(Q(status=Status.QUEUED) | stuck)
        .update(status=Status.RENDERING, started_at=now, attempts=F("attempts") + 1, error="")
    )
    if not claimed:
        return None
    return GeneratedDocument.objects.filter(pk=document_id).first()


def _release(document: GeneratedDocument) -> None:
    """Give the claim back (status queued) so the scheduled retry can take it."""
    GeneratedDocument.objects.filter(
        pk=document.pk, status=Status.RENDERING, started_at=document.started_at
    ).update(status=Status.QUEUED)


def _fail(document: GeneratedDocument, reason: str) -> None:
    GeneratedDocument.objects.filter(
        pk=document.pk, status=Status.RENDERING, started_at=document.started_at
    ).update(status=Status.FAILED, error=reason[:2000])


@shared_task(bind=True, acks_late=True, reject_on_worker_lost=True, max_retries=MAX_RETRIES)
def render_document(self: Any, document_id: int) -> bool:
    """Render one version to PDF. A second run for the same version does nothing."""
    from .documents.services import document_store_pdf

    document = claim(document_id)
    if document is None:
        return False
    try:
        pdf = render_pdf(document)
        return document_store_pdf(document=document, pdf=pdf)
    except TRANSIENT_ERRORS as error:
        retries = self.request.retries or 0
        if retries >= MAX_RETRIES:
            _fail(document, f"{type(error).__name__}: {error}")
            return False
        _release(document)
        if self.request.is_eager:
            # In-process (make run, tests): no worker comes back later, so try again now.
            return bool(self.apply(args=(document_id,), retries=retries + 1).result)
        raise self.retry(exc=error, countdown=backoff(retries)) from error
    except Exception as error:  # a bug or bad data: say why, do not retry
        logger.exception("Rendering document %s failed", document_id)
        _fail(document, f"{type(error).__name__}: {error}")
        return False


def _send(document_id: int) -> None:
    """Hand the version to the worker. A broker that is down leaves it queued, with the reason,
    for the page to show and the sweep to send again: never an error for the person who
    clicked."""
    try:
        render_document.delay(document_id)
    except BrokerOperationalError as error:
        logger.warning("Could not queue document %s: %s", document_id, error)
        GeneratedDocument.objects.filter(pk=document_id, status=Status.QUEUED).update(
            queue_error=str(error)[:300] or "unavailable"
        )
    except Retry:  # in-process (eager) runs: the retry is scheduled and shown as waiting
        pass
    else:
        GeneratedDocument.objects.filter(pk=document_id).exclude(queue_error="").update(
            queue_error=""
        )


def enqueue_render(document_id: int) -> None:
    """Send the task after the transaction commits (as `delay_on_commit` does), so the worker
    finds the row; a broker error is caught there rather than ending the request with a 500."""
    transaction.on_commit(partial(_send, document_id))


def requeue_stuck(*, partnership_id: int | None = None, now: datetime | None = None) -> int:
    """Put versions left rendering past the time limit back in the queue and send them again,
    and send again those the broker refused or that waited past the limit (a lost message).
    Only one partnership's when `partnership_id` is given. Returns how many were sent."""
    now = now or timezone.now()
    documents = GeneratedDocument.objects.all()
    if partnership_id is not None:
        documents = documents.filter(partnership_id=partnership_id)
    stuck = list(
        documents.filter(status=Status.RENDERING, started_at__lt=now - STUCK_AFTER).values_list(
            "pk", "started_at"
        )
    )
    ids = [
        pk
        for pk, started in stuck
        if GeneratedDocument.objects.filter(
            pk=pk, status=Status.RENDERING, started_at=started
        ).update(status=Status.QUEUED)
    ]
    ids += list(
        documents.filter(status=Status.QUEUED)
        .filter(~Q(queue_error="") | Q(created_at__lt=now - STUCK_AFTER))
        .exclude(pk__in=ids)
        .values_list("pk", flat=True)
    )
    for document_id in ids:
        enqueue_render(document_id)
    return len(ids)
