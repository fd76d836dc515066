"""Load the 290 Swedish municipalities (SCB codes, CC0) shipped in partnerships/data/."""

import csv
from pathlib import Path

from django.db import migrations

DATA = Path(__file__).resolve().parent.parent / "data" / "municipalities.csv"


def load(apps, schema_editor):
    Municipality = apps.get_model("partnerships", "Municipality")
    with DATA.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    existing = set(Municipality.objects.values_list("code", flat=True))
    Municipality.objects.bulk_create(
        Municipality(
            code=row["code"],
            name=row["name"],
            county_code=row["county_code"],
            county_name=row["county_name"],
        )
        for row in rows
        if row["code"] not in existing
    )


class Migration(migrations.Migration):
    dependencies = [("partnerships", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
