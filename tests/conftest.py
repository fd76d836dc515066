"""Shared fixtures: alice the owner, and one user per role on one partnership."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest
from allauth.account.models import EmailAddress, EmailConfirmationHMAC
from django.conf import settings
from django.utils import translation

from partnerships.models import Role, SteeringDocument
from partnerships.tokens import invitation_token

from .factories import (
    InvitationFactory,
    MembershipFactory,
    OrganisationFactory,
    PartnershipFactory,
    PartyFactory,
    UserFactory,
)

REQUIRE_SERVICES = os.environ.get("REQUIRE_SERVICES") == "1"
REQUIRE_BROWSER = os.environ.get("REQUIRE_BROWSER") == "1"


def skip_or_fail(reason: str, required: bool) -> None:
    """Skip with the reason printed, or fail when the environment says it is required."""
    if required:
        pytest.fail(f"{reason} (required by REQUIRE_SERVICES/REQUIRE_BROWSER=1)", pytrace=False)
    pytest.skip(reason)


def chromium_path() -> str | None:
    for candidate in (
        os.environ.get("CHROMIUM_PATH"),
        "chromium",
        "chromium-browser",
        "google-chrome",
    ):
        if candidate and (found := shutil.which(candidate)):
            return found
    return None


# Later apps append functions that add their records and URL samples to the world.
WORLD_EXTENSIONS: list[Any] = []


@dataclass
class World:
    partnership: Any
    users: dict[str, Any]
    party: Any
    invitation: Any
    samples: dict[str, dict[str, Any]] = field(default_factory=dict)


@pytest.fixture
def world(db: Any) -> World:
    """One partnership with a member in every role, an outsider, and a party."""
    partnership = PartnershipFactory()
    users = {"outsider": UserFactory(email="outsider@example.org")}
    for role in (Role.VIEWER, Role.EDITOR, Role.FACILITATOR, Role.OWNER):
        membership = MembershipFactory(
            partnership=partnership, role=role, user=UserFactory(email=f"{role}@example.org")
        )
        users[str(role)] = membership.user
    administrator = UserFactory(email="admin-viewer@example.org", is_superuser=True, is_staff=True)
    MembershipFactory(partnership=partnership, role=Role.VIEWER, user=administrator)
    users["superuser_viewer"] = administrator
    party = PartyFactory(
        partnership=partnership, organisation=OrganisationFactory(name="Right By Me")
    )
    invitation = InvitationFactory(partnership=partnership, email="newcomer@example.org")
    world = World(partnership=partnership, users=users, party=party, invitation=invitation)
    viewer_membership = partnership.memberships.get(user=users["viewer"])
    address = EmailAddress.objects.get(user=users["outsider"])
    world.samples = {
        "account_confirm_email": {"key": EmailConfirmationHMAC(address).key},
        "account_reset_password_from_key": {"uidb36": "1", "key": "set-by-token"},
        "partnerships:party_remove": {"pk": party.pk},
        "partnerships:member_role": {"pk": viewer_membership.pk},
        "partnerships:member_remove": {"pk": viewer_membership.pk},
        "partnerships:invitation_revoke": {"pk": invitation.pk},
        "partnerships:invitation_accept": {"token": invitation_token(invitation)},
        "partnerships:pending_invitation_accept": {"pk": invitation.pk},
        "partnerships:pending_invitation_decline": {"pk": invitation.pk},
        "partnerships:organisation_detail": {"pk": party.organisation.pk},
        "partnerships:organisation_edit": {"pk": party.organisation.pk},
        # The admin's history pages answer a malformed UUID with a server error of its own.
        **{
            f"admin:partnerships_organisation_{view}": {"object_id": str(party.organisation.pk)}
            for view in ("history", "change", "delete")
        },
        "admin:partnerships_organisation_simple_history": {"_0": str(party.organisation.pk)},
    }
    for extend in WORLD_EXTENSIONS:
        extend(world)
    return world


@pytest.fixture
def english(client: Any) -> Iterator[None]:
    """Read texts in English, the language the code writes them in (Swedish is the default).
    Each request ends by resetting the language: read lazy labels inside an override."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    with translation.override("en"):
        yield


@pytest.fixture
def owner_client(client: Any, world: World) -> Any:
    client.force_login(world.users["owner"])
    return client


