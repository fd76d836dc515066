"""WCAG 1.4.10 reflow: at 390 CSS px (a phone) no page scrolls sideways; wide tables scroll
inside their own box."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.management import call_command
from django.urls import reverse

from accounts.models import User
from partnerships.models import Partnership

pytestmark = pytest.mark.browser

PAGES = [
    "partnerships:dashboard",
    "partnerships:overview",
    "partnerships:parties",
    "partnerships:members",
    "partnerships:history",
    "partnerships:steering_list",
    "theory_of_change:page",
    "partnerships:organisation_list",
]


def test_no_page_scrolls_sideways_on_a_phone(bpage: Any, transactional_db: Any) -> None:
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    bpage.login(User.objects.get(email="kommun@demo.example"))
    key = Partnership.objects.get(title__startswith="Kraftsamling").key
    bpage.page.set_viewport_size({"width": 390, "height": 800})
    too_wide = []
    for name in PAGES:
        kwargs = (
            {}
            if name in ("partnerships:dashboard", "partnerships:organisation_list")
            else {"key": key}
        )
        bpage.goto(reverse(name, kwargs=kwargs))
        width = bpage.page.evaluate("document.documentElement.scrollWidth")
        if width > 391:
            too_wide.append(f"{name}: {width}px")
    assert not too_wide, too_wide
