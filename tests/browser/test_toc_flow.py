"""Step 3 in a real browser: build a small chain from nothing, make a goal SMART, watch the
diagram and the SMART panel follow, with the keyboard focus kept where the work goes on."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from partnerships.models import Role
from tests.factories import MembershipFactory, PartnershipFactory, UserFactory
from tests.theory_of_change.factories import NeedFactory, SteeringDocumentFactory
from theory_of_change.models import Indicator, Level, Node

from .conftest import describe_violations

pytestmark = pytest.mark.browser


def _add_node(page: Any, level: int, title: str) -> None:
    form = page.locator("#node-add-form")
    form.locator("#id_node-level").select_option(str(level))
    form.locator("#id_node-title").fill(title)
    form.locator("button[type=submit]").click()
    page.locator(".toc-node-title", has_text=title).wait_for()


def _smart_cell(page: Any, node: Node, column: int) -> Any:
    # Columns: 1 outcome (th), then S M A R T in td 1..5.
    return page.locator(f"#smart-row-{node.pk} td").nth(column - 1)


def test_build_a_chain_make_a_goal_smart_and_see_the_diagram_follow(
    bpage: Any, transactional_db: Any
) -> None:
    from playwright.sync_api import expect

    owner = UserFactory(email="agare@example.org")
    partnership = PartnershipFactory(title="Tom samverkan")
    MembershipFactory(user=owner, partnership=partnership, role=Role.OWNER)
    # A need of the target group and a steering document, for the goal to be anchored in both.
    NeedFactory(partnership=partnership, need="Arbetslivserfarenhet och referenser")
    SteeringDocumentFactory(partnership=partnership, title="Arbetsmarknadsplan")
    bpage.login(owner)
    page = bpage.page
    # English, so the assertions read the texts as written in the code.
    page.context.add_cookies([{"name": "django_language", "value": "en", "url": bpage.base_url}])
    bpage.goto(reverse("theory_of_change:page", kwargs={"key": partnership.key}))
    expect(page.locator("h1")).to_have_text("Theory of change")
    expect(page.locator("#smart")).to_contain_text("No outcome has a goal yet")
    assert bpage.axe() == [], describe_violations(bpage.axe())

    # Two nodes, added in place: the new node's heading takes the focus.
    _add_node(page, Level.ACTIVITY, "Arvoderade uppdrag")
    activity = Node.objects.get(partnership=partnership, title="Arvoderade uppdrag")
    expect(page.locator(f"#node-title-{activity.pk}")).to_be_focused()
    expect(page.locator("#toc-status")).to_contain_text("was added")
    _add_node(page, Level.SHORT_TERM, "Deltagarna har arbetslivserfarenhet")
    outcome = Node.objects.get(partnership=partnership, title="Deltagarna har arbetslivserfarenhet")
    expect(page.locator(".toc-diagram svg")).to_contain_text("Short-term outcome")

    # A link backwards is refused, and the message names both levels.
    links = page.locator("#link-add-form")
    links.locator("#id_link-source").select_option(str(outcome.pk))
    links.locator("#id_link-target").select_option(str(activity.pk))
    links.locator("button[type=submit]").click()
    refusal = page.locator("#link-add-form .alert-danger")
    expect(refusal).to_contain_text("Short-term outcome")
    expect(refusal).to_contain_text("Activity")
    expect(refusal).to_be_focused()

    # The link the right way round appears in the diagram.
    links = page.locator("#link-add-form")
    links.locator("#id_link-source").select_option(str(activity.pk))
    links.locator("#id_link-target").select_option(str(outcome.pk))
    links.locator("#id_link-assumptions").fill("Det finns uppdrag att erbjuda.")
    links.locator("button[type=submit]").click()
    expect(page.locator(f"#node-{activity.pk} .toc-links")).to_contain_text(
        "Deltagarna har arbetslivserfarenhet"
    )
    expect(page.locator(".toc-diagram svg path title")).to_have_count(1)

    # Write the goal: specific, achievable and relevant pass; measurable and time-bound do not.
    edit = page.locator(f"#node-edit-{outcome.pk}")
    expect(edit).to_have_accessible_name("Write the goal Deltagarna har arbetslivserfarenhet")
    edit.click()
    form = page.locator(f"#edit-form-node-{outcome.pk}")
    expect(form.locator("#id_level")).to_be_focused()
    form.locator("#id_goal_statement").fill(
        "Deltagarna kan visa upp arbetslivserfarenhet och en referens."
    )
    form.locator("#id_addresses_target_group").check()
    form.locator("#id_achievability_evidence").select_option("pilot")
    form.locator("#id_achievability").fill("Tidigare grupper har fått referenser genom uppdragen.")
    form.locator("#id_needs_0").check()
    form.locator("#id_steering_documents_0").check()
    form.locator("button[type=submit]").click()
    expect(page.locator(f"#node-title-{outcome.pk}")).to_be_focused()
    expect(_smart_cell(page, outcome, 1)).to_contain_text("Yes")
    expect(_smart_cell(page, outcome, 2)).to_contain_text("Add an indicator")
    expect(page.locator(".toc-diagram svg")).to_contain_text("Goal: 3 of 5 SMART")

    # An indicator with unit, baseline and target: measurable; no target date yet.
    page.locator(f"#node-indicator-{outcome.pk}").click()
    form = page.locator(f"#edit-form-indicator_add-{outcome.pk}")
    form.locator("#id_name").fill("Andel deltagare med referens")
    form.locator("#id_unit").fill("%")
    form.locator("#id_baseline_value").fill("0")
    form.locator("#id_baseline_date").fill("2024-01-15")
    form.locator("#id_target_value").fill("60")
    form.locator("button[type=submit]").click()
    expect(_smart_cell(page, outcome, 2)).to_contain_text("Yes")
    expect(_smart_cell(page, outcome, 5)).to_contain_text("needs a target date")
    expect(page.locator("#smart")).to_contain_text("0 SMART goals")

    # The target date makes the goal SMART: the panel counts it and the diagram says so.
    indicator = Indicator.objects.get(node=outcome)
    # Editing an indicator: open the outcome, then the indicator's own form.
    page.locator(f"#node-edit-{outcome.pk}").click()
    page.locator(f"#indicator-edit-{indicator.pk}").click()
    form = page.locator(f"#edit-form-indicator-{indicator.pk}")
    form.locator("#id_target_date").fill("2025-06-30")
    form.locator("button[type=submit]").click()
    expect(_smart_cell(page, outcome, 5)).to_contain_text("Yes")
    expect(page.locator("#smart")).to_contain_text("1 SMART goal")
    expect(page.locator(".toc-diagram svg")).to_contain_text("SMART goal ✓")
    expect(page.locator("#toc-status")).to_contain_text("was saved")

    # Deleting asks first, in place, with the focus on the question; confirming deletes and
    # says how to undo.
    page.locator(f"#node-edit-{outcome.pk}").click()
    page.locator(f"#indicator-delete-{indicator.pk}").click()
    confirm = page.locator(f"#edit-form-delete-{indicator.pk}")
    expect(confirm).to_be_focused()
    expect(confirm).to_contain_text("Delete the indicator")
    assert bpage.axe() == [], describe_violations(bpage.axe())
    confirm.locator("button[type=submit]").click()
    expect(page.locator("#toc-status")).to_contain_text("history page")
    assert not Indicator.objects.filter(pk=indicator.pk).exists()

    violations = bpage.axe()
    assert violations == [], describe_violations(violations)
    assert bpage.console_errors == []


def test_every_step_3_page_passes_axe(bpage: Any, transactional_db: Any) -> None:
    """Each kind of page once, including each form opened in place, in Swedish and English."""
    from tests.theory_of_change.factories import (
        IndicatorFactory,
        LinkFactory,
        NodeFactory,
        OutcomeFactory,
        TheoryOfChangeFactory,
    )
    from theory_of_change import services

    owner = UserFactory(email="agare@example.org")
    partnership = PartnershipFactory(title="Samverkan med kedja")
    MembershipFactory(user=owner, partnership=partnership, role=Role.OWNER)
    document = SteeringDocumentFactory(partnership=partnership)
    TheoryOfChangeFactory(partnership=partnership)
    activity = NodeFactory(partnership=partnership)
    outcome = OutcomeFactory(partnership=partnership)
    link = LinkFactory(source=activity, target=outcome, assumptions="Uppdrag finns")
    indicator = IndicatorFactory(node=outcome)
    need = outcome.needs.get()
    services.revision_create(
        partnership=partnership, revised_on=indicator.baseline_date, reason="Start", user=owner
    )
    outcome.title = "Ändrad efter revisionen"
    outcome.save()

    def toc(name: str, **kwargs: Any) -> str:
        return reverse(f"theory_of_change:{name}", kwargs={"key": partnership.key, **kwargs})

    def steering(name: str, **kwargs: Any) -> str:
        return reverse(f"partnerships:{name}", kwargs={"key": partnership.key, **kwargs})

    pages = [
        toc("page"),
        toc("edit"),
        toc("node_edit", pk=outcome.pk),
        toc("node_edit", pk=activity.pk),
        toc("indicator_add", pk=outcome.pk),
        toc("indicator_edit", pk=indicator.pk),
        toc("link_edit", pk=link.pk),
        toc("revision_list"),
        toc("revision_create"),
        toc("revision_detail", number=1),
        toc("revision_restore", number=1),
        toc("node_delete", pk=outcome.pk),
        toc("link_delete", pk=link.pk),
        toc("indicator_delete", pk=indicator.pk),
        toc("revision_compare"),
        toc("import"),
        toc("need_add"),
        toc("need_edit", pk=need.pk),
        toc("need_delete", pk=need.pk),
        steering("steering_list"),
        steering("steering_create"),
        steering("steering_edit", pk=document.pk),
    ]
    bpage.login(owner)
    failures = []
    for language in ("sv", "en"):
        bpage.page.context.add_cookies(
            [{"name": "django_language", "value": language, "url": bpage.base_url}]
        )
        for path in pages:
            bpage.console_errors.clear()
            response = bpage.goto(path)
            assert response is not None and response.status == 200, path
            violations = bpage.axe()
            if violations:
                failures.append(f"{language} {path}:\n{describe_violations(violations)}")
            if bpage.console_errors:
                failures.append(f"{language} {path}: {bpage.console_errors}")
    assert not failures, "\n".join(failures)
