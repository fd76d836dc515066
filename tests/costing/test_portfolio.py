"""The municipality's portfolio: external money ending within six months without a decided
tjänsteutlåtande, only in the user's own partnerships, in a constant number of queries."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from costing import services
from costing.decision import portfolio as selectors
from costing.documents import services as documents
from partnerships.models import Municipality, Partnership, Role
from tests.factories import MembershipFactory, PartnershipFactory, UserFactory

pytestmark = pytest.mark.usefixtures("english")
D = Decimal
TODAY = date(2026, 3, 10)  # hand-made: six months later is 10 September 2026


def external(
    partnership: Partnership,
    end: date,
    *,
    form: str = "esf",
    status: str = "active",
    amount: str = "1100000",
    funder: str = "ESF+",
) -> Any:
    return services.financing_create(
        partnership=partnership,
        form=form,
        status=status,
        amount=D(amount),
        start_date=date(2024, 1, 1),
        end_date=end,
        funder=funder,
    )


def member_of(user: Any, **fields: Any) -> Partnership:
    partnership = PartnershipFactory(**fields)
    MembershipFactory(partnership=partnership, user=user, role=Role.VIEWER)
    return partnership


def decide(partnership: Partnership, outcome: str, *, on: date = date(2026, 2, 1)) -> Any:
    document = documents.document_generate(
        partnership=partnership,
        kind="tjansteutlatande",
        data={"memo": {}},
        language="sv",
        created_by=None,
    )
    return documents.decision_create(
        document=document, decided_on=on, paragraph="§ 12", outcome=outcome, note=""
    )


def listed(user: Any, municipality: Municipality | None = None) -> list[str]:
    return [row.partnership.title for row in selectors.portfolio(user, municipality, TODAY)]


@pytest.fixture
def officer(db: Any) -> Any:
    return UserFactory(email="officer@example.org")


def test_money_ending_in_five_months_without_a_decision_is_listed(officer: Any) -> None:
    partnership = member_of(officer, title="Kraftsamling")
    external(partnership, date(2026, 8, 10))
    rows = selectors.portfolio(officer, today=TODAY)
    assert [row.partnership.title for row in rows] == ["Kraftsamling"]
    row = rows[0]
    assert row.days_left == 153 and row.funder == "ESF+" and row.amount == D("1100000")
    assert row.memo_status == "none"


def test_a_decided_memo_takes_it_off_the_list(officer: Any) -> None:
    partnership = member_of(officer, title="Kraftsamling")
    external(partnership, date(2026, 8, 10))
    decide(partnership, "as_proposed")
    assert listed(officer) == []


def test_a_memo_decided_with_changes_also_counts(officer: Any) -> None:
    partnership = member_of(officer, title="Kraftsamling")
    external(partnership, date(2026, 8, 10))
    decide(partnership, "changed")
    assert listed(officer) == []


@pytest.mark.parametrize("outcome", ["rejected", "sent_back"])
def test_a_memo_rejected_or_sent_back_keeps_it_listed(officer: Any, outcome: str) -> None:
    partnership = member_of(officer, title="Kraftsamling")
    external(partnership, date(2026, 8, 10))
    decide(partnership, outcome)
    rows = selectors.portfolio(officer, today=TODAY)
    assert [row.memo_status for row in rows] == [outcome]


def test_the_latest_decision_counts(officer: Any) -> None:
    partnership = member_of(officer, title="Kraftsamling")
    external(partnership, date(2026, 8, 10))
    decide(partnership, "sent_back", on=date(2026, 1, 10))
    decide(partnership, "as_proposed", on=date(2026, 2, 20))
    assert listed(officer) == []


def test_memo_status_none_draft_generated(officer: Any) -> None:
    none, drafted, generated = (member_of(officer, title=t) for t in ("A", "B", "C"))
    for partnership in (none, drafted, generated):
        external(partnership, date(2026, 5, 1))
    documents.memo_create(partnership=drafted, subject="Fortsatt samverkan")
    documents.memo_create(partnership=generated, subject="Fortsatt samverkan")
    documents.document_generate(
        partnership=generated,
        kind="tjansteutlatande",
        data={"memo": {}},
        language="sv",
        created_by=None,
    )
    rows = selectors.portfolio(officer, today=TODAY)
    assert [(row.partnership.title, row.memo_status) for row in rows] == [
        ("A", "none"),
        ("B", "draft"),
        ("C", "generated"),
    ]


def test_the_window_boundaries(officer: Any) -> None:
    cases = {
        "ends today": date(2026, 3, 10),
        "ends on the last day": date(2026, 9, 10),
        "ends the day after": date(2026, 9, 11),
        "ended yesterday": date(2026, 3, 9),
    }
    for title, end in cases.items():
        external(member_of(officer, title=title), end)
    assert sorted(listed(officer)) == ["ends on the last day", "ends today"]
    today_row = next(row for row in selectors.portfolio(officer, today=TODAY) if row.days_left == 0)
    assert today_row.partnership.title == "ends today"


def test_only_decided_or_active_external_money_counts(officer: Any) -> None:
    end = date(2026, 6, 30)
    external(member_of(officer, title="Vinnova, decided"), end, form="vinnova", status="decided")
    external(member_of(officer, title="Arvsfonden"), end, form="arvsfonden")
    external(member_of(officer, title="ESF proposed"), end, status="proposed")
    external(member_of(officer, title="ESF ended"), end, status="ended")
    external(member_of(officer, title="IOP"), end, form="iop")
    external(member_of(officer, title="Grant"), end, form="grant_yearly")
    removed = external(member_of(officer, title="Removed"), end)
    services.financing_remove(arrangement=removed)
    assert sorted(listed(officer)) == ["Arvsfonden", "Vinnova, decided"]


def test_a_partnership_the_user_is_not_a_member_of_is_never_listed(officer: Any) -> None:
    mine = member_of(officer, title="Mine")
    external(mine, date(2026, 8, 10))
    stranger = PartnershipFactory(title="Someone else's")
    external(stranger, date(2026, 8, 10))
    MembershipFactory(partnership=stranger, role=Role.OWNER)
    assert listed(officer) == ["Mine"]
    eskilstuna = Municipality.objects.get(code="0484")
    assert listed(officer, eskilstuna) == ["Mine"]


def test_one_officer_sees_several_partnerships_and_filters_by_municipality(officer: Any) -> None:
    boden = Municipality.objects.get(code="2582")
    external(member_of(officer, title="Eskilstuna case"), date(2026, 8, 10))
    external(member_of(officer, title="Boden case", municipality=boden), date(2026, 7, 1))
    assert listed(officer) == ["Boden case", "Eskilstuna case"]  # soonest end first
    assert listed(officer, boden) == ["Boden case"]
    assert [m.name for m in selectors.municipalities_of(officer)] == ["Boden", "Eskilstuna"]


def test_the_dependence_flag_is_reused(officer: Any) -> None:
    depends = member_of(officer, title="Depends")
    external(depends, date(2026, 8, 10), amount="900000")
    spread = member_of(officer, title="Spread")
    external(spread, date(2026, 8, 10), amount="100000")
    services.financing_create(partnership=spread, form="iop", status="decided", amount=D("900000"))
    flags = {
        row.partnership.title: row.dependence for row in selectors.portfolio(officer, today=TODAY)
    }
    assert flags["Depends"] is not None and flags["Spread"] is None


# The page -----------------------------------------------------------------------------------


def test_the_page_lists_the_rows_with_a_link_to_the_memo(client: Any, officer: Any) -> None:
    partnership = member_of(officer, title="Kraftsamling")
    external(partnership, date(2026, 8, 10), funder="Europeiska socialfonden")
    client.force_login(officer)
    response = client.get(reverse("costing:portfolio"), {"on": "2026-03-10"})
    text = response.content.decode()
    assert response.status_code == 200
    assert "Kraftsamling" in text and "Europeiska socialfonden" in text
    assert "153 days" in text and "No memo" in text
    assert reverse("costing:memo", kwargs={"key": partnership.key}) in text
    assert "1\u00a0100\u00a0000,00\u00a0kr" in text


def test_an_outsider_sees_an_empty_list(client: Any, officer: Any) -> None:
    external(member_of(officer, title="Kraftsamling"), date(2026, 8, 10))
    client.force_login(UserFactory(email="stranger@example.org"))
    for url in (
        reverse("costing:portfolio"),
        reverse("costing:portfolio_municipality", args=["0484"]),
    ):
        text = client.get(url, {"on": "2026-03-10"}).content.decode()
        assert "Kraftsamling" not in text and "None of your partnerships" in text


def test_an_unknown_municipality_code_is_404_and_a_bad_date_an_error(
    client: Any, officer: Any
) -> None:
    client.force_login(officer)
    assert client.get(reverse("costing:portfolio_municipality", args=["9999"])).status_code == 404
    for value in ("not a date", "99999-01-01", "1800-01-01"):
        response = client.get(reverse("costing:portfolio"), {"on": value})
        assert response.status_code == 200
        assert "is-invalid" in response.content.decode()


def test_the_dashboard_links_to_the_portfolio(client: Any, officer: Any) -> None:
    client.force_login(officer)
    text = client.get(reverse("partnerships:dashboard")).content.decode()
    assert reverse("costing:portfolio") in text


def test_the_page_runs_the_same_queries_for_2_and_10_partnerships(
    client: Any, officer: Any
) -> None:
    client.force_login(officer)
    counts = []
    for size in (2, 10):
        while Partnership.objects.filter(memberships__user=officer).count() < size:
            n = Partnership.objects.count()
            partnership = member_of(officer, title=f"P{n}")
            external(partnership, date(2026, 8, 10))
            services.financing_create(partnership=partnership, form="iop", status="proposed")
            if n % 2:
                documents.memo_create(partnership=partnership, subject="Utkast")
            if n % 3 == 0:
                decide(partnership, "sent_back")
        with CaptureQueriesContext(connection) as captured:
            response = client.get(reverse("costing:portfolio"), {"on": "2026-03-10"})
        assert response.status_code == 200
        assert len(response.context["rows"]) == size
        counts.append(len(captured))
    assert counts[0] == counts[1]
