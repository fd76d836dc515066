"""Reference data of step 5: the procurement thresholds as published by Upphandlingsmyndigheten.

Loaded by a data migration (and by the demo, for a flushed test database); administrators keep
them up to date in the admin, adding a row with its valid-from date when new values are out.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

SOURCE = "Upphandlingsmyndigheten, tröskelvärden"
SOURCE_URL = "https://www.upphandlingsmyndigheten.se/regler-och-lagar/troskelvarden-och-direktupphandlingsgranser/"
THRESHOLDS = [
    # kind, value, currency, valid from, notes
    ("direct_award", "700000", "SEK", dt.date(2024, 1, 1), "Direktupphandlingsgräns, LOU."),
    (
        "goods_services",
        "2389585",
        "SEK",
        dt.date(2024, 1, 1),
        "Varor och tjänster, kommuner och regioner (under-statliga myndigheter), 2024–2025.",
    ),
    (
        "social_services",
        "8109450",
        "SEK",
        dt.date(2024, 1, 1),
        "Sociala tjänster och andra särskilda tjänster, 2024–2025; även deras "
        "direktupphandlingsgräns.",
    ),
    ("works", "59880179", "SEK", dt.date(2024, 1, 1), "Byggentreprenader, 2024–2025."),
    (
        "eu_sub_central",
        "216000",
        "EUR",
        dt.date(2026, 1, 1),
        "EU:s tröskelvärde för under-statliga myndigheter, 2026–2027.",
    ),
    (
        "eu_social_services",
        "750000",
        "EUR",
        dt.date(2026, 1, 1),
        "EU:s tröskelvärde för sociala tjänster, 2026–2027.",
    ),
]


def load_thresholds(Threshold: Any) -> None:
    """Add the published thresholds that are missing (existing rows are kept as edited)."""
    for kind, value, currency, valid_from, notes in THRESHOLDS:
        Threshold.objects.get_or_create(
            kind=kind,
            valid_from=valid_from,
            defaults={
                "value": Decimal(value),
                "currency": currency,
                "source": SOURCE,
                "source_url": SOURCE_URL,
                "notes": notes,
            },
        )
