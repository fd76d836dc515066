from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TheoryOfChangeConfig(AppConfig):
    name = "theory_of_change"
    verbose_name = _("Theory of change")
