"""The free-text needs are rows now (0004): their old fields go."""

from __future__ import annotations

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("theory_of_change", "0004_needs_from_text")]

    operations = [
        migrations.RemoveField(
            model_name='historicalnode',
            name='need',
        ),
        migrations.RemoveField(
            model_name='historicaltheoryofchange',
            name='target_group_needs',
        ),
        migrations.RemoveField(
            model_name='node',
            name='need',
        ),
        migrations.RemoveField(
            model_name='theoryofchange',
            name='target_group_needs',
        ),
    ]
