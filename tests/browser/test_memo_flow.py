"""Step 5 in a real browser: generate the memo's PDF, download it, and watch a waiting version
become ready without reloading the page (htmx polling)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.urls import reverse

from costing.documents import services
from costing.documents.memo_data import memo_data
from costing.documents.models import GeneratedDocument
from partnerships.models import Role
from tests.factories import MembershipFactory, PartnershipFactory, UserFactory

from .conftest import describe_violations

pytestmark = pytest.mark.browser


def test_generate_download_and_see_a_waiting_version_become_ready(
    bpage: Any, transactional_db: Any, tmp_path: Path
) -> None:
    from playwright.sync_api import expect

    owner = UserFactory(email="handlaggare@example.org")
    partnership = PartnershipFactory(title="Unga i arbete")
    MembershipFactory(user=owner, partnership=partnership, role=Role.OWNER)
    services.memo_create(
        partnership=partnership,
        subject="Fortsatt samverkan: Unga i arbete",
        registration_number="KS 2026/55",
        proposed_decision="Nämnden godkänner fortsatt samverkan.",
    )
    bpage.login(owner)
    page = bpage.page
    page.context.add_cookies([{"name": "django_language", "value": "en", "url": bpage.base_url}])
    url = reverse("costing:memo", kwargs={"key": partnership.key})
    bpage.goto(url)
    expect(page.locator("h1")).to_have_text("Decision memo (tjänsteutlåtande)")

    # The click: the version is frozen, rendered (in-process here) and listed as ready.
    page.get_by_role("button", name="Generate PDF").click()
    versions = page.locator("#memo-versions")
    expect(versions.get_by_role("row", name="Version 1")).to_contain_text("Ready")
    with page.expect_download() as download:
        versions.get_by_role("link", name="Download PDF version 1").click()
    assert download.value.suggested_filename == "Tjansteutlatande-KS-202655-v1.pdf"
    saved = tmp_path / "memo.pdf"
    download.value.save_as(saved)
    assert saved.read_bytes().startswith(b"%PDF")

    # A version waiting for a worker: the list polls and shows it ready without a reload.
    first = GeneratedDocument.objects.get(partnership=partnership, number=1)
    waiting = services.document_generate(
        partnership=partnership,
        kind=GeneratedDocument.Kind.TJANSTEUTLATANDE,
        data=memo_data(partnership),
        language="sv",
        created_by=owner,
    )
    bpage.goto(url)
    row = versions.get_by_role("row", name="Version 2")
    expect(row).to_contain_text("Waiting")
    violations = bpage.axe()
    assert not violations, describe_violations(violations)
    GeneratedDocument.objects.filter(pk=waiting.pk).update(
        status=GeneratedDocument.Status.READY, file=first.file.name
    )
    expect(row).to_contain_text("Ready", timeout=10_000)
    expect(versions.get_by_role("link", name="Download PDF version 2")).to_be_visible()
    assert not bpage.console_errors, bpage.console_errors
