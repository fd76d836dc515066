"""Log in as each demo role, follow every internal link from the dashboard: no 5xx, no broken link."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.management import call_command

from accounts.models import User

from .crawler import client_fetcher, crawl

DEMO_USERS = [
    "kommun@demo.example",
    "entreprenor@demo.example",
    "facilitator@demo.example",
    "insyn@demo.example",
    "boden@demo.example",
    "liepaja@demo.example",
]


@pytest.fixture
def demo(db: Any) -> None:
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115


@pytest.mark.parametrize("email", DEMO_USERS)
def test_crawl_as_demo_user(email: str, demo: None, client: Any) -> None:
    client.force_login(User.objects.get(email=email))
    result = crawl(client_fetcher(client), "/partnerships/")
    assert not result.problems, "\n".join(result.problems)
    # The crawl really went somewhere: the partnership pages of this user were reached.
    assert any("/partnerships/p/" in url for url in result.pages), sorted(result.pages)


def test_crawl_anonymous(demo: None, client: Any) -> None:
    result = crawl(client_fetcher(client), "/")
    assert not result.problems, "\n".join(result.problems)
    assert "/accounts/login/" in result.pages
    assert not any("/partnerships/p/" in url for url in result.pages)


def test_crawl_reaches_the_funding_pages_by_links(demo: None, client: Any) -> None:
    """The axe harness checks what the crawler reaches: the funding list, its forms and the
    removal confirmation are all linked from the partnership's pages."""
    client.force_login(User.objects.get(email="kommun@demo.example"))
    pages = crawl(client_fetcher(client), "/partnerships/").pages
    for part in ("/funding/", "/funding/new/", "/edit/", "/delete/"):
        assert any("/funding/" in url and url.endswith(part) for url in pages), part
