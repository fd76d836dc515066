"""An editor records a meeting with a follow-up action in a real browser, downloads it as
.ics, parses it, marks the action done, and the pages pass axe on the way."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.urls import reverse
from icalendar import Calendar

from partnerships.models import Role
from tests.factories import MembershipFactory, PartnershipFactory, UserFactory

from .conftest import describe_violations

pytestmark = pytest.mark.browser


def test_an_editor_records_a_meeting_exports_it_and_follows_up(
    bpage: Any, transactional_db: Any
) -> None:
    from playwright.sync_api import expect

    partnership = PartnershipFactory(title="Unga i jobb", municipality=None)
    editor = UserFactory(email="redaktor@example.org", name="Rut Redaktör")
    MembershipFactory(user=editor, partnership=partnership, role=Role.EDITOR)
    bpage.login(editor)
    page = bpage.page
    # English, so the assertions read the texts as written in the code.
    page.context.add_cookies([{"name": "django_language", "value": "en", "url": bpage.base_url}])
    bpage.goto(reverse("partnerships:meeting_list", kwargs={"key": partnership.key}))
    assert not bpage.axe(), describe_violations(bpage.axe())
    page.locator(
        f"a[href='{reverse('partnerships:meeting_create', kwargs={'key': partnership.key})}']"
    ).click()
    assert not bpage.axe(), describe_violations(bpage.axe())
    page.locator("#id_kind").select_option("co_creation")
    page.locator("#id_title").fill("Heldag om målgruppen")
    page.locator("#id_starts_at").fill("2025-01-14T09:00")
    page.locator("#id_ends_at").fill("2025-01-14T16:00")
    page.locator("#id_location").fill("Stadshuset")
    page.locator("#id_notes").fill("Vi beskrev målgruppen tillsammans.")
    page.locator("input[name=members]").first.check()
    page.get_by_role("button", name="Save", exact=True).click()
    page.wait_for_url(re.compile(r".*/meetings/\d+/$"))
    expect(page.locator("h1")).to_have_text("Heldag om målgruppen")
    expect(page.locator("dd time")).to_have_text("Tue 14 Jan 2025 09:00–16:00")
    page.locator("#id_action-what").fill("Skicka anteckningarna")
    page.locator("#id_action-due_date").fill("2025-01-21")
    page.locator("form[action$='/actions/add/'] button[type=submit]").click()
    page.wait_for_url(re.compile(r".*/meetings/\d+/#actions$"))
    expect(page.locator("#actions-caption")).to_be_visible()
    expect(page.locator("table").first).to_contain_text("Skicka anteckningarna")
    expect(page.locator("table").first).to_contain_text("Overdue")  # its date has passed
    assert not bpage.axe(), describe_violations(bpage.axe())

    with page.expect_download() as info:
        page.locator("a[href$='/calendar.ics']").click()
    download = info.value
    assert download.suggested_filename == "heldag-om-malgruppen.ics"
    with open(download.path(), "rb") as ics:
        calendar = Calendar.from_ical(ics.read())
    (event,) = calendar.walk("VEVENT")
    assert str(event["SUMMARY"]) == "Heldag om målgruppen"
    assert event["DTSTART"].params["TZID"] == "Europe/Stockholm"
    assert event.decoded("DTSTART").hour == 9

    page.locator("form[action$='/done/'] button[type=submit]").click()
    page.wait_for_url(re.compile(r".*/meetings/\d+/#actions$"))
    expect(page.locator("table").first).to_contain_text("Done")

    # In Swedish, the time reads the Swedish way.
    page.context.add_cookies([{"name": "django_language", "value": "sv", "url": bpage.base_url}])
    page.reload()
    expect(page.locator("dd time")).to_have_text("tis 14 jan 2025 09.00–16.00")
    expect(page.locator("table").first).to_contain_text("Klar")
    assert not bpage.axe(), describe_violations(bpage.axe())

    # The calendar address: created, shown to copy, stopped after a confirmation page.
    bpage.goto(reverse("partnerships:meeting_list", kwargs={"key": partnership.key}))
    page.get_by_role("button", name="Skapa en kalenderadress").click()
    address = page.get_by_label("Kalenderadress")
    expect(address).to_have_value(re.compile(r"^http.*/calendar/[\w-]+\.ics$"))
    assert not bpage.axe(), describe_violations(bpage.axe())
    page.get_by_role("link", name="Stäng av adressen").click()
    assert not bpage.axe(), describe_violations(bpage.axe())
    page.get_by_role("button", name="Stäng av adressen").click()
    expect(page.get_by_role("button", name="Skapa en kalenderadress")).to_be_visible()
