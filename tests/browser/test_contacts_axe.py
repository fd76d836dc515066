"""axe-core on the contacts and relationship plan pages, with the Eskilstuna demo (an overdue
action, badges, erasure confirmation), and the overview's overdue notice."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.management import call_command
from django.urls import reverse

from accounts.models import User
from partnerships.contacts import services
from partnerships.models import Contact, Partnership

from .conftest import describe_violations

pytestmark = pytest.mark.browser


@pytest.fixture
def demo(transactional_db: Any) -> None:
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115


def test_axe_on_the_contact_pages(demo: None, bpage: Any) -> None:
    partnership = Partnership.objects.get(title__startswith="Kraftsamling")
    key = {"key": partnership.key}
    contact = Contact.objects.filter(partnership=partnership).first()
    assert contact is not None
    entry = contact.plan_entries.first()
    # An erased contact shows on the list and in the plan, marked in words.
    erased = Contact.objects.filter(partnership=partnership).exclude(pk=contact.pk).first()
    assert erased is not None
    services.contact_erase(contact=erased, user=None)
    urls = [
        reverse("partnerships:overview", kwargs=key),
        reverse("partnerships:contact_list", kwargs=key),
        reverse("partnerships:contact_create", kwargs=key),
        reverse("partnerships:contact_edit", kwargs={**key, "pk": contact.pk}),
        reverse("partnerships:contact_erase", kwargs={**key, "pk": contact.pk}),
        reverse("partnerships:contact_remove", kwargs={**key, "pk": contact.pk}),
        reverse("partnerships:relationship_list", kwargs=key),
        reverse("partnerships:relationship_create", kwargs=key),
    ]
    if entry is not None:
        urls.append(reverse("partnerships:relationship_edit", kwargs={**key, "pk": entry.pk}))
    bpage.login(User.objects.get(email="kommun@demo.example"))
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
