"""axe-core on the resources page of the plan, with the Eskilstuna demo (tables per kind,
needs met by offers, the fair share from the cost calculation) and Boden's partial one, and
on its form and removal confirmation."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.management import call_command
from django.urls import reverse

from accounts.models import User
from partnerships.demo import BODEN, ESKILSTUNA
from partnerships.models import Partnership
from partnerships.plan.resources import ResourceItem

from .conftest import describe_violations

pytestmark = pytest.mark.browser


@pytest.fixture
def demo(transactional_db: Any) -> None:
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115


def test_axe_on_the_resources_pages(demo: None, bpage: Any) -> None:
    eskilstuna = Partnership.objects.get(title=ESKILSTUNA)
    boden = Partnership.objects.get(title=BODEN)
    item = ResourceItem.objects.filter(partnership=eskilstuna).first()
    assert item is not None
    key = {"key": eskilstuna.key}
    urls = [
        reverse("partnerships:plan_resources", kwargs=key),
        reverse("partnerships:plan_resource_create", kwargs=key),
        reverse("partnerships:plan_resource_edit", kwargs={**key, "pk": item.pk}),
        reverse("partnerships:plan_resource_delete", kwargs={**key, "pk": item.pk}),
        reverse("partnerships:plan_resources", kwargs={"key": boden.key}),
    ]
    bpage.login(User.objects.get(email="facilitator@demo.example"))
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
    assert not failures, "\n".join(failures)
    # The page in Swedish, as a user first sees it.
    bpage.goto(urls[0])
    text = bpage.page.inner_text("body")
    assert "Där ett behov möter ett erbjudande" in text
    assert "Rättvis fördelning av arbetet" in text
