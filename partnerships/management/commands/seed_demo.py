"""Load the demo cases and users. Safe to run again: existing records are kept."""

from __future__ import annotations

import importlib.util
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils.module_loading import import_string

from partnerships.demo import DEMO_USERS, DemoContext

# Each app with demo content has a `demo.seed(context)` module; they run in this order, and
# an app without a demo module yet is passed over.
DEMO_APPS = ["partnerships", "theory_of_change", "costing", "evaluation", "workshops"]


class Command(BaseCommand):
    help = "Create the Eskilstuna, Boden and Liepāja demo partnerships and the demo users."

    def handle(self, *args: Any, **options: Any) -> None:
        context = DemoContext()
        with transaction.atomic():
            for app in DEMO_APPS:
                # find_spec, not `except ImportError`: a broken demo module must fail loudly.
                if importlib.util.find_spec(f"{app}.demo") is not None:
                    import_string(f"{app}.demo.seed")(context)
        self.stdout.write(self.style.SUCCESS("Demo data is in place."))
        self.stdout.write(f"Demo logins (password: {settings.DEMO_PASSWORD}):")
        for email, name, title, organisation in DEMO_USERS:
            self.stdout.write(f"  {email:28} {name}, {title}, {organisation}")
