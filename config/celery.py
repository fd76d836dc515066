"""The Celery app. With REDIS_URL unset, tasks run in-process (see settings) and we say so."""

from __future__ import annotations

import logging
import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")

app = Celery("samverkan")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

logger = logging.getLogger("samverkan.celery")


def announce_mode() -> None:
    """Log once at start whether tasks go to a broker or run in-process."""
    if app.conf.task_always_eager:
        logger.info(
            "REDIS_URL is not set: Celery tasks run in-process (eagerly), no worker needed."
        )
    else:
        logger.info("Celery tasks are sent to the broker at %s.", app.conf.broker_url)
