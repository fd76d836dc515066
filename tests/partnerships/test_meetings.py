"""Meetings, follow-up actions and calendar export (step 2)."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation
from icalendar import Calendar

from partnerships.concurrency import EditConflict
from partnerships.meetings import selectors, services
from partnerships.meetings.calendar import ascii_filename
from partnerships.meetings.display import when_label
from partnerships.meetings.models import Meeting, MeetingAction
from partnerships.models import Contact, Role
from partnerships.steps import evaluate_steps
from tests.factories import (
    MembershipFactory,
    OrganisationFactory,
    PartnershipFactory,
    UserFactory,
)

pytestmark = pytest.mark.usefixtures("english")

STOCKHOLM = ZoneInfo("Europe/Stockholm")


def url(name: str, world: Any, **kwargs: Any) -> str:
    return reverse(f"partnerships:{name}", kwargs={"key": world.partnership.key, **kwargs})


def at(*args: int) -> datetime:
    return datetime(*args, tzinfo=STOCKHOLM)  # type: ignore[misc]


def make_meeting(partnership: Any, **fields: Any) -> Meeting:
    values: dict[str, Any] = {
        "kind": "co_creation",
        "title": "Heldag om visionen",
        "starts_at": at(2025, 1, 14, 9, 0),
        "ends_at": at(2025, 1, 14, 16, 0),
    }
    values.update(fields)
    return services.meeting_create(partnership=partnership, **values)


def contact_of(partnership: Any, name: str = "Anna Andersson") -> Contact:
    return Contact.objects.create(
        partnership=partnership, organisation=OrganisationFactory(), name=name
    )


def form_data(meeting: Meeting | None = None, **changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "kind": "co_creation",
        "title": "Heldag om målgruppen",
        "starts_at": "2025-01-14T09:00",
        "ends_at": "2025-01-14T16:00",
        "mode": "physical",
        "location": "Stadshuset, rum 3",
        "online_link": "",
        "agenda": "",
        "notes": "",
        "decisions": "",
    }
    if meeting is not None:
        data.update(
            {
                "kind": meeting.kind,
                "title": meeting.title,
                "starts_at": meeting.starts_local.strftime("%Y-%m-%dT%H:%M"),
                "ends_at": timezone.localtime(meeting.ends_at, STOCKHOLM).strftime(
                    "%Y-%m-%dT%H:%M"
                ),
                "mode": meeting.mode,
                "location": meeting.location,
                "agenda": meeting.agenda,
                "notes": meeting.notes,
                "decisions": meeting.decisions,
                "members": [u.pk for u in meeting.members.all()],
                "contacts": [c.pk for c in meeting.contacts.all()],
                "version_seen": meeting.version,
            }
        )
    data.update(changes)
    return data


# Time in Swedish ---------------------------------------------------------------------------


def test_the_time_reads_the_swedish_way() -> None:
    with translation.override("sv"):
        assert when_label(at(2025, 1, 14, 9, 0), at(2025, 1, 14, 16, 0)) == (
            "tis 14 jan 2025 09.00–16.00"
        )
        # Given in UTC, shown in Swedish time (summer time: +2).
        utc = datetime(2025, 6, 10, 7, 30, tzinfo=ZoneInfo("UTC"))
        assert when_label(utc, utc + timedelta(hours=1)) == "tis 10 jun 2025 09.30–10.30"
        assert when_label(at(2025, 3, 3, 13, 0), at(2025, 3, 4, 12, 0)) == (
            "mån 3 mar 2025 13.00 – tis 4 mar 2025 12.00"
        )


def test_the_meeting_form_takes_swedish_local_time(client: Any, world: Any) -> None:
    client.force_login(world.users["editor"])
    response = client.post(url("meeting_create", world), form_data(title="Kick-off"))
    assert response.status_code == 302
    meeting = Meeting.objects.get(title="Kick-off")
    assert meeting.starts_at == at(2025, 1, 14, 9, 0)
    assert meeting.starts_at.astimezone(ZoneInfo("UTC")).hour == 8  # winter time: UTC+1
    page = client.get(url("meeting_list", world)).content.decode()
    assert "Kick-off" in page


# Participants ------------------------------------------------------------------------------


def test_participants_must_be_members_and_contacts_of_this_partnership(world: Any) -> None:
    other = PartnershipFactory()
    foreign_contact = contact_of(other, "Utomstående")
    own_contact = contact_of(world.partnership)
    with pytest.raises(ValidationError) as refused:
        make_meeting(world.partnership, contacts=[foreign_contact])
    assert "Only contacts of this partnership" in str(refused.value)
    with pytest.raises(ValidationError) as refused:
        make_meeting(world.partnership, members=[world.users["outsider"]])
    assert "Only members of this partnership" in str(refused.value)
    meeting = make_meeting(
        world.partnership, members=[world.users["viewer"]], contacts=[own_contact]
    )
    assert list(meeting.contacts.all()) == [own_contact]
    with pytest.raises(ValidationError):
        services.meeting_update(
            meeting=meeting, expected_version=meeting.version, contacts=[foreign_contact]
        )


def test_the_form_refuses_another_partnerships_contact_clearly(client: Any, world: Any) -> None:
    foreign_contact = contact_of(PartnershipFactory(), "Utomstående")
    client.force_login(world.users["editor"])
    response = client.post(
        url("meeting_create", world), form_data(title="Ny träff", contacts=[foreign_contact.pk])
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "Only contacts of this partnership can be chosen as participants" in page
    assert not Meeting.objects.filter(partnership=world.partnership, title="Ny träff")
    # With contacts of its own to choose from, the message stands at the field, once.
    own = contact_of(world.partnership, "Egen Kontakt")
    response = client.post(
        url("meeting_create", world), form_data(contacts=[own.pk, foreign_contact.pk])
    )
    assert response.status_code == 400
    assert response.content.decode().count("Only contacts of this partnership") == 1
    # A user who is not a member is refused too.
    response = client.post(
        url("meeting_create", world), form_data(members=[world.users["outsider"].pk])
    )
    assert response.status_code == 400
    assert "Only members of this partnership" in response.content.decode()


def test_the_form_offers_only_this_partnerships_members_and_contacts(
    client: Any, world: Any
) -> None:
    contact_of(world.partnership, "Egen Kontakt")
    contact_of(PartnershipFactory(), "Främmande Kontakt")
    client.force_login(world.users["editor"])
    page = client.get(url("meeting_create", world)).content.decode()
    assert "Egen Kontakt" in page
    assert "Främmande Kontakt" not in page
    assert "outsider@example.org" not in page


def test_a_member_who_left_and_a_removed_contact_stay_on_the_meeting_when_it_is_edited(
    client: Any, world: Any
) -> None:
    leaving = MembershipFactory(
        partnership=world.partnership, role=Role.EDITOR, user=UserFactory(name="Lena Lämnar")
    )
    contact = contact_of(world.partnership, "Karl Kontakt")
    meeting = make_meeting(world.partnership, members=[leaving.user], contacts=[contact])
    action = services.meeting_action_create(meeting=meeting, what="Boka", owner=leaving.user)
    leaving.delete()
    Contact.objects.filter(pk=contact.pk).update(removed_at=timezone.now())
    client.force_login(world.users["editor"])
    response = client.post(
        url("meeting_edit", world, pk=meeting.pk), form_data(meeting, notes="Ny anteckning")
    )
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert list(meeting.members.all()) == [leaving.user]
    assert list(Contact.all_objects.filter(meetings=meeting)) == [contact]
    edited = client.post(
        url("action_edit", world, pk=action.pk),
        {"what": "Boka lokal", "owner": leaving.user.pk, "version_seen": action.version},
    )
    assert edited.status_code == 302
    action.refresh_from_db()
    assert action.owner == leaving.user
    # ... but no one who left can be added anew.
    other = make_meeting(world.partnership, title="Nästa")
    with pytest.raises(ValidationError):
        services.meeting_update(
            meeting=other, expected_version=other.version, members=[leaving.user]
        )


def test_a_meeting_cannot_end_before_it_starts(world: Any) -> None:
    with pytest.raises(ValidationError):
        make_meeting(world.partnership, ends_at=at(2025, 1, 14, 8, 0))


# Actions -------------------------------------------------------------------------------------


def test_open_actions_overdue_first_then_by_due_date(world: Any) -> None:
    today = date(2025, 3, 10)
    partnership = PartnershipFactory()
    meeting = make_meeting(partnership)
    later = make_meeting(partnership, title="Andra mötet")

    def add(what: str, due: date | None, on: Meeting = meeting) -> MeetingAction:
        return services.meeting_action_create(meeting=on, what=what, due_date=due)

    add("Utan datum", None)
    add("Nästa vecka", date(2025, 3, 17))
    add("Länge sedan", date(2025, 1, 2), later)
    add("I dag", today)
    add("I går", date(2025, 3, 9))
    done = add("Klar", date(2025, 1, 1))
    services.meeting_action_set_done(action=done, done=True)
    gone = add("På borttaget möte", date(2025, 1, 1), make_meeting(partnership, title="X"))
    services.meeting_remove(meeting=gone.meeting)
    order = [a.what for a in selectors.open_actions(partnership, today)]
    assert order == ["Länge sedan", "I går", "I dag", "Nästa vecka", "Utan datum"]
    counts = selectors.action_counts(partnership, today)
    assert (counts.open, counts.overdue) == (5, 2)


def test_the_open_actions_page_says_overdue_in_words(client: Any, world: Any) -> None:
    meeting = make_meeting(world.partnership)
    services.meeting_action_create(
        meeting=meeting, what="Skicka protokollet", due_date=timezone.localdate() - timedelta(1)
    )
    services.meeting_action_create(
        meeting=meeting, what="Boka nästa träff", due_date=timezone.localdate() + timedelta(7)
    )
    client.force_login(world.users["viewer"])
    page = client.get(url("action_list", world)).content.decode()
    assert page.index("Skicka protokollet") < page.index("Boka nästa träff")
    assert page.count(">Overdue<") == 1
    assert "Mark done" not in page  # a viewer reads only


def test_actions_are_added_edited_and_marked_done_without_javascript(
    client: Any, world: Any
) -> None:
    meeting = make_meeting(world.partnership)
    client.force_login(world.users["editor"])
    response = client.post(
        url("action_add", world, pk=meeting.pk),
        {
            "action-what": "Ta fram en tidsplan",
            "action-owner": world.users["owner"].pk,
            "action-owner_name": "",
            "action-due_date": "2025-02-01",
        },
    )
    assert response.status_code == 302
    action = MeetingAction.objects.get(what="Ta fram en tidsplan")
    assert action.owner == world.users["owner"] and action.partnership == world.partnership
    # The owner must be a member: an outsider is refused with a message, nothing saved.
    refused = client.post(
        url("action_add", world, pk=meeting.pk),
        {"action-what": "Något", "action-owner": world.users["outsider"].pk},
    )
    assert refused.status_code == 400
    assert "The owner must be a member of this partnership" in refused.content.decode()
    assert client.post(url("action_done", world, pk=action.pk)).status_code == 302
    action.refresh_from_db()
    assert action.done and action.done_at is not None
    client.post(url("action_done", world, pk=action.pk), {"done": "0"})
    action.refresh_from_db()
    assert not action.done and action.done_at is None
    edited = client.post(
        url("action_edit", world, pk=action.pk),
        {
            "what": "Ta fram en tidsplan för våren",
            "owner": "",
            "owner_name": "Kim på Right By Me",
            "due_date": "2025-02-15",
            "done": "on",
            "version_seen": action.version,
        },
    )
    assert edited.status_code == 302
    action.refresh_from_db()
    assert action.owner_label == "Kim på Right By Me" and action.done
    page = client.get(url("meeting_detail", world, pk=meeting.pk)).content.decode()
    assert "Ta fram en tidsplan för våren" in page and "Kim på Right By Me" in page


def test_deleting_an_action_asks_first_and_it_comes_back_from_history(
    client: Any, world: Any
) -> None:
    from partnerships.restore import history_restore

    meeting = make_meeting(world.partnership)
    action = services.meeting_action_create(meeting=meeting, what="Ring kommunen")
    client.force_login(world.users["editor"])
    assert client.get(url("action_delete", world, pk=action.pk)).status_code == 200
    assert MeetingAction.objects.filter(pk=action.pk).exists()
    assert client.post(url("action_delete", world, pk=action.pk)).status_code == 302
    assert not MeetingAction.objects.filter(pk=action.pk).exists()
    deletion = MeetingAction.history.get(id=action.pk, history_type="-")
    history_restore(
        partnership=world.partnership,
        model_label="partnerships.meetingaction",
        history_id=deletion.history_id,
        user=world.users["editor"],
    )
    back = MeetingAction.objects.get(pk=action.pk)
    assert (back.what, back.meeting_id) == ("Ring kommunen", meeting.pk)


def test_an_earlier_version_of_a_meeting_comes_back_with_its_participants(world: Any) -> None:
    from partnerships.restore import history_restore

    meeting = make_meeting(world.partnership, members=[world.users["editor"]], notes="Först")
    first = meeting.history.filter(version=1).order_by("-history_id").first()
    services.meeting_update(
        meeting=meeting,
        expected_version=meeting.version,
        notes="Sedan",
        members=[world.users["owner"]],
    )
    history_restore(
        partnership=world.partnership,
        model_label="partnerships.meeting",
        history_id=first.history_id,
        user=world.users["owner"],
    )
    meeting.refresh_from_db()
    assert meeting.notes == "Först"
    assert list(meeting.members.all()) == [world.users["editor"]]


# Edit conflicts, removal and restore -------------------------------------------------------


def test_two_people_editing_merge_and_only_a_field_both_changed_conflicts(
    client: Any, world: Any
) -> None:
    meeting = make_meeting(world.partnership, members=[world.users["editor"]])
    opened = form_data(meeting)
    client.force_login(world.users["editor"])
    first = client.post(url("meeting_edit", world, pk=meeting.pk), {**opened, "notes": "Bra dag"})
    assert first.status_code == 302
    client.force_login(world.users["owner"])
    second = client.post(
        url("meeting_edit", world, pk=meeting.pk),
        {**opened, "members": [world.users["editor"].pk, world.users["owner"].pk]},
    )
    assert second.status_code == 302
    meeting.refresh_from_db()
    assert meeting.notes == "Bra dag"
    assert set(meeting.members.all()) == {world.users["editor"], world.users["owner"]}
    client.force_login(world.users["facilitator"])
    third = client.post(url("meeting_edit", world, pk=meeting.pk), {**opened, "notes": "Lång dag"})
    assert third.status_code == 200
    assert [c.name for c in third.context["form"].conflict] == ["notes"]
    meeting.refresh_from_db()
    assert meeting.notes == "Bra dag"
    with pytest.raises(EditConflict):
        services.meeting_update(meeting=meeting, expected_version=1, notes="Annan text")


def test_remove_asks_first_then_restore_brings_it_back_with_its_actions(
    client: Any, world: Any
) -> None:
    meeting = make_meeting(world.partnership, title="Träff om roller")
    services.meeting_action_create(meeting=meeting, what="Skriv planen")
    client.force_login(world.users["editor"])
    confirm = client.get(url("meeting_delete", world, pk=meeting.pk))
    assert confirm.status_code == 200 and "Removed meetings" in confirm.content.decode()
    assert client.post(url("meeting_delete", world, pk=meeting.pk)).status_code == 302
    assert not Meeting.objects.filter(pk=meeting.pk).exists()
    assert client.get(url("meeting_detail", world, pk=meeting.pk)).status_code == 404
    assert "Skriv planen" not in client.get(url("action_list", world)).content.decode()
    page = client.get(url("meeting_list", world)).content.decode()
    assert url("meeting_restore", world, pk=meeting.pk) in page
    history = client.get(url("history", world)).content.decode()
    assert url("meeting_restore", world, pk=meeting.pk) in history
    assert client.post(url("meeting_restore", world, pk=meeting.pk)).status_code == 302
    assert Meeting.objects.filter(pk=meeting.pk).exists()
    assert "Skriv planen" in client.get(url("action_list", world)).content.decode()


# Access --------------------------------------------------------------------------------------


def test_outsiders_get_404_everywhere_and_records_of_another_partnership_are_not_found(
    client: Any, world: Any
) -> None:
    meeting = make_meeting(world.partnership)
    action = services.meeting_action_create(meeting=meeting, what="X")
    client.force_login(world.users["outsider"])
    for name, kwargs in [
        ("meeting_list", {}),
        ("action_list", {}),
        ("meeting_create", {}),
        ("meeting_detail", {"pk": meeting.pk}),
        ("meeting_edit", {"pk": meeting.pk}),
        ("meeting_delete", {"pk": meeting.pk}),
        ("meeting_ics", {"pk": meeting.pk}),
        ("action_edit", {"pk": action.pk}),
        ("action_delete", {"pk": action.pk}),
        ("calendar_feed_revoke", {}),
    ]:
        assert client.get(url(name, world, **kwargs)).status_code == 404, name
    for name, kwargs in [
        ("action_done", {"pk": action.pk}),
        ("action_add", {"pk": meeting.pk}),
        ("calendar_feed_create", {}),
        ("meeting_restore", {"pk": meeting.pk}),
    ]:
        assert client.post(url(name, world, **kwargs)).status_code == 404, name
    # A member of another partnership cannot reach this one's records through their own key.
    other = PartnershipFactory()
    MembershipFactory(partnership=other, user=world.users["outsider"], role=Role.OWNER)
    key = other.key
    for name in ("meeting_detail", "meeting_edit", "meeting_ics"):
        path = reverse(f"partnerships:{name}", kwargs={"key": key, "pk": meeting.pk})
        assert client.get(path).status_code == 404
    path = reverse("partnerships:action_done", kwargs={"key": key, "pk": action.pk})
    assert client.post(path).status_code == 404
    action.refresh_from_db()
    assert not action.done


def test_a_viewer_reads_but_cannot_write_nor_see_the_feed_address(client: Any, world: Any) -> None:
    feed = services.calendar_feed_create(partnership=world.partnership, user=None)
    client.force_login(world.users["viewer"])
    page = client.get(url("meeting_list", world)).content.decode()
    assert feed.token not in page
    assert client.get(url("meeting_create", world)).status_code == 403
    assert client.post(url("calendar_feed_create", world)).status_code == 403


# Calendar export ---------------------------------------------------------------------------


def parse(body: bytes) -> Calendar:
    return Calendar.from_ical(body)


def test_one_meeting_as_ics_imports_with_the_fields_calendars_need(client: Any, world: Any) -> None:
    meeting = make_meeting(
        world.partnership,
        title="Heldag: målgruppen & behoven",
        location="Stadshuset, Eskilstuna",
        agenda="1. Vilka unga?\n2. Vad behöver de?",
    )
    services.meeting_update(meeting=meeting, expected_version=1, notes="Anteckningar")
    meeting.refresh_from_db()
    client.force_login(world.users["viewer"])
    response = client.get(url("meeting_ics", world, pk=meeting.pk))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    disposition = response["Content-Disposition"]
    assert disposition == 'attachment; filename="heldag-malgruppen-behoven.ics"'
    assert disposition.isascii()
    calendar = parse(response.content)
    assert str(calendar["VERSION"]) == "2.0"
    assert str(calendar["PRODID"]).startswith("-//Samverkan")
    assert str(calendar["CALSCALE"]) == "GREGORIAN"
    assert str(calendar["METHOD"]) == "PUBLISH"
    assert str(calendar["X-WR-CALNAME"]) == world.partnership.title
    assert [tz["TZID"] for tz in calendar.walk("VTIMEZONE")] == ["Europe/Stockholm"]
    (event,) = calendar.walk("VEVENT")
    assert str(event["UID"]) == f"meeting-{meeting.uid}@127.0.0.1" or str(event["UID"]).startswith(
        f"meeting-{meeting.uid}@"
    )
    assert event["DTSTART"].params["TZID"] == "Europe/Stockholm"
    assert event.decoded("DTSTART").replace(tzinfo=None) == datetime(2025, 1, 14, 9, 0)
    assert event.decoded("DTSTART") == at(2025, 1, 14, 9, 0)
    assert event.decoded("DTEND") == at(2025, 1, 14, 16, 0)
    assert event.decoded("DTSTAMP").utcoffset() == timedelta(0)
    assert str(event["SUMMARY"]) == "Heldag: målgruppen & behoven"
    assert str(event["LOCATION"]) == "Stadshuset, Eskilstuna"
    assert str(event["DESCRIPTION"]) == "1. Vilka unga?\n2. Vad behöver de?"
    assert str(event["URL"]).endswith(url("meeting_detail", world, pk=meeting.pk))
    assert str(event["URL"]).startswith("http")
    assert int(event["SEQUENCE"]) == 1  # the second version
    assert event.decoded("LAST-MODIFIED") == meeting.updated_at.replace(microsecond=0)


def test_the_feed_is_public_by_secret_and_a_revoked_or_unknown_token_is_404(
    client: Any, world: Any
) -> None:
    summer = make_meeting(
        world.partnership,
        title="Midsommarträff",
        starts_at=at(2025, 6, 17, 13, 0),
        ends_at=at(2025, 6, 17, 15, 0),
    )
    winter = make_meeting(world.partnership, title="Vinterträff")
    client.force_login(world.users["editor"])
    assert client.post(url("calendar_feed_create", world)).status_code == 302
    page = client.get(url("meeting_list", world)).content.decode()
    feed = selectors.active_feed(world.partnership)
    assert feed is not None
    feed_path = reverse("partnerships:calendar_feed", kwargs={"token": feed.token})
    assert feed_path in page  # the editor sees the address to copy
    client.logout()
    response = client.get(feed_path)  # no sign-in: the token is the credential
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    events = {str(e["SUMMARY"]): e for e in parse(response.content).walk("VEVENT")}
    assert set(events) >= {"Midsommarträff", "Vinterträff", "Heldag om målgruppen"}
    assert events["Midsommarträff"].decoded("DTSTART") == at(2025, 6, 17, 13, 0)
    assert str(events["Midsommarträff"]["UID"]) != str(events["Vinterträff"]["UID"])
    # A removed meeting leaves the feed; restored, it comes back with the same UID.
    uid = str(events["Vinterträff"]["UID"])
    services.meeting_remove(meeting=winter)
    summaries = [str(e["SUMMARY"]) for e in parse(client.get(feed_path).content).walk("VEVENT")]
    assert "Vinterträff" not in summaries and "Midsommarträff" in summaries
    services.meeting_restore(meeting=winter)
    again = {str(e["SUMMARY"]): e for e in parse(client.get(feed_path).content).walk("VEVENT")}
    assert str(again["Vinterträff"]["UID"]) == uid
    assert int(again["Vinterträff"]["SEQUENCE"]) > int(events["Vinterträff"]["SEQUENCE"])
    # Revoked (after a confirmation page): 404. A new address is a different one.
    client.force_login(world.users["editor"])
    assert client.get(url("calendar_feed_revoke", world)).status_code == 200
    assert client.get(feed_path).status_code == 200  # the GET asked only
    assert client.post(url("calendar_feed_revoke", world)).status_code == 302
    client.logout()
    assert client.get(feed_path).status_code == 404
    assert client.get(feed_path.replace(feed.token, "not-a-token")).status_code == 404
    services.calendar_feed_create(partnership=world.partnership, user=None)
    new = selectors.active_feed(world.partnership)
    assert new is not None and new.token != feed.token
    assert client.get(feed_path).status_code == 404
    assert summer.pk


def test_creating_a_new_feed_revokes_the_old_one(world: Any) -> None:
    first = services.calendar_feed_create(partnership=world.partnership, user=None)
    second = services.calendar_feed_create(partnership=world.partnership, user=None)
    first.refresh_from_db()
    assert first.revoked_at is not None and second.revoked_at is None
    assert selectors.feed_by_token(first.token) is None
    assert selectors.feed_by_token(second.token) == second


def test_the_ascii_file_name() -> None:
    assert ascii_filename("Träff om målgruppen – Årby") == "traff-om-malgruppen-arby.ics"
    assert ascii_filename("???") == "meeting.ics"
    assert ascii_filename('a"; b\r\nc') == "a-b-c.ics"


# Step 2 and the overview -------------------------------------------------------------------


def step2_checks(partnership: Any) -> dict[str, bool]:
    step = next(s for s in evaluate_steps(partnership) if s.number == 2)
    return {str(c.label): c.passed for c in step.checks}


HELD = "A kick-off or co-creation workshop has been held, with notes"
NONE_OVERDUE = "No follow-up action from the meetings is overdue"


def test_step_2_checks_from_the_meetings(world: Any) -> None:
    partnership = PartnershipFactory()
    assert step2_checks(partnership)[HELD] is False
    assert step2_checks(partnership)[NONE_OVERDUE] is True
    now = timezone.now()
    # Planned for next week, or held without notes, or an informal one: not yet.
    make_meeting(
        partnership,
        starts_at=now + timedelta(days=7),
        ends_at=now + timedelta(days=7, hours=2),
        notes="Förberett",
    )
    make_meeting(partnership, notes="")
    make_meeting(partnership, kind="informal", notes="Fika")
    assert step2_checks(partnership)[HELD] is False
    held = make_meeting(partnership, kind="kick_off", notes="Vi lärde känna varandra")
    assert step2_checks(partnership)[HELD] is True
    services.meeting_remove(meeting=held)
    assert step2_checks(partnership)[HELD] is False
    services.meeting_restore(meeting=held)
    action = services.meeting_action_create(
        meeting=held, what="Sammanfatta", due_date=timezone.localdate() - timedelta(days=1)
    )
    assert step2_checks(partnership)[NONE_OVERDUE] is False
    services.meeting_action_set_done(action=action, done=True)
    assert step2_checks(partnership)[NONE_OVERDUE] is True


def test_the_overview_counts_open_and_overdue_actions(client: Any, world: Any) -> None:
    meeting = make_meeting(world.partnership)
    yesterday = timezone.localdate() - timedelta(days=1)
    services.meeting_action_create(meeting=meeting, what="A", due_date=yesterday)
    services.meeting_action_create(meeting=meeting, what="B")
    client.force_login(world.users["viewer"])
    page = client.get(url("overview", world)).content.decode()
    # The world's meeting has one open action without a date already.
    assert "3 open follow-up actions" in page and "1 overdue" in page
    assert url("action_list", world) in page


# Query counts --------------------------------------------------------------------------------


def _partnership_with(meetings: int) -> tuple[Any, Any, str]:
    owner = UserFactory()
    partnership = PartnershipFactory()
    MembershipFactory(user=owner, partnership=partnership, role=Role.OWNER)
    contact = contact_of(partnership)
    start = timezone.now() - timedelta(days=meetings)
    for n in range(meetings):
        meeting = make_meeting(
            partnership,
            title=f"Möte {n}",
            starts_at=start + timedelta(days=2 * n),
            ends_at=start + timedelta(days=2 * n, hours=2),
            members=[owner],
            contacts=[contact],
        )
        services.meeting_action_create(
            meeting=meeting, what=f"Uppgift {n}", owner=owner, due_date=date(2025, 1, 1 + n)
        )
    feed = services.calendar_feed_create(partnership=partnership, user=owner)
    return owner, partnership, feed.token


@pytest.mark.parametrize("page", ["meeting_list", "action_list", "overview", "feed"])
def test_pages_cost_the_same_for_3_and_15_meetings(page: str, client: Any, db: Any) -> None:
    counts = {}
    for size in (3, 15):
        owner, partnership, token = _partnership_with(size)
        client.force_login(owner)
        if page == "feed":
            client.logout()  # calendar apps do not sign in
            path = reverse("partnerships:calendar_feed", kwargs={"token": token})
        else:
            path = reverse(f"partnerships:{page}", kwargs={"key": partnership.key})
        assert client.get(path).status_code == 200
        with CaptureQueriesContext(connection) as captured:
            body = client.get(path).content
        counts[size] = len([q for q in captured.captured_queries if "SAVEPOINT" not in q["sql"]])
        if page != "overview":
            assert f"Möte {size - 1}".encode() in body or b"Uppgift" in body
    assert counts[3] == counts[15], f"{page}: {counts[3]} queries for 3, {counts[15]} for 15"
    if page == "feed":
        assert counts[3] == 2  # the feed with its partnership, and the meetings