def _theory_of_change_world(world: World) -> None:
    """Step 3: a small chain with a link, an indicator, a revision and a steering document."""
    from theory_of_change import services as toc_services

    from .theory_of_change.factories import (
        IndicatorFactory,
        LinkFactory,
        NeedFactory,
        NodeFactory,
        OutcomeFactory,
        SteeringDocumentFactory,
        TheoryOfChangeFactory,
    )

    partnership = world.partnership
    document = SteeringDocumentFactory(partnership=partnership)
    TheoryOfChangeFactory(partnership=partnership)
    activity = NodeFactory(partnership=partnership)
    outcome = OutcomeFactory(partnership=partnership, anchored=False)
    link = LinkFactory(source=activity, target=outcome)
    indicator = IndicatorFactory(node=outcome)
    need = NeedFactory(partnership=partnership)
    # Anchored in both, as the SMART check asks: the world's goal is SMART.
    outcome.needs.add(need)
    outcome.steering_documents.add(document)
    revision = toc_services.revision_create(
        partnership=partnership,
        revised_on=indicator.baseline_date,
        reason="Första versionen",
        user=None,
    )
    world.samples.update(
        {
            "partnerships:steering_edit": {"pk": document.pk},
            "partnerships:steering_delete": {"pk": document.pk},
            "theory_of_change:node_edit": {"pk": outcome.pk},
            "theory_of_change:node_delete": {"pk": activity.pk},
            "theory_of_change:node_move": {"pk": activity.pk},
            "theory_of_change:template": {"template": "guided"},
            "theory_of_change:indicator_add": {"pk": outcome.pk},
            "theory_of_change:link_edit": {"pk": link.pk},
            "theory_of_change:link_delete": {"pk": link.pk},
            "theory_of_change:indicator_edit": {"pk": indicator.pk},
            "theory_of_change:indicator_delete": {"pk": indicator.pk},
            "theory_of_change:need_edit": {"pk": need.pk},
            "theory_of_change:need_delete": {"pk": need.pk},
            "theory_of_change:revision_detail": {"number": revision.number},
            "theory_of_change:revision_restore": {"number": revision.number},
        }
    )


WORLD_EXTENSIONS.append(_theory_of_change_world)


def _history_world(world: World) -> None:
    """A deleted steering document, for the restore-from-history URL."""
    from .theory_of_change.factories import SteeringDocumentFactory

    gone = SteeringDocumentFactory(partnership=world.partnership, title="Gammal budget")
    pk = gone.pk
    gone.delete()
    deletion = SteeringDocument.history.get(id=pk, history_type="-")
    world.samples["partnerships:history_restore"] = {
        "model": "partnerships.steeringdocument",
        "history_id": deletion.history_id,
    }


WORLD_EXTENSIONS.append(_history_world)


def _restorable_world(world: World) -> None:
    """What was removed and can be brought back: a party, a steering document, a member who
    was removed, and a withdrawn invitation."""
    from django.utils import timezone

    from partnerships import services

    partnership = world.partnership
    removed_party = services.party_remove(
        party=PartyFactory(
            partnership=partnership, organisation=OrganisationFactory(name="Fd. part AB")
        )
    )
    removed_document = services.steering_document_delete(
        document=services.steering_document_create(
            partnership=partnership, title="Gammal handlingsplan", kind="action_plan"
        )
    )
    former = MembershipFactory(
        partnership=partnership, role=Role.EDITOR, user=UserFactory(email="former@example.org")
    )
    services.membership_remove(membership=former, by=world.users["owner"])
    withdrawn = InvitationFactory(
        partnership=partnership, email="withdrawn@example.org", revoked_at=timezone.now()
    )
    world.samples.update(
        {
            "partnerships:party_restore": {"pk": removed_party.pk},
            "partnerships:steering_restore": {"pk": removed_document.pk},
            "partnerships:member_restore": {"pk": former.user.pk},
            "partnerships:invitation_reopen": {"pk": withdrawn.pk},
        }
    )


WORLD_EXTENSIONS.append(_restorable_world)


