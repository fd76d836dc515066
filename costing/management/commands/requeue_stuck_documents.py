"""Send again the generated documents a dead worker or a down broker left behind."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from costing.tasks import requeue_stuck


class Command(BaseCommand):
    help = (
        "Re-queue generated documents stuck in rendering past the time limit, and send again "
        "those the broker could not take."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        count = requeue_stuck()
        self.stdout.write(f"Re-queued {count} document(s).")
