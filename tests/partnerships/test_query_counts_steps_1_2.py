"""Query counts of the list pages of steps 1 and 2 do not grow with the rows (1× and 10×).

Like test_query_counts.py: each page is loaded for a partnership with n rows and with 10n,
and the number of queries must be the same. The rows are made rich on purpose (candidates
chosen and scored on several criteria, meetings with members, contacts and actions, org
units nested with responsibility areas and steering documents), so a missing
select_related or prefetch shows up as a difference.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from partnerships.candidates import services as candidates
from partnerships.contacts import services as contacts
from partnerships.meetings import services as meetings
from partnerships.models import Organisation, Party, Role
from partnerships.orgchart import services as orgchart
from tests.factories import (
    MembershipFactory,
    OrganisationFactory,
    PartnershipFactory,
    PartyFactory,
    UserFactory,
)

SIZES = (1, 10)
PAGES = ("candidate_list", "meeting_list", "action_list", "organisation_chart")


def build(size: int) -> tuple[Any, str]:
    """An owner's partnership with `size` rows of each kind; the URL of each page."""
    owner = UserFactory()
    partnership = PartnershipFactory()
    MembershipFactory(user=owner, partnership=partnership, role=Role.OWNER)
    municipality = OrganisationFactory(kind=Organisation.Kind.MUNICIPALITY)
    PartyFactory(
        partnership=partnership, organisation=municipality, part=Party.Part.LEAD_MUNICIPALITY
    )
    other = UserFactory()
    MembershipFactory(user=other, partnership=partnership, role=Role.EDITOR)
    contact = contacts.contact_create(
        partnership=partnership, organisation=municipality, name="Anna Exempel"
    )
    start = timezone.now() - timedelta(days=size)
    parent = None
    for n in range(size):
        # Candidates on both sides, every third chosen, scored with justifications.
        kind = Organisation.Kind.MUNICIPALITY if n % 2 else Organisation.Kind.SOCIAL_ENTREPRENEUR
        candidate = candidates.candidate_create(
            partnership=partnership, organisation=OrganisationFactory(kind=kind)
        )
        if n % 3 == 0:
            candidate = candidates.candidate_choose(candidate=candidate)
        candidates.candidate_update(
            candidate=candidate,
            expected_version=candidate.version,
            scores={
                "municipal_priorities": {"score": n % 5 + 1, "justification": "Skäl"},
                "tested_method": {"score": 2, "justification": "Skäl"},
            },
        )
        # Meetings with members, a contact and two actions, one of them overdue.
        meeting = meetings.meeting_create(
            partnership=partnership,
            kind="co_creation",
            title=f"Möte {n}",
            starts_at=start + timedelta(days=2 * n),
            ends_at=start + timedelta(days=2 * n, hours=2),
            members=[owner, other],
            contacts=[contact],
        )
        meetings.meeting_action_create(
            meeting=meeting, what=f"Uppgift {n}", owner=owner, due_date=date(2025, 1, 1 + n)
        )
        meetings.meeting_action_create(
            meeting=meeting, what=f"Ring {n}", owner_name="Någon utanför", due_date=None
        )
        # Units of the municipality's chart, nested every other one.
        parent = orgchart.unit_create(
            organisation=municipality,
            name=f"Enhet {n}",
            kind="unit",
            parent=parent if n % 2 else None,
            responsibility_areas="Arbetsmarknad\nVuxenutbildning",
        )
    urls = {
        page: reverse(f"partnerships:{page}", kwargs={"key": partnership.key}) for page in PAGES[:3]
    }
    urls["organisation_chart"] = reverse(
        "partnerships:organisation_chart", kwargs={"pk": municipality.pk}
    )
    return owner, urls


@pytest.mark.parametrize("page", PAGES)
def test_steps_1_and_2_lists_cost_the_same_for_1_and_10_rows(
    page: str, client: Any, db: Any
) -> None:
    counts = {}
    for size in SIZES:
        owner, urls = build(size)
        client.force_login(owner)
        assert client.get(urls[page]).status_code == 200  # warm the session
        with CaptureQueriesContext(connection) as captured:
            response = client.get(urls[page])
        assert response.status_code == 200
        body = response.content.decode()
        counts[size] = len(captured.captured_queries)
        # The rows are on the page, so the count covers them.
        if page == "meeting_list":
            assert f"Möte {size - 1}" in body
        elif page == "action_list":
            assert f"Uppgift {size - 1}" in body and f"Ring {size - 1}" in body
        elif page == "organisation_chart":
            assert f"Enhet {size - 1}" in body
        else:
            assert len(set(re.findall(r'/candidates/(\d+)/"', body))) == size
    assert counts[1] == counts[10], f"{page}: {counts[1]} queries for 1 row, {counts[10]} for 10"
