"""The partnership's navigation: the guide's steps as tabs, the pages of the current step below."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from partnerships.navigation import SECTIONS, navigation

pytestmark = pytest.mark.usefixtures("english")


def test_every_page_of_the_navigation_resolves_for_a_partnership(world: Any) -> None:
    sections = navigation(world.partnership.key, "")
    assert [str(s.label) for s in sections] == [str(s.label) for s in SECTIONS]
    assert not any(s.current for s in sections)
    for section in sections:
        for link in section.pages:
            assert link.url.startswith("/partnerships/")


def test_an_edit_page_marks_its_step_and_its_page(client: Any, world: Any) -> None:
    client.force_login(world.users["editor"])
    key = world.partnership.key
    page = client.get(reverse("partnerships:funding_create", kwargs={"key": key}))
    html = page.content.decode()
    nav = html[html.index('<nav aria-label="Partnership"') :]
    nav = nav[: nav.index("</nav>")]
    # Step 1's tab is active and its pages are listed, the funding calls marked as current.
    parties = reverse("partnerships:parties", kwargs={"key": key})
    assert f'class="nav-link active" href="{parties}"' in nav
    funding = reverse("partnerships:funding_list", kwargs={"key": key})
    assert f'active" aria-current="page" href="{funding}"' in nav
    assert nav.count('aria-current="page"') == 1
    assert "Steering documents" in nav and "Parties" in nav
