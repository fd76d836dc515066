from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from django.conf import settings
from django.utils import translation


@pytest.fixture(autouse=True)
def english(client: Any) -> Iterator[None]:
    """Read texts in English, the language the code writes them in (Swedish is the default)."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    with translation.override("en"):
        yield
