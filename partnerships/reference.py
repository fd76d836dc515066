"""Reference data shipped with the product: the municipality register (SCB codes, CC0)."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

MUNICIPALITIES_CSV = Path(__file__).resolve().parent / "data" / "municipalities.csv"


def load_municipalities(model: Any) -> int:
    """Insert the municipalities that are missing; return how many were added."""
    with MUNICIPALITIES_CSV.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    existing = set(model.objects.values_list("code", flat=True))
    missing = [
        model(
            code=row["code"],
            name=row["name"],
            county_code=row["county_code"],
            county_name=row["county_name"],
        )
        for row in rows
        if row["code"] not in existing
    ]
    model.objects.bulk_create(missing)
    return len(missing)
