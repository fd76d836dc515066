"""Load the demo cases and users. Safe to run again: existing records are kept."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils.module_loading import import_string

from partnerships.demo import DEMO_USERS, DemoContext

# Each app with demo content has a `demo.seed(context)`; they run in this order.
SEEDERS = [
    "partnerships.demo.seed",
]
OPTIONAL_SEEDERS = [
    "theory_of_change.demo.seed",
    "costing.demo.seed",
    "evaluation.demo.seed",
    "workshops.demo.seed",
]


class Command(BaseCommand):
    help = "Create the Eskilstuna, Boden and Liepāja demo partnerships and the demo users."

    def handle(self, *args: Any, **options: Any) -> None:
        context = DemoContext()
        with transaction.atomic():
            for path in SEEDERS:
                import_string(path)(context)
            for path in OPTIONAL_SEEDERS:
                try:
                    seeder = import_string(path)
                except ImportError:
                    continue
                seeder(context)
        self.stdout.write(self.style.SUCCESS("Demo data is in place."))
        self.stdout.write(f"Demo logins (password: {settings.DEMO_PASSWORD}):")
        for email, name, title in DEMO_USERS:
            self.stdout.write(f"  {email:28} {name}, {title}")
