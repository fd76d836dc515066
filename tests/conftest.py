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
    from partnerships.models import SteeringDocument

    partnership = world.partnership
    removed_party = services.party_remove(
        party=PartyFactory(
            partnership=partnership, organisation=OrganisationFactory(name="Fd. part AB")
        )
    )
    removed_document = services.steering_document_delete(
        document=SteeringDocument.objects.create(
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


def _memo_world(world: World) -> None:
    """Step 5: a ready PDF version of the memo (a stand-in file: no rendering here)."""
    from costing.documents import services
    from costing.tasks import claim

    document = services.document_generate(
        partnership=world.partnership,
        kind="tjansteutlatande",
        data={"memo": {"registration_number": "KS 2026/1"}},
        language="sv",
        created_by=None,
    )
    claimed = claim(document.pk)
    assert claimed is not None
    services.document_store_pdf(document=claimed, pdf=b"%PDF-1.4\n%stand-in\n")
    sample = {"number": document.number}
    world.samples.update(
        {
            "costing:memo_download": sample,
            "costing:memo_retry": sample,
            "costing:memo_decision": sample,
        }
    )


WORLD_EXTENSIONS.append(_memo_world)


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
