"""The portfolio, ability to pay and value pages in a real browser on the demo: axe-clean in
Swedish for the owner (with the forms and a confirmation page) and the viewer, and for the
facilitator who sees two municipalities' partnerships together."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.management import call_command
from django.urls import reverse

from accounts.models import User
from costing.decision.models import BudgetLine, ValueAssumption
from partnerships.models import Partnership

from .conftest import describe_violations

pytestmark = pytest.mark.browser


@pytest.mark.parametrize(
    "email", ["kommun@demo.example", "insyn@demo.example", "facilitator@demo.example"]
)
def test_portfolio_budget_and_value_pages_pass_axe(
    email: str, bpage: Any, transactional_db: Any
) -> None:
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    partnership = Partnership.objects.get(title__startswith="Kraftsamling")
    key = {"key": partnership.key}
    line = BudgetLine.objects.filter(partnership=partnership).first()
    assumption = ValueAssumption.objects.filter(partnership=partnership).first()
    assert line and assumption
    # The demo's ESF+ money ends on 31 December 2025: seen from the memo's date, 14 October
    # 2025, it ends within six months and the memo is generated but not decided.
    portfolio = reverse("costing:portfolio")
    pages = [
        f"{portfolio}?on=2025-10-14",
        reverse("costing:portfolio_municipality", args=["0484"]) + "?on=2025-10-14",
        f"{portfolio}?on=not-a-date",
        reverse("costing:budget", kwargs=key),
        reverse("costing:value", kwargs=key),
    ]
    if email.startswith("kommun"):
        pages += [
            reverse("costing:budget_create", kwargs=key),
            reverse("costing:budget_edit", kwargs={**key, "pk": line.pk}),
            reverse("costing:budget_remove", kwargs={**key, "pk": line.pk}),
            reverse("costing:assumption_create", kwargs=key),
            reverse("costing:assumption_edit", kwargs={**key, "pk": assumption.pk}),
            reverse("costing:assumption_remove", kwargs={**key, "pk": assumption.pk}),
        ]
    bpage.login(User.objects.get(email=email))
    failures = []
    for path in pages:
        bpage.console_errors.clear()
        response = bpage.goto(path)
        assert response is not None and response.status == 200, path
        if path.endswith("2025-10-14"):
            assert "Kraftsamling" in bpage.page.content()
        violations = bpage.axe()
        if violations:
            failures.append(f"{path}:\n{describe_violations(violations)}")
        if bpage.console_errors:
            failures.append(f"{path}: console errors {bpage.console_errors}")
    assert not failures, "\n".join(failures)
