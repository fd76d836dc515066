"""Keyboard-only use: the skip link, the menu, and creating a partnership without a mouse."""

from __future__ import annotations

from typing import Any

import pytest

from partnerships.models import Membership, Partnership
from tests.factories import UserFactory

pytestmark = pytest.mark.browser


def focused(page: Any) -> dict[str, str]:
    return page.evaluate(
        "() => ({tag: document.activeElement.tagName, id: document.activeElement.id,"
        " text: (document.activeElement.innerText || '').trim(),"
        " cls: document.activeElement.className, name: document.activeElement.name || ''})"
    )


def test_skip_link_is_first_and_moves_focus_to_main(bpage: Any, transactional_db: Any) -> None:
    bpage.goto("/accessibility/")
    page = bpage.page
    page.keyboard.press("Tab")
    first = focused(page)
    assert "skip-link" in first["cls"]
    assert page.locator(".skip-link").is_visible()  # visible when focused
    page.keyboard.press("Enter")
    assert focused(page)["id"] == "main"


def test_create_a_partnership_with_the_keyboard_only(bpage: Any, transactional_db: Any) -> None:
    user = UserFactory(email="keys@example.org")
    bpage.login(user)
    bpage.goto("/partnerships/")
    page = bpage.page
    # Tab until the "new partnership" link has focus, then follow it with Enter.
    for _ in range(30):
        page.keyboard.press("Tab")
        if (
            focused(page)["tag"] == "A"
            and page.evaluate("document.activeElement.getAttribute('href')") == "/partnerships/new/"
        ):
            break
    else:
        pytest.fail("the 'new partnership' link was never reached with Tab")
    page.keyboard.press("Enter")
    page.wait_for_url("**/partnerships/new/")
    # Tab to the title field and type; Tab on to the challenge.
    for _ in range(30):
        page.keyboard.press("Tab")
        if focused(page)["name"] == "title":
            break
    page.keyboard.type("Samverkan med tangentbord")
    page.keyboard.press("Tab")
    assert focused(page)["name"] == "challenge"
    page.keyboard.type("Unga utan arbete i Årby")
    for _ in range(15):
        page.keyboard.press("Tab")
        if (
            focused(page)["tag"] == "BUTTON"
            and page.evaluate("document.activeElement.type") == "submit"
        ):
            break
    page.keyboard.press("Enter")
    page.wait_for_url("**/partnerships/p/**")
    partnership = Partnership.objects.get(title="Samverkan med tangentbord")
    assert Membership.objects.get(partnership=partnership, user=user).role == "owner"
    # Focus is visible: the focused element has an outline.
    page.keyboard.press("Tab")
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"
