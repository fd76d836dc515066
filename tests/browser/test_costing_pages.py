"""Step 5's pages in a real browser on the demo: axe-clean in Swedish for the owner (with the
edit buttons) and the viewer, including the forms and a confirmation page."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.management import call_command
from django.urls import reverse

from accounts.models import User
from costing.models import CostLine, FinancingArrangement, StaffCategory
from partnerships.models import Partnership

from .conftest import describe_violations

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("email", ["kommun@demo.example", "insyn@demo.example"])
def test_costing_pages_pass_axe(email: str, bpage: Any, transactional_db: Any) -> None:
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    partnership = Partnership.objects.get(title__startswith="Kraftsamling")
    key = {"key": partnership.key}
    line = CostLine.objects.filter(partnership=partnership).first()
    arrangement = FinancingArrangement.objects.filter(partnership=partnership).first()
    category = StaffCategory.objects.filter(partnership=partnership).first()
    assert line and arrangement and category
    pages = [
        reverse("costing:costs", kwargs=key),
        reverse("costing:financing", kwargs=key),
        reverse("costing:staff", kwargs=key),
        reverse("costing:time_list", kwargs=key),
    ]
    if email.startswith("kommun"):
        pages += [
            reverse("costing:line_create", kwargs=key),
            reverse("costing:line_edit", kwargs={**key, "pk": line.pk}),
            reverse("costing:line_remove", kwargs={**key, "pk": line.pk}),
            reverse("costing:financing_edit", kwargs={**key, "pk": arrangement.pk}),
            reverse("costing:staff_edit", kwargs={**key, "pk": category.pk}),
            reverse("costing:calculation_edit", kwargs=key),
            reverse("costing:baseline_freeze", kwargs=key),
            reverse("costing:import_xlsx", kwargs=key),
            reverse("costing:time_create", kwargs=key),
        ]
    bpage.login(User.objects.get(email=email))
    failures = []
    for path in pages:
        bpage.console_errors.clear()
        response = bpage.goto(path)
        assert response is not None and response.status == 200, path
        violations = bpage.axe()
        if violations:
            failures.append(f"{path}:\n{describe_violations(violations)}")
        if bpage.console_errors:
            failures.append(f"{path}: console errors {bpage.console_errors}")
    assert not failures, "\n".join(failures)
