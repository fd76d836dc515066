from __future__ import annotations

from typing import Any

import pytest
from django.conf import settings


@pytest.fixture(autouse=True)
def english(client: Any) -> None:
    """Read the pages in English, the language the code's texts are written in."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
