"""Migrations that carry data: anchoring recorded in history for records that predate it."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

BEFORE = [("theory_of_change", "0001_initial"), ("partnerships", "0003_steeringdocument")]
AFTER = [("theory_of_change", "0002_history_of_anchoring")]


def migrate(targets: list[tuple[str, str]]) -> Any:
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.mark.django_db(transaction=True)
def test_anchoring_of_existing_records_is_recorded_in_their_latest_history_row() -> None:
    old = migrate(BEFORE)
    partnership = old.get_model("partnerships", "Partnership").objects.create(
        key="migrationtest0001", title="Före", challenge="Utmaning"
    )
    document = old.get_model("partnerships", "SteeringDocument").objects.create(
        partnership=partnership, title="Budget 2024", kind="budget"
    )
    node = old.get_model("theory_of_change", "Node").objects.create(
        partnership=partnership, level=3, title="Effekt"
    )
    node.steering_documents.add(document)
    old.get_model("theory_of_change", "HistoricalNode").objects.create(
        id=node.id,
        partnership_id=partnership.id,
        level=3,
        title="Effekt",
        version=1,
        updated_at=timezone.now(),
        history_date=timezone.now(),
        history_type="+",
    )
    try:
        new = migrate(AFTER)
        history = new.get_model("theory_of_change", "HistoricalNode").objects.get(id=node.id)
        rows = new.get_model("theory_of_change", "HistoricalNode_steering_documents").objects
        assert list(rows.filter(history=history).values_list("steeringdocument_id", flat=True)) == [
            document.id
        ]
    finally:
        migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())