def _funding_world(world: World) -> None:
    """Step 1: a funding call to edit and remove, and one removed to restore."""
    from partnerships import services

    from .factories import FundingCallFactory

    call = FundingCallFactory(partnership=world.partnership, title="Social innovation 2026")
    removed = services.funding_call_remove(
        call=FundingCallFactory(partnership=world.partnership, title="Gammal utlysning")
    )
    world.samples.update(
        {
            "partnerships:funding_edit": {"pk": call.pk},
            "partnerships:funding_delete": {"pk": call.pk},
            "partnerships:funding_restore": {"pk": removed.pk},
        }
    )


WORLD_EXTENSIONS.append(_funding_world)


def _glossary_world(world: World) -> None:
    """Step 2: a glossary term to edit and remove, and one removed to restore."""
    from partnerships import services

    term = services.glossary_term_create(partnership=world.partnership, term="Deltagare")
    removed = services.glossary_term_remove(
        glossary_term=services.glossary_term_create(partnership=world.partnership, term="Insats")
    )
    world.samples.update(
        {
            "partnerships:glossary_edit": {"pk": term.pk},
            "partnerships:glossary_delete": {"pk": term.pk},
            "partnerships:glossary_restore": {"pk": removed.pk},
        }
    )


WORLD_EXTENSIONS.append(_glossary_world)


def _orgchart_world(world: World) -> None:
    """Step 1: the party's organisation has a chart (a unit, a removed one), a document of
    its own not used yet, and a document the partnership uses."""
    from partnerships.models import SteeringDocument
    from partnerships.orgchart import services as orgchart

    organisation = world.party.organisation
    unit = orgchart.unit_create(organisation=organisation, name="Styrelsen", kind="committee")
    gone = orgchart.unit_create(organisation=organisation, name="Gamla enheten", kind="unit")
    orgchart.unit_remove(unit=gone)
    # Entered elsewhere (not in this partnership): `partnership.steering_documents` is where a
    # document was entered, and the world's tests expect one there.
    used = SteeringDocument.objects.create(
        organisation=organisation, title="Verksamhetsplan", kind="action_plan"
    )
    orgchart.steering_document_use(partnership=world.partnership, document=used)
    spare = SteeringDocument.objects.create(
        organisation=organisation, title="Strategi för unga", kind="policy"
    )
    world.samples.update(
        {
            "partnerships:organisation_chart": {"pk": organisation.pk},
            "partnerships:org_unit_create": {"pk": organisation.pk},
            "partnerships:org_unit_edit": {"pk": organisation.pk, "unit_pk": unit.pk},
            "partnerships:org_unit_remove": {"pk": organisation.pk, "unit_pk": unit.pk},
            "partnerships:org_unit_restore": {"pk": organisation.pk, "unit_pk": gone.pk},
            "partnerships:party_unit": {"pk": world.party.pk},
            "partnerships:steering_use": {"pk": spare.pk},
            "partnerships:steering_drop": {"pk": used.pk},
        }
    )


WORLD_EXTENSIONS.append(_orgchart_world)


def _trust_world(world: World) -> None:
    """Step 2: the world's party's perspective and organisational context pages."""
    world.samples.update(
        {
            "partnerships:perspective_edit": {"pk": world.party.pk},
            "partnerships:context_edit": {"pk": world.party.pk},
        }
    )


def _contacts_world(world: World) -> None:
    """Step 1: a contact to edit, remove and erase, one removed to restore, and a relationship
    plan entry to edit and remove, and one removed to restore."""
    from partnerships.contacts import services

    organisation = world.party.organisation
    contact = services.contact_create(
        partnership=world.partnership, organisation=organisation, name="Anna Exempel"
    )
    other = services.contact_create(
        partnership=world.partnership, organisation=organisation, name="Bo Exempel"
    )
    removed = services.contact_remove(
        contact=services.contact_create(
            partnership=world.partnership, organisation=organisation, name="Cecilia Exempel"
        )
    )
    entry = services.relationship_entry_create(
        partnership=world.partnership, contact=contact, why="Beslutar om enheten"
    )
    removed_entry = services.relationship_entry_remove(
        entry=services.relationship_entry_create(
            partnership=world.partnership, contact=other, why="Känner målgruppen"
        )
    )
    world.samples.update(
        {
            "partnerships:contact_edit": {"pk": contact.pk},
            "partnerships:contact_remove": {"pk": contact.pk},
            "partnerships:contact_erase": {"pk": contact.pk},
            "partnerships:contact_restore": {"pk": removed.pk},
            "partnerships:relationship_edit": {"pk": entry.pk},
            "partnerships:relationship_remove": {"pk": entry.pk},
            "partnerships:relationship_restore": {"pk": removed_entry.pk},
        }
    )


