"""The history page in a real browser: filter to deleted records, restore one after the
confirmation page said what comes back; both pages pass axe."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from partnerships.models import Role, SteeringDocument
from tests.factories import MembershipFactory, PartnershipFactory, UserFactory
from tests.theory_of_change.factories import NodeFactory, SteeringDocumentFactory

from .conftest import describe_violations

pytestmark = pytest.mark.browser


def test_filter_to_deleted_records_and_restore_one(bpage: Any, transactional_db: Any) -> None:
    from playwright.sync_api import expect

    editor = UserFactory(email="redaktor@example.org", name="Rut Redaktör")
    partnership = PartnershipFactory(title="Samverkan med historik")
    MembershipFactory(user=editor, partnership=partnership, role=Role.EDITOR)
    document = SteeringDocumentFactory(partnership=partnership, title="Budget 2025", year=None)
    node = NodeFactory(partnership=partnership, title="Sommarjobb")
    node.steering_documents.add(document)
    document_id = document.pk
    document.delete()

    bpage.login(editor)
    page = bpage.page
    page.context.add_cookies([{"name": "django_language", "value": "en", "url": bpage.base_url}])
    bpage.goto(reverse("partnerships:history", kwargs={"key": partnership.key}))
    expect(page.locator("h1")).to_have_text("History")
    assert bpage.axe() == [], describe_violations(bpage.axe())

    # Keyboard only: tick "Only deleted records" and submit the filter.
    page.get_by_label("Only deleted records").focus()
    page.keyboard.press("Space")
    page.get_by_role("button", name="Show").press("Enter")
    expect(page.get_by_role("heading", name="Deleted records")).to_be_visible()
    rows = page.locator(".history-table tbody tr")
    # The document, and the partnership's use of it, deleted with it.
    expect(rows).to_have_count(2)
    expect(rows.first).to_contain_text("Budget 2025")
    expect(rows.nth(1)).to_contain_text("Budget 2025")

    page.get_by_role("link", name="Restore Budget 2025").click()
    expect(page.locator("h1")).to_have_text("Restore a deleted record")
    expect(page.locator(".restore-also")).to_contain_text("Sommarjobb")
    assert not SteeringDocument.objects.filter(pk=document_id).exists()  # asked first
    violations = bpage.axe()
    assert violations == [], describe_violations(violations)

    page.get_by_role("button", name="Restore").click()
    expect(page.locator("h1")).to_have_text("History")
    expect(page.locator("body")).to_contain_text("“Budget 2025” was restored.")
    assert SteeringDocument.objects.filter(pk=document_id).exists()
    assert list(node.steering_documents.values_list("pk", flat=True)) == [document_id]
    assert bpage.console_errors == []
