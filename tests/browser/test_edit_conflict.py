"""Two people edit the same partnership in two browsers: the second save shows the conflict
table, readably, with their input kept; saving again stores what the form shows."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from partnerships.models import Partnership, Role
from tests.factories import MembershipFactory, PartnershipFactory, UserFactory

from .conftest import BrowserPage, describe_violations

pytestmark = pytest.mark.browser


def _person(browser: Any, live_server: Any, user: Any) -> BrowserPage:
    context = browser.new_context(base_url=live_server.url, locale="en-GB")
    page = context.new_page()
    page.set_default_timeout(15_000)
    person = BrowserPage(page, live_server.url)
    person.login(user)
    # English, so the assertions read the texts as written in the code.
    context.add_cookies([{"name": "django_language", "value": "en", "url": live_server.url}])
    return person


def test_the_second_of_two_saves_shows_the_conflict_and_saving_again_keeps_it(
    browser: Any, live_server: Any, transactional_db: Any
) -> None:
    from playwright.sync_api import expect

    partnership = PartnershipFactory(title="Unga i jobb", municipality=None)
    anna = UserFactory(email="anna@example.org", name="Anna Andersson")
    bo = UserFactory(email="bo@example.org", name="Bo Berg")
    for user in (anna, bo):
        MembershipFactory(user=user, partnership=partnership, role=Role.EDITOR)
    url = reverse("partnerships:edit", kwargs={"key": partnership.key})
    first, second = _person(browser, live_server, anna), _person(browser, live_server, bo)
    try:
        first.goto(url)
        second.goto(url)  # both have the form open at the same version

        first.page.locator("#id_title").fill("Unga i arbete")
        first.page.get_by_role("button", name="Save", exact=True).click()
        first.page.wait_for_url(f"**{partnership.get_absolute_url()}")

        second.page.locator("#id_title").fill("Unga i jobb och studier")
        second.page.get_by_role("button", name="Save", exact=True).click()
        box = second.page.locator("section.conflict")
        expect(box).to_be_visible()
        expect(box.locator("h2")).to_have_text("Someone else saved this first")
        header = box.locator("thead th")
        expect(header).to_have_text(
            ["Field", "When you started", "Saved by Anna Andersson", "Yours (not saved yet)"]
        )
        expect(box.locator("tbody tr")).to_have_count(1)
        expect(box.locator("tbody tr").first.locator("th, td")).to_have_text(
            ["Title", "Unga i jobb", "Unga i arbete", "Unga i jobb och studier"]
        )
        expect(box).to_contain_text("Their changes to other fields were kept")
        expect(second.page.locator(".alert")).to_have_count(1)  # one box, no second error
        expect(second.page.locator("#id_title")).to_have_value("Unga i jobb och studier")
        assert Partnership.objects.get(pk=partnership.pk).title == "Unga i arbete"
        violations = second.axe()
        assert violations == [], describe_violations(violations)

        # Having seen the comparison, Bo saves again: his value is stored.
        second.page.get_by_role("button", name="Save", exact=True).click()
        second.page.wait_for_url(f"**{partnership.get_absolute_url()}")
        assert Partnership.objects.get(pk=partnership.pk).title == "Unga i jobb och studier"
        assert first.console_errors == [] and second.console_errors == []
    finally:
        first.page.context.close()
        second.page.context.close()