WORLD_EXTENSIONS.append(_trust_world)
WORLD_EXTENSIONS.append(_contacts_world)


def _candidates_world(world: World) -> None:
    """Step 1: a candidate to read, edit, choose, decline and remove, and a removed one."""
    from partnerships.candidates import services as candidate_services

    candidate = candidate_services.candidate_create(
        partnership=world.partnership, organisation=OrganisationFactory(name="Kandidat AB")
    )
    removed = candidate_services.candidate_remove(
        candidate=candidate_services.candidate_create(
            partnership=world.partnership, organisation=OrganisationFactory(name="Fd. kandidat")
        )
    )
    world.samples.update(
        {
            f"partnerships:candidate_{name}": {"pk": candidate.pk}
            for name in ("detail", "edit", "conversation", "choose", "decline", "delete")
        }
    )
    world.samples["partnerships:candidate_restore"] = {"pk": removed.pk}


WORLD_EXTENSIONS.append(_candidates_world)


def _plan_world(world: World) -> None:
    """Step 4: a plan activity to edit, remove and give roles, a risk, and one of each removed
    to restore."""
    from partnerships.plan import services as plan_services

    activity = plan_services.plan_activity_create(
        partnership=world.partnership, title="Gruppträffar"
    )
    plan_services.raci_set(activity=activity, party=world.party, role="R")
    removed = plan_services.plan_activity_remove(
        activity=plan_services.plan_activity_create(
            partnership=world.partnership, title="Gammal aktivitet"
        )
    )
    risk = plan_services.risk_create(
        partnership=world.partnership, title="Deltagare hoppar av", owner=world.party
    )
    removed_risk = plan_services.risk_remove(
        risk=plan_services.risk_create(partnership=world.partnership, title="Lokalen försvinner")
    )
    plan_services.ways_of_working_update(
        partnership=world.partnership, expected_version=1, channels="Teams"
    )
    world.samples.update(
        {
            "partnerships:plan_risk_edit": {"pk": risk.pk},
            "partnerships:plan_risk_delete": {"pk": risk.pk},
            "partnerships:plan_risk_restore": {"pk": removed_risk.pk},
            "partnerships:plan_activity_edit": {"pk": activity.pk},
            "partnerships:plan_activity_delete": {"pk": activity.pk},
            "partnerships:plan_activity_restore": {"pk": removed.pk},
            "partnerships:plan_raci_row": {"pk": activity.pk},
        }
    )


WORLD_EXTENSIONS.append(_plan_world)


def _resources_world(world: World) -> None:
    """Step 4: something the party brings, to edit and remove, and one removed to restore."""
    from partnerships.plan import resources_services

    item = resources_services.resource_item_create(
        partnership=world.partnership, party=world.party, kind="premises", description="Lokal"
    )
    removed = resources_services.resource_item_remove(
        item=resources_services.resource_item_create(
            partnership=world.partnership,
            party=world.party,
            kind="staff",
            direction="lacks",
            description="Fler coacher",
        )
    )
    world.samples.update(
        {
            "partnerships:plan_resource_edit": {"pk": item.pk},
            "partnerships:plan_resource_delete": {"pk": item.pk},
            "partnerships:plan_resource_restore": {"pk": removed.pk},
        }
    )


WORLD_EXTENSIONS.append(_resources_world)


def _plan_revisions_world(world: World) -> None:
    """Step 4: the plan published as revision 1, to read, compare and approve."""
    from partnerships.plan.revisions import services as revision_services

    revision = revision_services.plan_revision_publish(
        partnership=world.partnership, user=world.users["owner"], reason="Första versionen"
    )
    world.samples["partnerships:plan_revision_detail"] = {"number": revision.number}
    world.samples["partnerships:plan_revision_approve"] = {"number": revision.number}


WORLD_EXTENSIONS.append(_plan_revisions_world)


