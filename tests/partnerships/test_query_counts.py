"""Query counts of the main pages, and that they do not grow with the data (healthchecks style).

Each page is loaded at 1× and at 10× the data: 2 vs 20 parties, 3 vs 30 members, 2 vs 20
partnerships on the user's dashboard, 1 vs 10 open invitations, and a history page full of
changes to the partnership, its parties, members and invitations. The count must be the same at both sizes; the exact numbers
below are what the pages use today.

When an app registers a step evaluator, the overview uses a few more queries, a constant
number: update EXPECTED then (the history count follows the history registry by itself),
never the size-equality test: a page whose count depends on the size has an N+1.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import timedelta
from html import escape
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from partnerships import services
from partnerships.history import _REGISTRY as HISTORY_REGISTRY
from partnerships.models import FundingCall, Partnership, Role
from tests.factories import (
    FundingCallFactory,
    InvitationFactory,
    MembershipFactory,
    PartnershipFactory,
    PartyFactory,
    UserFactory,
)

# Measured. Every page: the ATOMIC_REQUESTS savepoint and its release (2), session and user
# (2); the partnership pages add the membership that authorises them (1, access helper).
# Partnership, Party, Membership, Invitation, FundingCall
PARTNERSHIP_MODELS_ON_HISTORY_PAGE = 5
EXPECTED = {
    # + memberships with partnership, municipality and counts (1), invitations waiting (1),
    # funding deadlines soon with their partnerships (1)
    "dashboard": 7,
    # + parties (1); step 3: theory of change, needs of the target group, nodes, links (4);
    # funding deadlines soon (1); step 1's contacts: parties, organisations with a contact, the
    # relationship plan's counts (3); overdue relationship actions (1); step 2: perspectives,
    # organisational contexts, an agreed glossary term (3); step 1: chosen candidates (1);
    # step 4's plan: chain activities and plan activities (2), the RACI matrix's parties,
    # activities and cells (3), the ways of working (1); step 2's meeting checks (1), open and
    # overdue actions (1); step 5: financing and the calculation's estimate (1), the memo
    # draft's proposed decision and whether a PDF is ready (2); step 4's resources: the
    # parties and what they have written (2); step 5's budget lines (1); step 4's approval: the
    # latest revision, its approvals and the plan as it is now, to compare (6)
    "overview": 39,
    # + members with users (1), open invitations (1); for an owner, what can be brought
    # back: former members (1, and their users when there are any) and withdrawn invitations (1)
    "members": 9,
    # + parties (1), removed parties (1), the organisations offered to add (1)
    "parties": 8,
    # + funding calls (1), removed funding calls (1)
    "funding_list": 7,
    # + the people of the filter (1), a page of each tracked model, the versions before for
    # the models on the page, which of the restorable ones still exist (partnership, party,
    # funding call), and which parties and funding calls are removed now (restored through
    # their own service).
    "history": 5 + 1 + len(HISTORY_REGISTRY) + PARTNERSHIP_MODELS_ON_HISTORY_PAGE + 5,
}
SIZES = (1, 10)


@dataclass
class Scenario:
    user: Any
    partnership: Partnership
    size: int


def build(size: int) -> Scenario:
    """The owner's partnership with 2n parties (and n removed), 3n members, n invitations,
    4n funding calls; 2n partnerships on the dashboard, and n invitations waiting for the
    owner."""
    owner = UserFactory(email=f"owner-{size}@example.org")
    partnership = PartnershipFactory(title=f"Stor samverkan {size}")
    today = timezone.localdate()
    MembershipFactory(user=owner, partnership=partnership, role=Role.OWNER)
    # Funding calls (older than the history page): 2n due soon, n further off, n removed.
    for n in range(2 * size):
        FundingCallFactory(partnership=partnership, deadline=today + timedelta(days=n % 30))
    for n in range(size):
        FundingCallFactory(partnership=partnership, deadline=today + timedelta(days=60 + n))
        services.funding_call_remove(call=FundingCallFactory(partnership=partnership))
    for _n in range(size):  # removed parties, listed as such; older than the history page
        services.party_remove(party=PartyFactory(partnership=partnership))
    roles = [Role.VIEWER, Role.EDITOR, Role.FACILITATOR]
    for n in range(3 * size - 1):
        MembershipFactory(partnership=partnership, role=roles[n % len(roles)])
    for n in range(2 * size):
        part = "lead_municipality" if n == 0 else "social_entrepreneur"
        PartyFactory(partnership=partnership, part=part)
    for _n in range(size):
        InvitationFactory(partnership=partnership)
    # The owner's other partnerships, each with a party and a second member to count.
    for n in range(2 * size - 1):
        other = PartnershipFactory(municipality=None) if n % 2 else PartnershipFactory()
        MembershipFactory(user=owner, partnership=other, role=Role.EDITOR)
        MembershipFactory(partnership=other)
        PartyFactory(partnership=other)
        FundingCallFactory(partnership=other, deadline=today + timedelta(days=n % 30))
    # Invitations waiting for the owner in yet other partnerships, shown on the dashboard.
    for _n in range(size):
        InvitationFactory(email=owner.email, invited_by=UserFactory())
    # A later edit, so the newest history page holds records of every tracked model, with
    # a previous version to diff against; and a named author on every record ("who").
    partnership.title = f"Stor samverkan {size} (ändrad)"
    partnership.save()
    call = FundingCall.objects.filter(partnership=partnership).first()
    assert call is not None
    services.funding_call_update(call=call, expected_version=call.version, status="applying")
    for tracked in HISTORY_REGISTRY:
        tracked.model.history.filter(  # type: ignore[attr-defined]
            **{tracked.partnership_lookup: partnership.pk}
        ).update(history_user=owner)
    return Scenario(user=owner, partnership=partnership, size=size)


def page_url(page: str, partnership: Partnership) -> str:
    if page == "dashboard":
        return reverse("partnerships:dashboard")
    return reverse(f"partnerships:{page}", kwargs={"key": partnership.key})


def load(page: str, size: int, client: Any) -> str:
    """Build the data at this size, sign in as its owner, load the page once; return its URL."""
    scenario = build(size)
    client.force_login(scenario.user)
    url = page_url(page, scenario.partnership)
    assert client.get(url).status_code == 200  # the first request may fill caches
    return url


@pytest.mark.django_db
@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("page", list(EXPECTED))
def test_page_query_count(
    page: str, size: int, client: Any, django_assert_num_queries: Any
) -> None:
    url = load(page, size, client)
    with django_assert_num_queries(EXPECTED[page]):
        response = client.get(url)
    assert response.status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("page", list(EXPECTED))
def test_page_queries_do_not_grow_with_the_data(page: str, client: Any) -> None:
    counts = {}
    for size in SIZES:
        url = load(page, size, client)
        with CaptureQueriesContext(connection) as captured:
            client.get(url)
        counts[size] = len(captured.captured_queries)
    assert counts[1] == counts[10], f"{page}: {counts[1]} queries at 1×, {counts[10]} at 10×"


@pytest.mark.django_db
def test_scenario_shows_the_data_it_claims(client: Any) -> None:
    """The 10× pages really list 20 partnerships, 20 parties, 30 members, 50 changes."""
    scenario = build(10)
    client.force_login(scenario.user)
    dashboard = client.get(page_url("dashboard", scenario.partnership)).content.decode()
    assert len(re.findall(r'href="/partnerships/p/[^/"]+/"', dashboard)) == 20
    overview = client.get(page_url("overview", scenario.partnership)).content.decode()
    for party in scenario.partnership.parties.select_related("organisation"):
        assert escape(party.organisation.name) in overview
    members = client.get(page_url("members", scenario.partnership)).content.decode()
    assert len(re.findall(r"/members/\d+/role/", members)) == 30
    history = client.get(page_url("history", scenario.partnership)).content.decode()
    assert history.count("<time ") == 50
    assert escape(str(scenario.user)) in history


@pytest.mark.django_db
@pytest.mark.parametrize("page", ["overview", "dashboard", "funding_list"])
def test_funding_pages_cost_the_same_for_2_and_50_calls(page: str, client: Any) -> None:
    """The deadlines-soon selector and the list: one query however many calls are near."""
    counts = {}
    for calls in (2, 50):
        owner = UserFactory()
        partnership = PartnershipFactory()
        MembershipFactory(user=owner, partnership=partnership, role=Role.OWNER)
        today = timezone.localdate()
        for n in range(calls):
            FundingCallFactory(partnership=partnership, deadline=today + timedelta(days=n % 31))
        client.force_login(owner)
        url = page_url(page, partnership)
        assert client.get(url).status_code == 200
        with CaptureQueriesContext(connection) as captured:
            body = client.get(url).content.decode()
        counts[calls] = len(captured.captured_queries)
        assert "Utlysning" in body
    assert counts[2] == counts[50], f"{page}: {counts[2]} queries for 2 calls, {counts[50]} for 50"
