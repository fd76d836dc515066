"""Load the 290 Swedish municipalities shipped in partnerships/data/."""

from django.db import migrations

from partnerships.reference import load_municipalities


def load(apps, schema_editor):
    load_municipalities(apps.get_model("partnerships", "Municipality"))


class Migration(migrations.Migration):
    dependencies = [("partnerships", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