def _meetings_world(world: World) -> None:
    """Step 2: a meeting with an action, a removed meeting, and an active calendar feed."""
    from datetime import datetime
    from zoneinfo import ZoneInfo

    from partnerships.meetings import services as meeting_services

    tz = ZoneInfo("Europe/Stockholm")
    meeting = meeting_services.meeting_create(
        partnership=world.partnership,
        kind="co_creation",
        title="Heldag om målgruppen",
        starts_at=datetime(2025, 1, 14, 9, 0, tzinfo=tz),
        ends_at=datetime(2025, 1, 14, 16, 0, tzinfo=tz),
        members=[world.users["editor"]],
    )
    action = meeting_services.meeting_action_create(meeting=meeting, what="Boka lokal")
    removed = meeting_services.meeting_remove(
        meeting=meeting_services.meeting_create(
            partnership=world.partnership,
            kind="informal",
            title="Fika",
            starts_at=datetime(2025, 2, 1, 15, 0, tzinfo=tz),
            ends_at=datetime(2025, 2, 1, 16, 0, tzinfo=tz),
        )
    )
    feed = meeting_services.calendar_feed_create(
        partnership=world.partnership, user=world.users["owner"]
    )
    world.samples.update(
        {
            "partnerships:meeting_detail": {"pk": meeting.pk},
            "partnerships:meeting_edit": {"pk": meeting.pk},
            "partnerships:meeting_delete": {"pk": meeting.pk},
            "partnerships:meeting_ics": {"pk": meeting.pk},
            "partnerships:action_add": {"pk": meeting.pk},
            "partnerships:meeting_restore": {"pk": removed.pk},
            "partnerships:action_edit": {"pk": action.pk},
            "partnerships:action_done": {"pk": action.pk},
            "partnerships:action_delete": {"pk": action.pk},
            "partnerships:calendar_feed": {"token": feed.token},
        }
    )


WORLD_EXTENSIONS.append(_meetings_world)


def _costing_world(world: World) -> None:
    """Step 5: a financing form, a staff category and a cost line to edit and remove, and one
    of each removed to restore."""
    from datetime import date
    from decimal import Decimal

    from costing import services

    partnership = world.partnership
    arrangement = services.financing_create(
        partnership=partnership, form="esf", status="active", amount=Decimal("500000")
    )
    gone_arrangement = services.financing_remove(
        arrangement=services.financing_create(partnership=partnership, form="iop")
    )
    category = services.staff_category_create(
        partnership=partnership, name="Coach", hourly_rate=Decimal("450")
    )
    gone_category = services.staff_category_remove(
        category=services.staff_category_create(
            partnership=partnership, name="Konsult", hourly_rate=Decimal("900")
        )
    )
    line = services.cost_line_create(
        partnership=partnership,
        activity="Coachning",
        year=2024,
        kind="staff",
        staff_category=category,
        quantity=Decimal("10"),
    )
    gone_line = services.cost_line_remove(
        line=services.cost_line_create(
            partnership=partnership,
            activity="Resor",
            year=2024,
            kind="travel",
            quantity=Decimal("2"),
            unit_price=Decimal("100"),
        )
    )
    report = services.time_report_create(
        partnership=partnership,
        party=world.party,
        person="Amira",
        staff_category=category,
        worked_on=date(2024, 3, 5),
        hours=8,
        activity="Coachning",
    )
    gone_report = services.time_report_remove(
        report=services.time_report_create(
            partnership=partnership,
            party=world.party,
            person="Erik",
            staff_category=category,
            worked_on=date(2024, 3, 6),
            hours=2,
            activity="Coachning",
        )
    )
    world.samples.update(
        {
            "costing:time_edit": {"pk": report.pk},
            "costing:time_remove": {"pk": report.pk},
            "costing:time_restore": {"pk": gone_report.pk},
            "costing:financing_edit": {"pk": arrangement.pk},
            "costing:financing_remove": {"pk": arrangement.pk},
            "costing:financing_restore": {"pk": gone_arrangement.pk},
            "costing:staff_edit": {"pk": category.pk},
            "costing:staff_remove": {"pk": category.pk},
            "costing:staff_restore": {"pk": gone_category.pk},
            "costing:line_edit": {"pk": line.pk},
            "costing:line_remove": {"pk": line.pk},
            "costing:line_restore": {"pk": gone_line.pk},
        }
    )


