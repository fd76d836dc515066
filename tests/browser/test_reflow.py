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


# Cells that are cut off: outside the viewport, outside a box that clips them (a
# sideways-scrolling wrapper), or wider than their own box; and rows with nothing to read.
CLIPPED_CELLS = """() => {
  const width = document.documentElement.clientWidth;
  const problems = [];
  const name = (el) => (el.innerText || '').trim().slice(0, 40);
  for (const table of document.querySelectorAll('main table')) {
    const stacked = getComputedStyle(table).display === 'block';
    for (const cell of table.querySelectorAll('caption, th, td')) {
      if (cell.closest('.visually-hidden') || (stacked && cell.closest('thead'))) continue;
      if (!cell.getClientRects().length) continue;
      const rect = cell.getBoundingClientRect();
      if (rect.left < -1 || rect.right > width + 1) {
        problems.push(`outside the page: ${name(cell)} (${Math.round(rect.left)}–${Math.round(rect.right)})`);
        continue;
      }
      for (let box = cell.parentElement; box && box !== document.body; box = box.parentElement) {
        const overflow = getComputedStyle(box).overflowX;
        if (overflow === 'visible') continue;
        const outer = box.getBoundingClientRect();
        if (rect.right > outer.right + 1 || rect.left < outer.left - 1) {
          problems.push(`cut off by a scrolling box: ${name(cell)}`);
          break;
        }
      }
      if (cell.scrollWidth > cell.clientWidth + 1 && cell.tagName !== 'CAPTION') {
        problems.push(`wider than its cell: ${name(cell)}`);
      }
    }
    for (const row of table.querySelectorAll('tbody tr')) {
      if (row.getClientRects().length && !(row.innerText || '').trim()) {
        problems.push('an empty row');
      }
    }
  }
  return problems;
}"""

READABLE_PAGES = [
    "theory_of_change:page",
    "theory_of_change:revision_list",
    "partnerships:history",
]


@pytest.mark.parametrize(
    ("viewport", "scale"),
    [
        pytest.param({"width": 390, "height": 844}, 1, id="phone-390px"),
        # 200 % zoom of a 1280 × 800 window: the page lays out in 640 × 400 CSS pixels.
        pytest.param({"width": 640, "height": 400}, 2, id="zoom-200-percent"),
    ],
)
def test_tables_are_readable_on_a_phone_and_at_200_percent_zoom(
    browser: Any, live_server: Any, transactional_db: Any, viewport: dict[str, int], scale: int
) -> None:
    from .conftest import BrowserPage

    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    context = browser.new_context(
        base_url=live_server.url, locale="sv-SE", viewport=viewport, device_scale_factor=scale
    )
    try:
        bpage = BrowserPage(context.new_page(), live_server.url)
        bpage.login(User.objects.get(email="kommun@demo.example"))
        key = Partnership.objects.get(title__startswith="Kraftsamling").key
        problems = []
        for name in READABLE_PAGES:
            bpage.goto(reverse(name, kwargs={"key": key}))
            assert bpage.page.locator("main table").count() > 0, f"{name} shows no table"
            width = bpage.page.evaluate("document.documentElement.scrollWidth")
            if width > viewport["width"] + 1:
                problems.append(f"{name}: the page scrolls sideways ({width}px)")
            problems += [f"{name}: {problem}" for problem in bpage.page.evaluate(CLIPPED_CELLS)]
        assert not problems, problems
    finally:
        context.close()
