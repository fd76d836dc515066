"""Candidate partners in a real browser, as an editor: add a candidate, score it (a score
without a justification is refused), compare, write down answers, choose it (it becomes a
party); axe finds nothing on any of the pages on the way, in Swedish and in English."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse
from django.utils import translation

from partnerships.candidates import criteria
from partnerships.candidates.models import Candidate
from partnerships.models import Organisation, Party, Role
from tests.factories import MembershipFactory, OrganisationFactory, PartnershipFactory, UserFactory

from .conftest import describe_violations

pytestmark = pytest.mark.browser


def _axe_clean(bpage: Any) -> None:
    violations = bpage.axe()
    assert violations == [], f"{bpage.page.url}:\n{describe_violations(violations)}"
    assert not bpage.console_errors, bpage.console_errors


def test_add_score_compare_talk_and_choose_a_candidate(bpage: Any, transactional_db: Any) -> None:
    from playwright.sync_api import expect

    editor = UserFactory(email="redaktor@example.org")
    partnership = PartnershipFactory(title="Kandidatprovet")
    MembershipFactory(user=editor, partnership=partnership, role=Role.EDITOR)
    OrganisationFactory(
        name="Unga i arbete (exempel)",
        kind=Organisation.Kind.SOCIAL_ENTREPRENEUR,
        created_by=editor,
    )
    OrganisationFactory(
        name="Exempelstads kommun", kind=Organisation.Kind.MUNICIPALITY, created_by=editor
    )
    bpage.login(editor)
    page = bpage.page
    key = partnership.key

    # Swedish first: the list and the form in the user's language, axe-clean.
    bpage.goto(reverse("partnerships:candidate_list", kwargs={"key": key}))
    expect(page.locator("h1")).to_have_text("Tänkbara partner")
    _axe_clean(bpage)

    page.context.add_cookies([{"name": "django_language", "value": "en", "url": bpage.base_url}])
    bpage.goto(reverse("partnerships:candidate_list", kwargs={"key": key}))
    page.get_by_role("link", name="Add a candidate").click()
    _axe_clean(bpage)
    page.get_by_label("Organisation").select_option(label="Unga i arbete (exempel)")
    page.get_by_role("button", name="Add the candidate").click()
    expect(page.locator("h1")).to_have_text("Unga i arbete (exempel)")
    _axe_clean(bpage)
    candidate = Candidate.objects.get(partnership=partnership)
    assert candidate.side == "entrepreneur"

    # Score one criterion without saying why: refused, with the reason, nothing saved.
    page.get_by_role("link", name="Edit and assess").click()
    _axe_clean(bpage)
    with translation.override("en"):
        labels = [str(c.label) for c in criteria.criteria_for(criteria.ENTREPRENEUR)]
    page.get_by_label(f"Score for “{labels[0]}”").select_option("5")
    page.get_by_role("button", name="Save").click()
    expect(page.locator(".invalid-feedback, .is-invalid").first).to_be_visible()
    expect(page.locator("body")).to_contain_text("a score needs a justification")
    bpage.console_errors.clear()  # the browser logs the form's 400 answer
    _axe_clean(bpage)
    candidate.refresh_from_db()
    assert candidate.scores == {}

    for n, label in enumerate(labels):
        page.get_by_label(f"Score for “{label}”").select_option(str(5 - n % 4))
        page.get_by_label(f"Why this score: “{label}”").fill(f"Skäl {n}")
    page.get_by_role("button", name="Save").click()
    expect(page.locator("body")).to_contain_text("Assessed on 6 of 6 criteria.")
    candidate.refresh_from_db()
    assert candidate.fully_assessed

    # The conversation guide keeps the answers with the candidate.
    page.get_by_role("link", name="Write down answers").first.click()
    _axe_clean(bpage)
    page.get_by_label("Are we a good match?").fill("Ja, vi når de unga som kommunen inte når")
    page.get_by_role("button", name="Save").click()
    expect(page.locator("#conversation").locator("..")).to_contain_text("vi når de unga")

    # A second candidate on the public side, then the comparison.
    bpage.goto(reverse("partnerships:candidate_create", kwargs={"key": key}))
    page.get_by_label("Organisation").select_option(label="Exempelstads kommun")
    page.get_by_role("button", name="Add the candidate").click()
    bpage.goto(reverse("partnerships:candidate_compare", kwargs={"key": key}))
    table = page.locator("table")
    expect(table).to_contain_text("Legal responsibility for the problem")
    expect(table).to_contain_text("Does not apply to this side")
    region = page.get_by_role("region", name="Candidates side by side (scrolls sideways)")
    region.focus()
    expect(region).to_be_focused()
    _axe_clean(bpage)
    page.get_by_label("Side", exact=True).select_option("entrepreneur")
    page.get_by_role("button", name="Show").click()
    expect(table).not_to_contain_text("Exempelstads kommun")
    _axe_clean(bpage)

    # Choose: a confirmation first, then the candidate is a party.
    bpage.goto(reverse("partnerships:candidate_detail", kwargs={"key": key, "pk": candidate.pk}))
    page.get_by_role("link", name="Choose as partner").click()
    expect(page.locator("body")).to_contain_text("as Social entrepreneur")
    _axe_clean(bpage)
    page.get_by_role("button", name="Choose and make it a party").click()
    expect(page.locator("body")).to_contain_text("is a party of the partnership")
    party = Party.objects.get(partnership=partnership, organisation=candidate.organisation)
    assert party.part == Party.Part.SOCIAL_ENTREPRENEUR
    candidate.refresh_from_db()
    assert candidate.status == "chosen" and candidate.party == party


def test_the_demo_candidate_pages_are_axe_clean(bpage: Any, transactional_db: Any) -> None:
    """With the demo's longer texts: Eskilstuna's list, comparison and each candidate page."""
    from django.core.management import call_command

    from accounts.models import User
    from partnerships.demo import ESKILSTUNA
    from partnerships.models import Partnership

    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    bpage.login(User.objects.get(email="kommun@demo.example"))
    partnership = Partnership.objects.get(title=ESKILSTUNA)
    key = partnership.key
    paths = [
        reverse("partnerships:candidate_list", kwargs={"key": key}),
        reverse("partnerships:candidate_compare", kwargs={"key": key}),
    ]
    for candidate in Candidate.objects.filter(partnership=partnership):
        for name in ("detail", "edit", "conversation"):
            paths.append(
                reverse(f"partnerships:candidate_{name}", kwargs={"key": key, "pk": candidate.pk})
            )
    for path in paths:
        response = bpage.goto(path)
        assert response is not None and response.status == 200, path
        _axe_clean(bpage)
