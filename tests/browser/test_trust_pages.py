"""axe-core on step 2's perspective and organisational-context pages, with the demo's data."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.management import call_command
from django.urls import reverse

from accounts.models import User

from .conftest import describe_violations

pytestmark = pytest.mark.browser


def test_axe_on_the_perspective_and_context_pages(transactional_db: Any, bpage: Any) -> None:
    from partnerships.models import Partnership, Party

    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    bpage.login(User.objects.get(email="kommun@demo.example"))
    partnership = Partnership.objects.get(title__startswith="Kraftsamling")
    party = Party.objects.filter(partnership=partnership).first()
    assert party is not None
    key = partnership.key
    urls = [
        reverse("partnerships:perspective_list", kwargs={"key": key}),
        reverse("partnerships:context_list", kwargs={"key": key}),
        reverse("partnerships:perspective_edit", kwargs={"key": key, "pk": party.pk}),
        reverse("partnerships:context_edit", kwargs={"key": key, "pk": party.pk}),
    ]
    failures = []
    for url in urls:
        bpage.console_errors.clear()
        response = bpage.goto(url)
        assert response is not None and response.status == 200, url
        violations = bpage.axe()
        if violations:
            failures.append(f"{url}:\n{describe_violations(violations)}")
        if bpage.console_errors:
            failures.append(f"{url}: console errors {bpage.console_errors}")
    # The side-by-side table's scroll region is reachable by keyboard.
    bpage.goto(urls[0])
    region = bpage.page.locator('[role="region"][tabindex="0"]')
    assert region.count() == 1
    assert not failures, "\n".join(failures)
