"""Step 4 in a real browser: publish the plan as a revision and approve it as two people, each
in their own browser (two contexts); the revision, compare, timeline and print pages pass axe."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

import pytest
from django.urls import reverse

from partnerships.models import Party, Role
from partnerships.plan import services
from partnerships.plan.revisions import selectors
from partnerships.plan.steps import plan_approved
from tests.factories import (
    MembershipFactory,
    OrganisationFactory,
    PartnershipFactory,
    PartyFactory,
    UserFactory,
)

from .conftest import BrowserPage, describe_violations

pytestmark = pytest.mark.browser


@pytest.fixture
def second_page(browser: Any, live_server: Any) -> Iterator[BrowserPage]:
    """A second person's browser: its own context, so its own cookies and session."""
    context = browser.new_context(base_url=live_server.url, locale="sv-SE")
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield BrowserPage(page, live_server.url)
    context.close()


def _english(bpage: BrowserPage) -> None:
    bpage.page.context.add_cookies(
        [{"name": "django_language", "value": "en", "url": bpage.base_url}]
    )


def _axe(bpage: BrowserPage) -> None:
    violations = bpage.axe()
    assert violations == [], describe_violations(violations)


def test_publish_and_approve_as_two_people(
    bpage: BrowserPage, second_page: BrowserPage, transactional_db: Any
) -> None:
    from playwright.sync_api import expect

    partnership = PartnershipFactory(title="Samverkan i webbläsaren")
    kommun = PartyFactory(
        partnership=partnership,
        organisation=OrganisationFactory(name="Kommunen"),
        part=Party.Part.LEAD_MUNICIPALITY,
    )
    se = PartyFactory(
        partnership=partnership,
        organisation=OrganisationFactory(name="Entreprenören"),
        part=Party.Part.SOCIAL_ENTREPRENEUR,
    )
    karin = UserFactory(email="karin@example.org", name="Karin", organisation="Kommunen")
    elias = UserFactory(email="elias@example.org", name="Elias", organisation="Entreprenören")
    MembershipFactory(user=karin, partnership=partnership, role=Role.OWNER)
    MembershipFactory(user=elias, partnership=partnership, role=Role.EDITOR)
    for title, start, end in (
        ("Uppsökande arbete", dt.date(2025, 1, 1), dt.date(2025, 6, 1)),
        ("Gruppträffar", dt.date(2025, 3, 1), None),
    ):
        activity = services.plan_activity_create(
            partnership=partnership, title=title, start_month=start, end_month=end
        )
        services.raci_set(activity=activity, party=se, role="R")
        services.raci_set(activity=activity, party=kommun, role="A")
    services.risk_create(partnership=partnership, title="Lokalen försvinner", owner=kommun)
    key = partnership.key

    # Karin publishes revision 1 from the plan page.
    bpage.login(karin)
    _english(bpage)
    page = bpage.page
    bpage.goto(reverse("partnerships:plan", kwargs={"key": key}))
    expect(page.locator("#approval")).to_contain_text("has not been published")
    _axe(bpage)
    page.get_by_role("link", name="Publish a revision").first.click()
    expect(page.locator("h1")).to_have_text("Publish a revision of the plan")
    _axe(bpage)
    page.get_by_label("Reason").fill("The plan for the pilot period")
    page.get_by_role("button", name="Publish the revision").click()
    expect(page.locator("h1")).to_have_text("Collaboration plan, revision 1")
    expect(page.locator("main")).to_contain_text(
        "Waiting for approval from: Kommunen, Entreprenören"
    )
    _axe(bpage)

    # She approves for the municipality.
    page.get_by_role("link", name="Approve for your party").click()
    expect(page.locator("h1")).to_have_text("Approve revision 1 of the plan")
    _axe(bpage)
    expect(page.get_by_label("I approve for")).to_have_value(str(kommun.pk))
    page.get_by_label("I represent this party").check()
    page.get_by_role("button", name="Approve the revision").click()
    expect(page.locator("main")).to_contain_text("Approved for Kommunen by Karin")
    expect(page.locator("main")).to_contain_text("Waiting for approval from: Entreprenören")

    # Elias, in his own browser, approves for the entrepreneur.
    other = second_page
    other.login(elias)
    _english(other)
    other.goto(reverse("partnerships:plan_revision_detail", kwargs={"key": key, "number": 1}))
    other.page.get_by_role("link", name="Approve for your party").click()
    expect(other.page.get_by_label("I approve for")).to_have_value(str(se.pk))
    other.page.get_by_label("I represent this party").check()
    other.page.get_by_role("button", name="Approve the revision").click()
    expect(other.page.locator("main")).to_contain_text("Approved for Entreprenören by Elias")
    expect(other.page.locator("main")).to_contain_text(
        "Approved by every party whose approval it needs"
    )
    assert plan_approved(partnership)[0].passed

    # Karin's plan page now shows both approvals; an edit makes the plan a draft again.
    bpage.goto(reverse("partnerships:plan", kwargs={"key": key}))
    expect(page.locator("#approval")).to_contain_text("unchanged since")
    expect(page.locator("#approval")).to_contain_text("Approved for Entreprenören by Elias")
    first = partnership.plan_activities.order_by("order").first()
    services.plan_activity_update(
        activity=first, expected_version=first.version, title="Uppsökande arbete i området"
    )
    page.reload()
    expect(page.locator("#approval")).to_contain_text("Draft: changed since revision 1.")
    assert not plan_approved(partnership)[0].passed
    assert selectors.plan_status(partnership).changed

    page.get_by_role("link", name="See what changed since revision 1").click()
    expect(page.locator("h1")).to_have_text("Compare revisions of the plan")
    expect(page.locator("main")).to_contain_text("Uppsökande arbete i området")
    _axe(bpage)

    bpage.goto(reverse("partnerships:plan_timeline", kwargs={"key": key}))
    expect(page.locator("h1")).to_have_text("Timeline of the plan")
    expect(page.locator(".tl-grid")).to_contain_text("January 2025 – June 2025")
    _axe(bpage)

    bpage.goto(reverse("partnerships:plan_print", kwargs={"key": key}))
    expect(page.locator("h1")).to_have_text("Collaboration plan: Samverkan i webbläsaren")
    _axe(bpage)
    # In print, the navigation and the buttons are gone and the plan stays.
    page.emulate_media(media="print")
    expect(page.locator("header")).to_be_hidden()
    expect(page.locator("nav[aria-label='Partnership']")).to_be_hidden()
    expect(page.locator("#doc-raci-caption")).to_be_visible()
    pdf = page.pdf(format="A4")
    assert pdf.startswith(b"%PDF")
    # On a phone (390 CSS px) no page scrolls sideways: the grid and tables scroll in a box.
    page.emulate_media(media="screen")
    page.set_viewport_size({"width": 390, "height": 800})
    for name, kwargs in (
        ("plan_timeline", {}),
        ("plan_print", {}),
        ("plan_revision_detail", {"number": 1}),
        ("plan_revision_compare", {}),
    ):
        bpage.goto(reverse(f"partnerships:{name}", kwargs={"key": key, **kwargs}))
        width = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert width <= 0, (name, width)
    assert bpage.console_errors == [] and other.console_errors == []
