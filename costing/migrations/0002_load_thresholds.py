"""Procurement thresholds as published by Upphandlingsmyndigheten: reference data, edited in
the admin afterwards (a new row with its valid-from date when new values are published)."""

from __future__ import annotations

from typing import Any

from django.db import migrations

from costing.reference import THRESHOLDS, load_thresholds


def load(apps: Any, schema_editor: Any) -> None:
    load_thresholds(apps.get_model("costing", "Threshold"))


def unload(apps: Any, schema_editor: Any) -> None:
    Threshold = apps.get_model("costing", "Threshold")
    for kind, _value, _currency, valid_from, _notes in THRESHOLDS:
        Threshold.objects.filter(kind=kind, valid_from=valid_from).delete()


class Migration(migrations.Migration):
    dependencies = [("costing", "0001_initial")]

    operations = [migrations.RunPython(load, unload)]
