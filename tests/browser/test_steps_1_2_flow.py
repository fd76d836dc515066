"""Steps 1 and 2 end to end in a real browser, in Swedish, as an editor: add a candidate and
score it on every criterion with a justification, choose it (it becomes a party), record a
meeting with a contact taking part and a follow-up action, export it as .ics and parse it
(UID, DTSTAMP, Europe/Stockholm), add a glossary term with each party's meaning and then mark
it agreed. Links and buttons are used from the keyboard where a person would; axe finds
nothing on the way."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext
from icalendar import Calendar

from partnerships.candidates import criteria
from partnerships.candidates.models import Candidate
from partnerships.contacts import services as contact_services
from partnerships.meetings.calendar import uid_for
from partnerships.meetings.models import Meeting, MeetingAction
from partnerships.models import GlossaryTerm, Organisation, Party, Role
from tests.factories import (
    MembershipFactory,
    OrganisationFactory,
    PartnershipFactory,
    PartyFactory,
    UserFactory,
)

from .conftest import describe_violations

pytestmark = pytest.mark.browser


def sv(msgid: str, **values: Any) -> str:
    """The Swedish text of a UI string, as the page shows it."""
    with translation.override("sv"):
        text = gettext(msgid)
    return text % values if values else text


def axe_clean(bpage: Any) -> None:
    violations = bpage.axe()
    assert violations == [], f"{bpage.page.url}:\n{describe_violations(violations)}"
    assert not bpage.console_errors, bpage.console_errors


def press(locator: Any, key: str = "Enter") -> None:
    """Reach a control from the keyboard and use it."""
    locator.focus()
    locator.press(key)


def test_an_editor_walks_steps_1_and_2(bpage: Any, transactional_db: Any) -> None:
    from playwright.sync_api import expect

    editor = UserFactory(email="redaktor@example.org", name="Rut Redaktör")
    partnership = PartnershipFactory(title="Unga i jobb (prov)")
    MembershipFactory(user=editor, partnership=partnership, role=Role.EDITOR)
    municipality = OrganisationFactory(
        name="Exempelstads kommun", kind=Organisation.Kind.MUNICIPALITY, created_by=editor
    )
    PartyFactory(
        partnership=partnership, organisation=municipality, part=Party.Part.LEAD_MUNICIPALITY
    )
    OrganisationFactory(
        name="Unga i arbete (exempel)",
        kind=Organisation.Kind.SOCIAL_ENTREPRENEUR,
        created_by=editor,
    )
    contact = contact_services.contact_create(
        partnership=partnership, organisation=municipality, name="Anna Exempel"
    )
    bpage.login(editor)
    page = bpage.page
    key = partnership.key

    # Step 1: a candidate, added from the list with the keyboard.
    bpage.goto(reverse("partnerships:candidate_list", kwargs={"key": key}))
    expect(page.locator("h1")).to_have_text(sv("Candidate partners"))
    axe_clean(bpage)
    press(page.get_by_role("link", name=sv("Add a candidate")))
    page.get_by_label(sv("Organisation")).select_option(label="Unga i arbete (exempel)")
    press(page.get_by_role("button", name=sv("Add the candidate")))
    expect(page.locator("h1")).to_have_text("Unga i arbete (exempel)")
    candidate = Candidate.objects.get(partnership=partnership)

    # Score every criterion of its side, each with why.
    press(page.get_by_role("link", name=sv("Edit and assess")))
    axe_clean(bpage)
    with translation.override("sv"):
        labels = [str(c.label) for c in criteria.criteria_for(candidate.side)]
    for n, label in enumerate(labels):
        page.get_by_label(sv("Score for “%(criterion)s”", criterion=label)).select_option(
            str(5 - n % 3)
        )
        page.get_by_label(sv("Why this score: “%(criterion)s”", criterion=label)).fill(
            f"Skäl nummer {n}: de unga känner dem"
        )
    press(page.get_by_role("button", name=sv("Save"), exact=True))
    expect(page.locator("body")).to_contain_text(
        sv("Assessed on %(assessed)s of %(total)s criteria.", assessed=6, total=6)
    )
    axe_clean(bpage)
    candidate.refresh_from_db()
    assert candidate.fully_assessed
    assert all(a.justification.startswith("Skäl nummer") for a in candidate.assessments)

    # Choose it: a confirmation page, then it is a party.
    press(page.get_by_role("link", name=sv("Choose as partner")))
    axe_clean(bpage)
    press(page.get_by_role("button", name=sv("Choose and make it a party")))
    expect(page.locator("body")).to_contain_text(
        sv(
            "%(organisation)s was chosen and is a party of the partnership.",
            organisation="Unga i arbete (exempel)",
        )
    )
    party = Party.objects.get(partnership=partnership, organisation__name__startswith="Unga i")
    assert party.part == Party.Part.SOCIAL_ENTREPRENEUR
    candidate.refresh_from_db()
    assert candidate.status == Candidate.Status.CHOSEN and candidate.party == party

    # Step 2: a meeting with a member and a contact taking part.
    bpage.goto(reverse("partnerships:meeting_list", kwargs={"key": key}))
    axe_clean(bpage)
    press(page.get_by_role("link", name=sv("Add a meeting")))
    axe_clean(bpage)
    page.locator("#id_kind").select_option("co_creation")
    page.locator("#id_title").fill("Heldag om orden vi använder")
    page.locator("#id_starts_at").fill("2025-03-11T09:00")
    page.locator("#id_ends_at").fill("2025-03-11T16:00")
    page.locator("#id_location").fill("Stadshuset, rum 3")
    page.locator("#id_agenda").fill("1. Deltagare\n2. Uppföljning")
    page.locator(f"input[name=members][value='{editor.pk}']").check()
    page.locator(f"input[name=contacts][value='{contact.pk}']").check()
    press(page.get_by_role("button", name=sv("Save"), exact=True))
    page.wait_for_url(re.compile(r".*/meetings/\d+/$"))
    expect(page.locator("h1")).to_have_text("Heldag om orden vi använder")
    expect(page.locator("dd time")).to_have_text("tis 11 mar 2025 09.00–16.00")
    expect(page.locator("body")).to_contain_text("Anna Exempel")
    axe_clean(bpage)
    meeting = Meeting.objects.get(partnership=partnership)
    assert list(meeting.contacts.all()) == [contact]

    # A follow-up action, its date given in the Swedish way; Enter in the field submits.
    page.locator("#id_action-what").fill("För in orden i ordlistan")
    page.locator("#id_action-owner").select_option(str(editor.pk))
    page.locator("#id_action-due_date").fill("2025-03-18")
    page.locator("#id_action-what").press("Enter")
    page.wait_for_url(re.compile(r".*/meetings/\d+/#actions$"))
    actions = page.locator("table").first
    expect(actions).to_contain_text("För in orden i ordlistan")
    expect(actions).to_contain_text("2025-03-18")
    expect(actions).to_contain_text(sv("Overdue"))  # its date has passed
    action = MeetingAction.objects.get(meeting=meeting)
    assert action.owner == editor and not action.done
    axe_clean(bpage)

    # The meeting as .ics: what Outlook and Google Calendar need to import it.
    with page.expect_download() as info:
        press(page.locator("a[href$='/calendar.ics']"))
    download = info.value
    assert download.suggested_filename == "heldag-om-orden-vi-anvander.ics"
    with open(download.path(), "rb") as ics:
        calendar = Calendar.from_ical(ics.read())
    assert str(calendar["VERSION"]) == "2.0" and calendar.get("PRODID")
    (event,) = calendar.walk("VEVENT")
    meeting.refresh_from_db()
    assert str(event["UID"]) == uid_for(meeting)
    assert event.get("DTSTAMP") is not None
    assert event.decoded("DTSTAMP").utcoffset().total_seconds() == 0  # UTC, as RFC 5545 says
    assert str(event["SUMMARY"]) == "Heldag om orden vi använder"
    assert str(event["LOCATION"]) == "Stadshuset, rum 3"
    for name in ("DTSTART", "DTEND"):
        assert event[name].params["TZID"] == "Europe/Stockholm"
    assert (event.decoded("DTSTART").hour, event.decoded("DTEND").hour) == (9, 16)
    assert [str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")] == ["Europe/Stockholm"]

    # The open actions: the overdue one first, with a way back to its meeting.
    bpage.goto(reverse("partnerships:action_list", kwargs={"key": key}))
    expect(page.locator("table")).to_contain_text("För in orden i ordlistan")
    expect(page.get_by_role("link", name="Heldag om orden vi använder")).to_be_visible()
    axe_clean(bpage)

    # The glossary: a term each party means differently, not agreed yet...
    bpage.goto(reverse("partnerships:glossary_list", kwargs={"key": key}))
    axe_clean(bpage)
    press(page.get_by_role("link", name=sv("Add a term")))
    axe_clean(bpage)
    page.locator("#id_term").fill("deltagare")
    page.get_by_label(sv("Meaning to %(party)s", party="Exempelstads kommun")).fill(
        "Den som har ett beslut om insats."
    )
    page.get_by_label(sv("Meaning to %(party)s", party="Unga i arbete (exempel)")).fill(
        "Den unga vi möter, från första kontakten."
    )
    press(page.get_by_role("button", name=sv("Save"), exact=True))
    page.wait_for_url(re.compile(r".*/glossary/$"))
    row = page.get_by_role("row", name=re.compile("^deltagare"))
    expect(row).to_contain_text("Den som har ett beslut om insats.")
    expect(row).to_contain_text("Den unga vi möter")
    expect(row).to_contain_text(sv("Not yet agreed"))
    axe_clean(bpage)

    # ... then agreed on a shared meaning.
    press(row.get_by_role("link", name=re.compile(sv("Edit"))))
    axe_clean(bpage)
    page.locator("#id_agreed_meaning").fill(
        "En ung person som har sagt ja till stöd, med eller utan beslut."
    )
    page.locator("#id_status").select_option("agreed")
    press(page.get_by_role("button", name=sv("Save"), exact=True))
    page.wait_for_url(re.compile(r".*/glossary/$"))
    row = page.get_by_role("row", name=re.compile("^deltagare"))
    expect(row).to_contain_text(sv("Agreed"))
    expect(row).to_contain_text("En ung person som har sagt ja till stöd")
    term = GlossaryTerm.objects.get(partnership=partnership, term="deltagare")
    assert term.is_agreed and len(set(term.meanings.values())) == 2

    # The overview counts it all for steps 1 and 2.
    bpage.goto(reverse("partnerships:overview", kwargs={"key": key}))
    steps = page.locator("li.step-card")
    for number in (0, 1):
        expect(steps.nth(number).locator("ul.check-list li").first).to_be_visible()
        expect(steps.nth(number)).not_to_contain_text(
            sv("The records for this step are not available in Samverkan yet.")
        )
    expect(steps.nth(1)).to_contain_text(sv("The shared glossary has at least one agreed term"))
    expect(steps.nth(1).locator("li.passed")).to_contain_text(
        [sv("The shared glossary has at least one agreed term")]
    )
    axe_clean(bpage)
