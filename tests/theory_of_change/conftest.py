from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def _english(english: None) -> None:
    """Step 3's tests read the texts in English (the `english` fixture of tests/conftest.py)."""
