"""Step 4 in a real browser: fill the RACI matrix by keyboard alone until it is valid, with the
focus kept where the work goes on and each row's check announced; the plan page and the
matrix pass axe."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from partnerships.models import Party, Role
from partnerships.plan import selectors, services
from tests.factories import (
    MembershipFactory,
    OrganisationFactory,
    PartnershipFactory,
    PartyFactory,
    UserFactory,
)
from theory_of_change import services as toc_services
from theory_of_change.models import Level

from .conftest import describe_violations

pytestmark = pytest.mark.browser


def _press(page: Any, key: str) -> None:
    """Press a key that saves a cell, and wait for the server's answer."""
    with page.expect_response(lambda response: "/plan/raci/" in response.url):
        page.keyboard.press(key)


def test_fill_the_matrix_by_keyboard_until_it_is_valid(bpage: Any, transactional_db: Any) -> None:
    from playwright.sync_api import expect

    owner = UserFactory(email="agare@example.org")
    partnership = PartnershipFactory(title="Tangentbordssamverkan")
    MembershipFactory(user=owner, partnership=partnership, role=Role.OWNER)
    parties = [
        PartyFactory(
            partnership=partnership, organisation=OrganisationFactory(name=name), part=part
        )
        for name, part in (
            ("Kommunen", Party.Part.LEAD_MUNICIPALITY),
            ("Entreprenören", Party.Part.SOCIAL_ENTREPRENEUR),
            ("Processledaren", Party.Part.FACILITATOR),
        )
    ]
    for title in ("Uppsökande arbete", "Gruppträffar"):
        toc_services.node_create(partnership=partnership, level=Level.ACTIVITY, title=title)
    first, second = services.plan_activities_from_chain(partnership=partnership)

    bpage.login(owner)
    page = bpage.page
    page.context.add_cookies([{"name": "django_language", "value": "en", "url": bpage.base_url}])
    bpage.goto(reverse("partnerships:plan", kwargs={"key": partnership.key}))
    expect(page.locator("h1")).to_have_text("Collaboration plan")
    assert bpage.axe() == [], describe_violations(bpage.axe())

    bpage.goto(reverse("partnerships:plan_raci", kwargs={"key": partnership.key}))
    expect(page.locator("h1")).to_have_text("RACI matrix")
    assert bpage.axe() == [], describe_violations(bpage.axe())
    # With the script, one cell is in the tab order and the rows' Save buttons are hidden.
    expect(page.locator("select.raci-cell[tabindex='0']")).to_have_count(1)
    expect(page.locator("button.raci-save").first).to_be_hidden()

    def cell(activity: Any, party: Party) -> Any:
        return page.locator(f"#raci-{activity.pk}-{party.pk}")

    kommun, entreprenor, processledare = parties
    # Columns in the matrix's order: facilitator, lead municipality, social entrepreneur.
    assert selectors.raci_matrix(partnership).parties == [processledare, kommun, entreprenor]
    cell(first, processledare).focus()
    # Only the cell's own field is posted (hx-params), never the rest of the row.
    with page.expect_request(lambda request: "/plan/raci/" in request.url) as posted:
        _press(page, "c")
    assert posted.value.post_data == f"party_{processledare.pk}=C"
    expect(cell(first, processledare)).to_be_focused()
    expect(cell(first, processledare)).to_have_attribute(
        "aria-label", "Uppsökande arbete – Processledaren: C (Consulted)"
    )
    expect(page.locator(f"#raci-msg-{first.pk}")).to_contain_text("No party is accountable (A)")
    expect(page.locator("#raci-status")).to_contain_text("Saved: Uppsökande arbete.")
    page.keyboard.press("ArrowRight")
    expect(cell(first, kommun)).to_be_focused()
    _press(page, "a")
    expect(page.locator(f"#raci-msg-{first.pk}")).to_contain_text("No party is responsible (R)")
    page.keyboard.press("ArrowRight")
    _press(page, "R")
    expect(page.locator(f"#raci-msg-{first.pk}")).to_contain_text("Complete")
    expect(page.locator("#raci-status")).to_contain_text("Complete.")
    # Down to the second row, then back left along it.
    page.keyboard.press("ArrowDown")
    expect(cell(second, entreprenor)).to_be_focused()
    _press(page, "a")
    page.keyboard.press("ArrowLeft")
    _press(page, "a")
    # Two accountable parties and none responsible: the row says so, in words.
    expect(page.locator(f"#raci-msg-{second.pk}")).to_contain_text("2 parties are accountable (A)")
    page.keyboard.press("ArrowRight")
    _press(page, "r")
    page.keyboard.press("ArrowLeft")
    page.keyboard.press("ArrowLeft")
    expect(cell(second, processledare)).to_be_focused()
    _press(page, "i")
    # Space clears a cell; the facilitator is then consulted instead.
    _press(page, " ")
    expect(cell(second, processledare)).to_have_value("")
    expect(page.locator(f"#raci-idle-{processledare.pk}")).to_contain_text("Yes")
    _press(page, "c")
    expect(page.locator(f"#raci-msg-{second.pk}")).to_contain_text("Complete")
    expect(page.locator("#raci-summary")).to_contain_text("The matrix is complete")
    expect(cell(second, processledare)).to_be_focused()
    assert bpage.console_errors == []

    matrix = selectors.raci_matrix(partnership)
    assert matrix.check.valid
    assert selectors.raci_cells(partnership) == {
        (first.pk, kommun.pk): "A",
        (first.pk, entreprenor.pk): "R",
        (first.pk, processledare.pk): "C",
        (second.pk, kommun.pk): "A",
        (second.pk, entreprenor.pk): "R",
        (second.pk, processledare.pk): "C",
    }
    # The page read again shows what was saved.
    page.reload()
    expect(page.locator("#raci-summary")).to_contain_text("The matrix is complete")
    assert bpage.axe() == [], describe_violations(bpage.axe())

    # Typed fast, without waiting for the answers: every change arrives, the focus stays.
    cell(first, processledare).focus()
    for key in ("Delete", "ArrowRight", "Backspace", "ArrowRight", "i"):
        page.keyboard.press(key)
    expect(page.locator(f"#raci-msg-{first.pk}")).to_contain_text("No party is accountable (A)")
    # The last key's answer is on the page before the database is read: on a loaded machine
    # "network idle" can fall between two queued requests.
    expect(page.locator(f"#raci-msg-{first.pk}")).to_contain_text("No party is responsible (R)")
    page.wait_for_load_state("networkidle")
    expect(cell(first, entreprenor)).to_be_focused()
    assert {
        party: role
        for (activity, party), role in selectors.raci_cells(partnership).items()
        if activity == first.pk
    } == {entreprenor.pk: "I"}
    expect(page.locator(f"#raci-msg-{first.pk}")).to_contain_text("No party is responsible (R)")