WORLD_EXTENSIONS.append(_costing_world)


def _ready_version(world: World, kind: str, data: dict[str, Any]) -> dict[str, int]:
    """A ready PDF version of one kind (a stand-in file: no rendering here), as URL kwargs."""
    from costing.documents import services
    from costing.tasks import claim

    document = services.document_generate(
        partnership=world.partnership, kind=kind, data=data, language="sv", created_by=None
    )
    claimed = claim(document.pk)
    assert claimed is not None
    services.document_store_pdf(document=claimed, pdf=b"%PDF-1.4\n%stand-in\n")
    return {"number": document.number}


def _memo_world(world: World) -> None:
    """Step 5: a ready PDF version of the memo, of the theory of change and of the plan."""
    sample = _ready_version(
        world, "tjansteutlatande", {"memo": {"registration_number": "KS 2026/1"}}
    )
    world.samples.update(
        {
            "costing:memo_download": sample,
            "costing:memo_retry": sample,
            "costing:memo_decision": sample,
        }
    )
    titled = {"partnership": {"title": world.partnership.title}}
    for kind, slug in (("theory_of_change", "toc_pdf"), ("collaboration_plan", "plan_pdf")):
        sample = _ready_version(world, kind, titled)
        world.samples.update({f"costing:{slug}_download": sample, f"costing:{slug}_retry": sample})


WORLD_EXTENSIONS.append(_memo_world)


def _decision_world(world: World) -> None:
    """Step 5: a budget line (in a budget the partnership uses) and a value assumption to edit
    and remove, one of each removed to restore, and a municipality code for the portfolio."""
    from decimal import Decimal

    from costing.decision import services
    from partnerships.orgchart import services as orgchart

    partnership = world.partnership
    # The municipality's budget, entered once for the organisation (not in this partnership:
    # `partnership.steering_documents` is where a document was entered, and the world's tests
    # expect one there), used by the partnership.
    budget = SteeringDocument.objects.create(
        organisation=world.party.organisation,
        kind=SteeringDocument.Kind.BUDGET,
        title="Kommunens budget",
    )
    orgchart.steering_document_use(partnership=partnership, document=budget)
    line = services.budget_line_create(
        partnership=partnership,
        steering_document=budget,
        title="Arbetsmarknadsinsatser",
        yearly_amount=Decimal("500000"),
        year=2024,
    )
    gone_line = services.budget_line_remove(
        line=services.budget_line_create(
            partnership=partnership,
            steering_document=budget,
            title="Gammal rad",
            yearly_amount=Decimal("1000"),
            year=2023,
        )
    )
    assumption = services.value_assumption_create(
        partnership=partnership,
        role="people_helped",
        label="Unga i arbete",
        value=Decimal("30"),
        unit="personer",
        source="Uppföljningen",
    )
    gone_assumption = services.value_assumption_remove(
        assumption=services.value_assumption_create(
            partnership=partnership,
            label="Gammalt antagande",
            value=Decimal("1"),
            unit="st",
            source="Exempel",
        )
    )
    world.samples.update(
        {
            "costing:budget_edit": {"pk": line.pk},
            "costing:budget_remove": {"pk": line.pk},
            "costing:budget_restore": {"pk": gone_line.pk},
            "costing:assumption_edit": {"pk": assumption.pk},
            "costing:assumption_remove": {"pk": assumption.pk},
            "costing:assumption_restore": {"pk": gone_assumption.pk},
            "costing:portfolio_municipality": {"code": "0484"},
        }
    )


WORLD_EXTENSIONS.append(_decision_world)


@pytest.fixture(autouse=True)
def _reference_data(request: Any) -> None:
    """Transactional tests flush every table, the migrated municipality register included:
    load it again so that each such test starts from the same reference data."""
    marker = request.node.get_closest_marker("django_db")
    transactional = "transactional_db" in request.fixturenames or (
        marker is not None and marker.kwargs.get("transaction", False)
    )
    if transactional:
        from partnerships.models import Municipality
        from partnerships.reference import load_municipalities

        request.getfixturevalue("transactional_db")
        load_municipalities(Municipality)
