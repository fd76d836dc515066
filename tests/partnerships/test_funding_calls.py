"""Funding calls: the rules, the pages, the merge, soft removal, and deadlines that stand out."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from partnerships import selectors, services
from partnerships.concurrency import EditConflict
from partnerships.forms import FundingCallForm
from partnerships.models import FundingCall
from partnerships.selectors import funding_deadlines_soon
from tests.factories import FundingCallFactory, MembershipFactory, PartnershipFactory

pytestmark = pytest.mark.usefixtures("english")


def url(name: str, world: Any, **kwargs: Any) -> str:
    return reverse(f"partnerships:{name}", kwargs={"key": world.partnership.key, **kwargs})


def form_data(call: FundingCall | None = None, **changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "funder": "ESF-rådet",
        "title": "Unga utanför arbetsmarknaden",
        "url": "",
        "deadline": "",
        "status": "watching",
        "amount_min": "",
        "amount_max": "",
        "co_financing_percent": "",
        "notes": "",
    }
    if call is not None:
        data.update(
            {
                "funder": call.funder,
                "title": call.title,
                "deadline": call.deadline.isoformat() if call.deadline else "",
                "status": call.status,
                "version_seen": call.version,
            }
        )
    data.update(changes)
    return data


# The rules, in the services ----------------------------------------------------------------


def test_create_refuses_a_smallest_amount_above_the_largest(world: Any) -> None:
    with pytest.raises(ValidationError) as refused:
        services.funding_call_create(
            partnership=world.partnership,
            funder="Vinnova",
            title="Innovation",
            amount_min=2_000_000,
            amount_max=1_000_000,
        )
    assert "amount_max" in refused.value.message_dict
    assert not FundingCall.objects.filter(title="Innovation").exists()


@pytest.mark.parametrize("share", [Decimal("-1"), Decimal("100.01"), Decimal("150")])
def test_create_refuses_a_share_outside_0_to_100(world: Any, share: Decimal) -> None:
    with pytest.raises(ValidationError) as refused:
        services.funding_call_create(
            partnership=world.partnership,
            funder="Vinnova",
            title="Innovation",
            co_financing_percent=share,
        )
    assert "co_financing_percent" in refused.value.message_dict


@pytest.mark.parametrize("share", [Decimal("0"), Decimal("33.5"), Decimal("100")])
def test_create_accepts_a_share_from_0_to_100_and_equal_amounts(world: Any, share: Decimal) -> None:
    call = services.funding_call_create(
        partnership=world.partnership,
        funder="Vinnova",
        title="Innovation",
        amount_min=500_000,
        amount_max=500_000,
        co_financing_percent=share,
    )
    assert call.co_financing_percent == share
    assert call.amount_label == "500\u00a0000 kr"


def test_update_refuses_a_range_turned_upside_down(world: Any) -> None:
    call = FundingCallFactory(partnership=world.partnership, amount_min=100, amount_max=200)
    with pytest.raises(ValidationError):
        services.funding_call_update(call=call, expected_version=call.version, amount_min=300)
    call.refresh_from_db()
    assert call.amount_min == 100


def test_services_refuse_fields_people_do_not_edit(world: Any) -> None:
    with pytest.raises(TypeError):
        services.funding_call_create(
            partnership=world.partnership, funder="X", title="Y", removed_at=timezone.now()
        )


# Forms: Swedish numbers ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "amount"),
    [
        ("1 500 000", 1_500_000),
        ("1\u00a0500\u00a0000", 1_500_000),
        ("1500000 kr", 1_500_000),
        ("250 000:-", 250_000),
        ("3 000 000 SEK", 3_000_000),
    ],
)
def test_amounts_are_read_as_swedes_write_them(written: str, amount: int, world: Any) -> None:
    form = FundingCallForm(
        form_data(amount_min=written), instance=FundingCall(partnership=world.partnership)
    )
    assert form.is_valid(), form.errors
    assert form.cleaned_data["amount_min"] == amount


@pytest.mark.parametrize(("written", "share"), [("12,5", "12.5"), ("12.5 %", "12.5"), ("40", "40")])
def test_a_share_takes_a_decimal_comma_and_a_percent_sign(
    written: str, share: str, world: Any
) -> None:
    form = FundingCallForm(
        form_data(co_financing_percent=written),
        instance=FundingCall(partnership=world.partnership),
    )
    assert form.is_valid(), form.errors
    assert form.cleaned_data["co_financing_percent"] == Decimal(share)


def test_form_explains_bad_amounts_and_shares(world: Any) -> None:
    form = FundingCallForm(
        form_data(amount_min="2 000 000", amount_max="1 000 000", co_financing_percent="120"),
        instance=FundingCall(partnership=world.partnership),
    )
    assert not form.is_valid()
    assert "amount_max" in form.errors
    assert "co_financing_percent" in form.errors
    bad = FundingCallForm(
        form_data(amount_min="en miljon"), instance=FundingCall(partnership=world.partnership)
    )
    assert not bad.is_valid()
    assert "amount_min" in bad.errors


# Pages ---------------------------------------------------------------------------------------


def test_editor_adds_a_call_with_swedish_amounts(client: Any, world: Any) -> None:
    client.force_login(world.users["editor"])
    response = client.post(
        url("funding_create", world),
        form_data(
            deadline="2027-03-01",
            amount_min="1 500 000",
            amount_max="3 000 000",
            co_financing_percent="25",
        ),
    )
    assert response.status_code == 302
    call = FundingCall.objects.get(title="Unga utanför arbetsmarknaden")
    assert (call.amount_min, call.amount_max) == (1_500_000, 3_000_000)
    page = client.get(url("funding_list", world)).content.decode()
    assert "1\u00a0500\u00a0000–3\u00a0000\u00a0000 kr" in page
    assert "<caption>" in page


def test_list_is_sorted_by_deadline_and_says_which_are_past(client: Any, world: Any) -> None:
    today = timezone.localdate()
    FundingCallFactory(partnership=world.partnership, title="Later", deadline=today + timedelta(90))
    FundingCallFactory(partnership=world.partnership, title="Gone", deadline=today - timedelta(3))
    FundingCallFactory(partnership=world.partnership, title="Soon", deadline=today + timedelta(5))
    client.force_login(world.users["viewer"])
    page = client.get(url("funding_list", world)).content.decode()
    assert page.index("Gone") < page.index("Soon") < page.index("Later")
    gone_row = page[page.index("Gone") - 400 : page.index("Gone")]
    assert "Past" in gone_row
    assert "5 days left" in page
    # A viewer reads the list and is offered no edits.
    assert url("funding_create", world) not in page


def test_viewer_cannot_add_edit_or_remove(client: Any, world: Any) -> None:
    call = FundingCallFactory(partnership=world.partnership)
    client.force_login(world.users["viewer"])
    assert client.post(url("funding_create", world), form_data()).status_code == 403
    assert client.post(url("funding_edit", world, pk=call.pk), form_data(call)).status_code == 403
    assert client.post(url("funding_delete", world, pk=call.pk)).status_code == 403
    assert FundingCall.objects.filter(pk=call.pk).exists()


def test_outsider_gets_404_and_a_call_of_another_partnership_is_not_found(
    client: Any, world: Any
) -> None:
    call = FundingCallFactory(partnership=world.partnership)
    client.force_login(world.users["outsider"])
    assert client.get(url("funding_list", world)).status_code == 404
    assert client.get(url("funding_edit", world, pk=call.pk)).status_code == 404
    other = FundingCallFactory(partnership=PartnershipFactory())
    client.force_login(world.users["editor"])
    assert client.get(url("funding_edit", world, pk=other.pk)).status_code == 404


def test_two_people_editing_merge_and_only_a_field_both_changed_conflicts(
    client: Any, world: Any
) -> None:
    call = FundingCallFactory(partnership=world.partnership, title="Start", notes="")
    opened = form_data(call)
    client.force_login(world.users["editor"])
    first = client.post(url("funding_edit", world, pk=call.pk), {**opened, "notes": "Ring Vinnova"})
    assert first.status_code == 302
    # The owner changed the status only: merged, the editor's notes kept.
    client.force_login(world.users["owner"])
    second = client.post(url("funding_edit", world, pk=call.pk), {**opened, "status": "applying"})
    assert second.status_code == 302
    call.refresh_from_db()
    assert (call.notes, call.status) == ("Ring Vinnova", "applying")
    # The facilitator changed the notes too, differently: a conflict, nothing saved.
    client.force_login(world.users["facilitator"])
    third = client.post(url("funding_edit", world, pk=call.pk), {**opened, "notes": "Mejla ESF"})
    assert third.status_code == 200
    assert [conflict.name for conflict in third.context["form"].conflict] == ["notes"]
    page = third.content.decode()
    assert "Ring Vinnova" in page and "Mejla ESF" in page  # both, side by side
    call.refresh_from_db()
    assert call.notes == "Ring Vinnova"
    client.force_login(world.users["editor"])
    services.funding_call_update(call=call, expected_version=call.version, title="Deras namn")
    with pytest.raises(EditConflict):
        services.funding_call_update(call=call, expected_version=call.version, title="Mitt")
    call.refresh_from_db()
    assert call.title == "Deras namn"


def test_remove_asks_first_then_restore_brings_it_back(client: Any, world: Any) -> None:
    call = FundingCallFactory(partnership=world.partnership, title="Arvsfonden 2027")
    client.force_login(world.users["editor"])
    confirm = client.get(url("funding_delete", world, pk=call.pk))
    assert confirm.status_code == 200
    assert "Removed funding calls" in confirm.content.decode()  # says where it can come back
    assert FundingCall.objects.filter(pk=call.pk).exists()  # nothing happened on GET
    assert client.post(url("funding_delete", world, pk=call.pk)).status_code == 302
    assert not FundingCall.objects.filter(pk=call.pk).exists()
    assert selectors.removed_funding_calls(world.partnership).filter(pk=call.pk).exists()
    page = client.get(url("funding_list", world)).content.decode()
    assert url("funding_restore", world, pk=call.pk) in page
    assert client.post(url("funding_restore", world, pk=call.pk)).status_code == 302
    assert FundingCall.objects.filter(pk=call.pk, removed_at__isnull=True).exists()


def test_the_history_page_tells_the_call_and_its_removal(client: Any, world: Any) -> None:
    call = services.funding_call_create(
        partnership=world.partnership, funder="Vinnova", title="Samhällsutmaningar"
    )
    services.funding_call_update(call=call, expected_version=call.version, status="applying")
    services.funding_call_remove(call=call)
    client.force_login(world.users["owner"])
    page = client.get(url("history", world)).content.decode()
    assert "Samhällsutmaningar" in page
    assert "Applying" in page
    assert url("funding_restore", world, pk=call.pk) in page  # restored from the removal


# The 30-day rule -----------------------------------------------------------------------------


TODAY = date(2026, 5, 4)


@pytest.mark.parametrize(
    ("days", "status", "soon"),
    [
        (-1, "watching", False),  # past
        (0, "watching", True),  # today
        (30, "applying", True),
        (31, "watching", False),
        (5, "submitted", False),
        (5, "granted", False),
        (5, "rejected", False),
    ],
)
def test_deadlines_soon_boundaries(world: Any, days: int, status: str, soon: bool) -> None:
    FundingCallFactory(
        partnership=world.partnership, deadline=TODAY + timedelta(days), status=status
    )
    found = funding_deadlines_soon(partnership=world.partnership, today=TODAY)
    assert [item.days_left for item in found] == ([days] if soon else [])
    # The list page marks the same calls, by the same rule read in Python.
    rows = selectors.funding_call_rows(world.partnership, TODAY)
    assert [row.soon for row in rows if row.call.deadline is not None] == [soon]


def test_deadlines_soon_ignores_removed_calls_and_open_ended_ones(world: Any) -> None:
    services.funding_call_remove(
        call=FundingCallFactory(partnership=world.partnership, deadline=TODAY + timedelta(3))
    )
    FundingCallFactory(partnership=world.partnership, deadline=None)
    assert funding_deadlines_soon(partnership=world.partnership, today=TODAY) == []


def test_deadlines_soon_for_a_user_covers_only_their_partnerships(world: Any) -> None:
    mine = FundingCallFactory(partnership=world.partnership, deadline=TODAY + timedelta(10))
    FundingCallFactory(partnership=PartnershipFactory(), deadline=TODAY + timedelta(10))
    other = PartnershipFactory()
    MembershipFactory(partnership=other, user=world.users["editor"])
    theirs = FundingCallFactory(partnership=other, deadline=TODAY + timedelta(2))
    found = funding_deadlines_soon(user=world.users["editor"], today=TODAY)
    assert [item.call for item in found] == [theirs, mine]  # nearest first
    assert funding_deadlines_soon(user=world.users["outsider"], today=TODAY) == []


def test_overview_and_dashboard_show_a_deadline_soon_in_words(client: Any, world: Any) -> None:
    today = timezone.localdate()
    FundingCallFactory(
        partnership=world.partnership, title="Snart stängd", deadline=today + timedelta(12)
    )
    FundingCallFactory(
        partnership=world.partnership, title="Långt bort", deadline=today + timedelta(60)
    )
    client.force_login(world.users["viewer"])
    overview = client.get(url("overview", world)).content.decode()
    assert "Deadlines soon" in overview
    assert "Snart stängd" in overview and "12 days left" in overview
    assert "Långt bort" not in overview
    dashboard = client.get(reverse("partnerships:dashboard")).content.decode()
    assert "Deadlines soon" in dashboard
    assert "Snart stängd" in dashboard and "12 days" in dashboard
    assert world.partnership.title in dashboard
    assert "Långt bort" not in dashboard


def test_no_deadline_section_when_nothing_is_near(client: Any, world: Any) -> None:
    client.force_login(world.users["viewer"])
    assert "Deadlines soon" not in client.get(url("overview", world)).content.decode()
    assert "Deadlines soon" not in client.get(reverse("partnerships:dashboard")).content.decode()


def test_the_list_speaks_swedish_with_swedish_numbers(client: Any, world: Any) -> None:
    from django.conf import settings
    from django.utils import translation

    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "sv"
    FundingCallFactory(
        partnership=world.partnership,
        title="Arvsfonden",
        deadline=timezone.localdate() + timedelta(days=9),
        amount_min=1_500_000,
        amount_max=3_000_000,
        co_financing_percent=Decimal("12.5"),
    )
    client.force_login(world.users["viewer"])
    with translation.override("sv"):
        page = client.get(url("funding_list", world)).content.decode()
    assert "<h1" in page and "Finansieringsutlysningar" in page
    assert "1\u00a0500\u00a0000–3\u00a0000\u00a0000 kr" in page
    assert "12,5\u00a0%" in page
    assert "9 dagar kvar" in page


@pytest.mark.parametrize(
    ("share", "shown"),
    [(Decimal("50.00"), "50\u00a0%"), (Decimal("12.50"), "12,5\u00a0%"), (None, "—")],
)
def test_a_share_is_shown_without_trailing_zeros(share: Decimal | None, shown: str) -> None:
    from django.utils import translation

    from partnerships.display import percent

    with translation.override("sv"):
        assert percent(share) == shown
