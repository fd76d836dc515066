from __future__ import annotations

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Threshold


@admin.register(Threshold)
class ThresholdAdmin(SimpleHistoryAdmin):
    """Procurement thresholds are reference data: administrators add a new row with its
    valid-from date when Upphandlingsmyndigheten publishes new values."""

    list_display = ["kind", "value", "currency", "valid_from", "source"]
    list_filter = ["kind", "currency"]
    ordering = ["kind", "-valid_from"]
