"""axe-core on the organisation chart's pages and the shared steering documents, with the
demo's Eskilstuna chart (including a search that highlights units and a removed unit)."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.management import call_command
from django.urls import reverse

from accounts.models import User
from partnerships.models import Organisation, OrgUnit, Partnership, Party
from partnerships.orgchart import services

from .conftest import describe_violations

pytestmark = pytest.mark.browser


@pytest.fixture
def demo(transactional_db: Any) -> None:
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115


def test_axe_on_the_chart_and_steering_pages(demo: None, bpage: Any) -> None:
    bpage.login(User.objects.get(email="kommun@demo.example"))
    eskilstuna = Organisation.objects.get(org_number="212000-0340")
    partnership = Partnership.objects.get(title__startswith="Kraftsamling")
    key = partnership.key
    unit = OrgUnit.objects.get(organisation=eskilstuna, name="Vuxenutbildningen")
    services.unit_remove(unit=OrgUnit.objects.get(organisation=eskilstuna, name="Socialnämnden"))
    party = Party.objects.get(partnership=partnership, organisation=eskilstuna)
    document = partnership.steering_document_uses.first().document
    chart = reverse("partnerships:organisation_chart", kwargs={"pk": eskilstuna.pk})
    urls = [
        chart,
        chart + "?q=aktivitetsansvaret",
        chart + "?q=bostad",
        reverse("partnerships:organisation_detail", kwargs={"pk": eskilstuna.pk}),
        reverse("partnerships:org_unit_create", kwargs={"pk": eskilstuna.pk}),
        reverse("partnerships:org_unit_edit", kwargs={"pk": eskilstuna.pk, "unit_pk": unit.pk}),
        reverse("partnerships:org_unit_remove", kwargs={"pk": eskilstuna.pk, "unit_pk": unit.pk}),
        reverse("partnerships:parties", kwargs={"key": key}),
        reverse("partnerships:party_unit", kwargs={"key": key, "pk": party.pk}),
        reverse("partnerships:steering_list", kwargs={"key": key}),
        reverse("partnerships:steering_create", kwargs={"key": key}),
        reverse("partnerships:steering_drop", kwargs={"key": key, "pk": document.pk}),
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
    assert not failures, "\n".join(failures)
    # The search's matches are marked in words and reachable by keyboard (links to the units).
    bpage.goto(chart + "?q=aktivitetsansvaret")
    assert bpage.page.locator(".is-match").count() >= 1
    assert (
        bpage.page.get_by_role(
            "link", name="Barn- och utbildningsförvaltningen", exact=True
        ).count()
        == 1
    )
