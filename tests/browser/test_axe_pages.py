"""axe-core in real Chromium on every page the crawler reaches, for every demo role.

0 violations of the WCAG 2.0/2.1 A and AA rules, and no script or CSP errors in the console.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import resolve

from accounts.models import User
from tests.harness.crawler import client_fetcher, crawl
from tests.harness.test_crawler import DEMO_USERS

from .conftest import describe_violations

pytestmark = pytest.mark.browser


@pytest.fixture
def demo(transactional_db: Any) -> None:
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115


def _one_per_page_kind(urls: list[str]) -> list[str]:
    """One URL per view and set of query parameters: the same template with other records
    (the facilitator's three partnerships, page 2 of a list) adds time, not coverage."""
    chosen: dict[tuple[str, tuple[str, ...]], str] = {}
    for url in sorted(urls):
        parts = urlsplit(url)
        kind = (resolve(parts.path).view_name, tuple(sorted(parse_qs(parts.query))))
        chosen.setdefault(kind, url)
    return sorted(chosen.values())


def _check_pages(bpage: Any, client: Client, start: str) -> list[str]:
    pages = crawl(client_fetcher(client), start).pages
    assert pages, "the crawler reached no page"
    failures = []
    for url in _one_per_page_kind(list(pages)):
        bpage.console_errors.clear()
        response = bpage.goto(url)
        if response is None or response.status >= 400:
            failures.append(f"{url}: HTTP {response.status if response else 'no response'}")
            continue
        violations = bpage.axe()
        if violations:
            failures.append(f"{url}:\n{describe_violations(violations)}")
        if bpage.console_errors:
            failures.append(f"{url}: console errors {bpage.console_errors}")
    return failures


@pytest.mark.parametrize("email", DEMO_USERS)
def test_axe_on_every_page_of_a_demo_user(email: str, demo: None, bpage: Any) -> None:
    user = User.objects.get(email=email)
    client = Client()
    client.force_login(user)
    bpage.login(user)
    failures = _check_pages(bpage, client, "/partnerships/")
    assert not failures, "\n".join(failures)


def test_axe_on_public_pages(demo: None, bpage: Any) -> None:
    failures = _check_pages(bpage, Client(), "/")
    assert not failures, "\n".join(failures)


def test_axe_on_the_import_page_and_every_template_preview(demo: None, bpage: Any) -> None:
    from django.urls import reverse

    from partnerships.models import Partnership
    from theory_of_change.starting_points import STARTING_POINTS

    bpage.login(User.objects.get(email="kommun@demo.example"))
    key = Partnership.objects.get(title__startswith="Kraftsamling").key
    urls = [reverse("theory_of_change:import", kwargs={"key": key})] + [
        reverse("theory_of_change:template", kwargs={"key": key, "template": slug})
        for slug in STARTING_POINTS
    ]
    failures = []
    for url in urls:
        response = bpage.goto(url)
        assert response is not None and response.status == 200, url
        violations = bpage.axe()
        if violations:
            failures.append(f"{url}:\n{describe_violations(violations)}")
    assert not failures, "\n".join(failures)
