"""The theory of change's and the plan's PDFs in a real browser on the demo: choose A3,
generate, download, and both pages with their versions list axe-clean. (The plan, cost and line pages, with their new
PDF section and plan link, are axe-checked by test_plan_raci, test_toc_flow and
test_costing_pages on the same demo.)"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.urls import reverse

from accounts.models import User
from partnerships.models import Partnership

from .conftest import describe_violations

pytestmark = pytest.mark.browser


def test_generate_the_theory_of_change_on_a3_and_download_it(
    bpage: Any, transactional_db: Any, tmp_path: Path
) -> None:
    from playwright.sync_api import expect

    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    partnership = Partnership.objects.get(title__startswith="Kraftsamling")
    bpage.login(User.objects.get(email="kommun@demo.example"))
    page = bpage.page
    page.context.add_cookies([{"name": "django_language", "value": "en", "url": bpage.base_url}])
    bpage.goto(reverse("theory_of_change:page", kwargs={"key": partnership.key}))
    section = page.locator("#pdf-versions")
    section.get_by_label("Paper size").select_option("A3")
    section.get_by_role("button", name="Generate PDF").click()
    versions = page.locator("#toc_pdf-versions")
    expect(versions.get_by_role("row", name="Version 1")).to_contain_text("Ready")
    with page.expect_download() as download:
        versions.get_by_role("link", name="Download PDF version 1").click()
    assert download.value.suggested_filename.startswith("Forandringsteori-")
    saved = tmp_path / "toc.pdf"
    download.value.save_as(saved)
    assert saved.read_bytes().startswith(b"%PDF")
    violations = bpage.axe()
    assert not violations, describe_violations(violations)
    assert not bpage.console_errors, bpage.console_errors

    # The plan's PDF from the plan page: no paper to choose, the same versions list.
    bpage.goto(reverse("partnerships:plan", kwargs={"key": partnership.key}))
    page.locator("#pdf-versions").get_by_role("button", name="Generate PDF").click()
    plan_versions = page.locator("#plan_pdf-versions")
    expect(plan_versions.get_by_role("row", name="Version 1")).to_contain_text("Ready")
    expect(plan_versions.get_by_role("link", name="Download PDF version 1")).to_be_visible()
    violations = bpage.axe()
    assert not violations, describe_violations(violations)
    assert not bpage.console_errors, bpage.console_errors
