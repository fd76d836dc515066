"""Revisions of the collaboration plan: the snapshot's round trip and its trusted reader, the
comparison of two hand-made revisions, approvals (who may give them, and how an edit makes the
plan a draft again), step 4's check, the timeline's axis, the pages and the demo."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from partnerships import services as partnership_services
from partnerships.models import Party, Role
from partnerships.plan import services
from partnerships.plan.models import PlanActivity, Risk, WaysOfWorking
from partnerships.plan.revisions import selectors
from partnerships.plan.revisions import services as revisions
from partnerships.plan.revisions.compare import compare
from partnerships.plan.revisions.models import PlanApproval, PlanRevision
from partnerships.plan.revisions.serialise import (
    SCHEMA_VERSION,
    plan_from_snapshot,
    plan_to_dict,
    same_plan,
)
from partnerships.plan.revisions.timeline import build
from partnerships.plan.steps import plan_approved
from tests.factories import (
    MembershipFactory,
    OrganisationFactory,
    PartnershipFactory,
    PartyFactory,
    UserFactory,
)

# A small plan ---------------------------------------------------------------------------------


class Plan:
    """A partnership with a municipality and an entrepreneur, a representative of each (an
    editor and the owner), an editor of neither, a viewer, and a plan with two activities."""

    def __init__(self) -> None:
        self.partnership = PartnershipFactory(title="Samverkan i Årby")
        self.kommun = PartyFactory(
            partnership=self.partnership,
            organisation=OrganisationFactory(name="Årby kommun"),
            part=Party.Part.LEAD_MUNICIPALITY,
        )
        self.se = PartyFactory(
            partnership=self.partnership,
            organisation=OrganisationFactory(name="Unga Jobb AB"),
            part=Party.Part.SOCIAL_ENTREPRENEUR,
        )
        self.funder = PartyFactory(
            partnership=self.partnership,
            organisation=OrganisationFactory(name="Stiftelsen Pengar"),
            part=Party.Part.FUNDER,
        )
        self.karin = self._member("karin@example.org", "Karin K", "Årby kommun", Role.OWNER)
        self.elias = self._member("elias@example.org", "Elias E", " unga  jobb ab ", Role.EDITOR)
        self.other = self._member("other@example.org", "Olle O", "Annan AB", Role.EDITOR)
        self.viewer = self._member("viewer@example.org", "Vera V", "Årby kommun", Role.VIEWER)
        self.outreach = services.plan_activity_create(
            partnership=self.partnership,
            title="Uppsökande arbete",
            start_month=dt.date(2025, 3, 1),
            end_month=dt.date(2025, 8, 1),
            status=PlanActivity.Status.ONGOING,
            responsible_party=self.se,
            responsible_person=self.elias,
            planned_participants=40,
            what="Möten där de unga finns",
        )
        self.meetings = services.plan_activity_create(
            partnership=self.partnership, title="Gruppträffar", start_month=dt.date(2025, 5, 1)
        )
        for activity in (self.outreach, self.meetings):
            services.raci_set(activity=activity, party=self.se, role="R")
            services.raci_set(activity=activity, party=self.kommun, role="A")
            services.raci_set(activity=activity, party=self.funder, role="I")
        services.ways_of_working_update(
            partnership=self.partnership,
            expected_version=1,
            channels="Teams",
            operational_cadence=WaysOfWorking.Cadence.WEEKLY,
            strategic_cadence=WaysOfWorking.Cadence.QUARTERLY,
            conflict_process="Först på veckomötet",
        )
        self.risk = services.risk_create(
            partnership=self.partnership, title="Lokalen försvinner", owner=self.kommun
        )

    def _member(self, email: str, name: str, organisation: str, role: str) -> Any:
        user = UserFactory(email=email, name=name, organisation=organisation)
        MembershipFactory(partnership=self.partnership, user=user, role=role)
        return user

    def publish(self, reason: str = "Första versionen") -> PlanRevision:
        return revisions.plan_revision_publish(
            partnership=self.partnership, user=self.karin, reason=reason
        )

    def url(self, name: str, **kwargs: Any) -> str:
        return reverse(f"partnerships:{name}", kwargs={"key": self.partnership.key, **kwargs})


@pytest.fixture
def plan(db: Any) -> Plan:
    return Plan()


# The snapshot -------------------------------------------------------------------------------


def test_snapshot_round_trip(plan: Plan) -> None:
    revision = plan.publish()
    revision.refresh_from_db()  # through the database's JSON, as a later request reads it
    assert revision.number == 1
    assert revision.snapshot["schema_version"] == SCHEMA_VERSION
    assert same_plan(revision.snapshot, plan_to_dict(plan.partnership))
    read = plan_from_snapshot(revision.snapshot)
    assert read.title == "Samverkan i Årby"
    assert [p.name for p in read.parties] == ["Årby kommun", "Unga Jobb AB", "Stiftelsen Pengar"]
    first = read.activities[0]
    assert (first.title, first.start_month, first.end_month) == (
        "Uppsökande arbete",
        dt.date(2025, 3, 1),
        dt.date(2025, 8, 1),
    )
    assert (first.status, first.planned_participants, first.what) == (
        "ongoing",
        40,
        "Möten där de unga finns",
    )
    assert (first.responsible_party_label, first.responsible_person_label) == (
        "Unga Jobb AB",
        "Elias E",
    )
    assert first.raci == {plan.se.pk: "R", plan.kommun.pk: "A", plan.funder.pk: "I"}
    assert read.cells(first) == ["A", "R", "I"]
    assert read.ways["operational_cadence"] == "weekly"
    assert [(r.title, r.owner_label) for r in read.risks] == [("Lokalen försvinner", "Årby kommun")]
    # The parties whose approval is needed: those with R or A, not the informed funder.
    assert [p.name for p in read.approvers_needed] == ["Årby kommun", "Unga Jobb AB"]


@pytest.mark.parametrize(
    "damaged",
    [
        None,
        [],
        "text",
        {},
        {"schema_version": 99, "activities": "not a list"},
        {
            "activities": [
                {"id": "x", "title": ["a"], "start_month": "2025-13", "raci": {"q": "Z", "3": "R"}},
                {"id": 7, "start_month": "2025-06", "end_month": "2025-01", "status": 5},
                "not an object",
            ],
            "parties": [{"id": True}, {"id": 3, "organisation_label": None}],
            "risks": [{"likelihood": 9, "consequence": "high"}],
            "ways_of_working": ["no"],
        },
    ],
)
def test_the_trusted_reader_never_fails(damaged: Any) -> None:
    read = plan_from_snapshot(damaged)
    for activity in read.activities:
        assert (
            activity.start_month is None
            or activity.end_month is None
            or (activity.end_month >= activity.start_month)
        )
        assert set(activity.raci.values()) <= {"R", "A", "C", "I"}
    for risk in read.risks:
        assert risk.likelihood in (1, 2, 3) and risk.level_label
    assert len(read.ways_rows) == 7
    build(read.activities)  # the timeline reads it too


def test_renaming_an_organisation_does_not_make_a_draft_but_a_title_does(plan: Plan) -> None:
    revision = plan.publish()
    plan.kommun.organisation.name = "Årby kommun (ny)"
    plan.kommun.organisation.save()
    assert same_plan(revision.snapshot, plan_to_dict(plan.partnership))
    services.plan_activity_update(
        activity=plan.outreach, expected_version=plan.outreach.version, title="Uppsök"
    )
    assert not same_plan(revision.snapshot, plan_to_dict(plan.partnership))


def test_publishing_an_unchanged_plan_is_refused(plan: Plan, english: None) -> None:
    plan.publish()
    with pytest.raises(ValidationError, match="not changed since revision 1"):
        plan.publish("Igen")
    with pytest.raises(ValidationError):
        revisions.plan_revision_publish(partnership=plan.partnership, user=plan.karin, reason=" ")
    assert PlanRevision.objects.filter(partnership=plan.partnership).count() == 1


# Compare ------------------------------------------------------------------------------------


def _doc(**changes: Any) -> dict[str, Any]:
    """A hand-made snapshot: two parties, two activities, ways of working, one risk."""
    doc: dict[str, Any] = {
        "schema_version": 1,
        "parties": [
            {"id": 1, "part": "lead_municipality", "organisation_label": "Kommunen"},
            {"id": 2, "part": "social_entrepreneur", "organisation_label": "Entreprenören"},
        ],
        "activities": [
            {
                "id": 10,
                "title": "Uppsökande",
                "start_month": "2025-01",
                "end_month": "2025-06",
                "status": "planned",
                "raci": {"1": "A", "2": "R"},
            },
            {"id": 11, "title": "Träffar", "status": "planned", "raci": {"1": "A", "2": "R"}},
        ],
        "ways_of_working": {"channels": "Teams", "operational_cadence": "weekly"},
        "risks": [{"id": 5, "title": "Avhopp", "likelihood": 2, "consequence": 2}],
    }
    doc.update(changes)
    return doc


def test_compare_two_hand_made_revisions(english: None) -> None:
    old = _doc()
    new = _doc(
        activities=[
            {
                "id": 10,
                "title": "Uppsökande arbete",
                "start_month": "2025-01",
                "end_month": "2025-09",
                "status": "ongoing",
                "raci": {"1": "A", "2": "R"},
            },
            {"id": 12, "title": "Uppdrag", "status": "planned", "raci": {"1": "A", "2": "R"}},
        ],
        ways_of_working={"channels": "Teams och e-post", "operational_cadence": "monthly"},
        risks=[{"id": 5, "title": "Avhopp", "likelihood": 3, "consequence": 2}],
    )
    result = compare(plan_from_snapshot(old), plan_from_snapshot(new))
    assert result.activities.added == ["Uppdrag"]
    assert result.activities.removed == ["Träffar"]
    [changed] = result.activities.changed
    assert changed.label == "Uppsökande arbete"
    assert [(c.label, c.old, c.new) for c in changed.changes] == [
        ("Title", "Uppsökande", "Uppsökande arbete"),
        ("End month", "June 2025", "September 2025"),
        ("Status", "Planned", "Ongoing"),
    ]
    assert result.cells == []
    assert [(c.label, c.old, c.new) for c in result.ways] == [
        ("Communication channels and platform", "Teams", "Teams och e-post"),
        ("Operational meetings", "Every week", "Every month"),
    ]
    [risk] = result.risks.changed
    assert [(c.label, c.old, c.new) for c in risk.changes] == [("Likelihood", "Medium", "High")]
    assert result.parties.empty and not result.empty

    # A RACI cell that changes, one that is cleared, and a party that joins.
    newer = _doc(
        parties=[*old["parties"], {"id": 3, "part": "funder", "organisation_label": "Fonden"}],
        activities=[
            {**old["activities"][0], "raci": {"1": "C", "2": "R", "3": "A"}},
            {**old["activities"][1], "raci": {"1": "A"}},
        ],
    )
    result = compare(plan_from_snapshot(old), plan_from_snapshot(newer))
    assert result.parties.added == ["Fonden"]
    assert [(c.activity, c.party, c.old, c.new) for c in result.cells] == [
        ("Uppsökande", "Kommunen", "A (Accountable)", "C (Consulted)"),
        ("Uppsökande", "Fonden", "no role", "A (Accountable)"),
        ("Träffar", "Entreprenören", "R (Responsible)", "no role"),
    ]
    assert result.activities.empty
    assert compare(plan_from_snapshot(old), plan_from_snapshot(_doc())).empty


def test_the_compare_page_reads_in_words(client: Any, plan: Plan, english: None) -> None:
    plan.publish()
    services.raci_set(activity=plan.meetings, party=plan.funder, role="C")
    services.plan_activity_update(
        activity=plan.outreach, expected_version=plan.outreach.version, title="Uppsök"
    )
    plan.publish("Andra")
    client.force_login(plan.viewer)
    page = client.get(plan.url("plan_revision_compare"))
    html = page.content.decode()
    assert page.status_code == 200
    assert "From revision 1 to revision 2" in html
    assert "I (Informed)" in html and "C (Consulted)" in html
    assert "<del>Uppsökande arbete</del>" in html and "<ins>Uppsök</ins>" in html
    assert '"raci"' not in html  # never the raw JSON
    page = client.get(plan.url("plan_revision_compare"), {"a": "1", "b": "current"})
    assert "No differences." not in page.content.decode()
    page = client.get(plan.url("plan_revision_compare"), {"a": "2", "b": "current"})
    assert "No differences." in page.content.decode()
    assert client.get(plan.url("plan_revision_compare"), {"a": "9", "b": "x"}).status_code == 400


# Approval -----------------------------------------------------------------------------------


def test_approval_by_both_parties_passes_the_check_and_an_edit_makes_a_draft(
    plan: Plan, english: None
) -> None:
    [check] = plan_approved(plan.partnership)
    assert not check.passed and check.action_url == plan.url("plan_revision_publish")
    revision = plan.publish()
    [check] = plan_approved(plan.partnership)
    assert not check.passed
    assert "Årby kommun, Unga Jobb AB" in str(check.action)
    assert check.action_url == plan.url("plan_revision_approve", number=1)
    approval = revisions.plan_approve(revision=revision, party=plan.kommun, user=plan.karin)
    assert (approval.approver_name, approval.party_name) == ("Karin K", "Årby kommun")
    revisions.plan_approve(revision=revision, party=plan.kommun, user=plan.karin)  # no-op
    assert PlanApproval.objects.filter(revision=revision).count() == 1
    revisions.plan_approve(revision=revision, party=plan.se, user=plan.elias)
    status = selectors.plan_status(plan.partnership)
    assert status.approved_and_current and not status.missing
    [check] = plan_approved(plan.partnership)
    assert check.passed
    with CaptureQueriesContext(connection) as queries:
        plan_approved(plan.partnership)
    assert len(queries) == 7

    # A RACI cell changes: the plan is a draft again, the check fails and asks to publish.
    services.raci_set(activity=plan.meetings, party=plan.funder, role="C")
    status = selectors.plan_status(plan.partnership)
    assert status.changed and status.fully_approved and not status.approved_and_current
    [check] = plan_approved(plan.partnership)
    assert not check.passed and "changed since revision 1" in str(check.action)
    with pytest.raises(ValidationError, match="changed since revision 1"):
        revisions.plan_approve(revision=revision, party=plan.se, user=plan.elias)
    # Setting it back makes it the published plan again.
    services.raci_set(activity=plan.meetings, party=plan.funder, role="I")
    assert plan_approved(plan.partnership)[0].passed

    # A title changes: a draft again; a new revision needs new approvals.
    services.plan_activity_update(
        activity=plan.outreach, expected_version=plan.outreach.version, title="Uppsök"
    )
    assert not plan_approved(plan.partnership)[0].passed
    second = plan.publish("Ny titel")
    assert selectors.plan_status(plan.partnership).missing
    with pytest.raises(ValidationError, match="latest revision"):
        revisions.plan_approve(revision=revision, party=plan.se, user=plan.elias)
    revisions.plan_approve(revision=second, party=plan.se, user=plan.elias)
    revisions.plan_approve(revision=second, party=plan.kommun, user=plan.karin)
    assert plan_approved(plan.partnership)[0].passed


def test_who_may_approve(plan: Plan, english: None) -> None:
    revision = plan.publish()
    # An editor whose profile names another organisation.
    with pytest.raises(PermissionDenied, match="whose profile names Årby kommun"):
        revisions.plan_approve(revision=revision, party=plan.kommun, user=plan.other)
    # The municipality's representative cannot approve for the entrepreneur.
    with pytest.raises(PermissionDenied, match="Your profile names “Årby kommun”"):
        revisions.plan_approve(revision=revision, party=plan.se, user=plan.karin)
    # A viewer of the right organisation is not enough: approving commits the party.
    with pytest.raises(PermissionDenied):
        revisions.plan_approve(revision=revision, party=plan.kommun, user=plan.viewer)
    # Someone outside the partnership, whatever their profile says.
    stranger = UserFactory(email="s@example.org", organisation="Årby kommun")
    with pytest.raises(PermissionDenied):
        revisions.plan_approve(revision=revision, party=plan.kommun, user=stranger)
    # A removed party cannot approve.
    partnership_services.party_remove(party=plan.funder)
    with pytest.raises(ValidationError):
        revisions.plan_approve(revision=revision, party=plan.funder, user=plan.karin)
    assert not PlanApproval.objects.exists()


def test_the_approval_page_offers_only_ones_own_party(client: Any, plan: Plan, english: None):
    plan.publish()
    url = plan.url("plan_revision_approve", number=1)
    client.force_login(plan.other)
    page = client.get(url)
    assert page.status_code == 200
    assert "your profile names “Annan AB”" in page.content.decode()
    assert 'name="party"' not in page.content.decode()
    page = client.post(url, {"party": plan.kommun.pk, "confirm": "on"})
    assert page.status_code == 400
    assert not PlanApproval.objects.exists()

    client.force_login(plan.elias)
    page = client.get(url)
    html = page.content.decode()
    assert f'value="{plan.se.pk}"' in html and f'value="{plan.kommun.pk}"' not in html
    # Posting another party's id is refused by the form: it is not a choice.
    assert client.post(url, {"party": plan.kommun.pk, "confirm": "on"}).status_code == 400
    assert client.post(url, {"party": plan.se.pk}).status_code == 400  # not confirmed
    for hostile in ("", "x", "99999999999999999999999", "-1"):
        assert client.post(url, {"party": hostile, "confirm": "on"}).status_code == 400
    response = client.post(url, {"party": plan.se.pk, "confirm": "on"})
    assert response.status_code == 302
    assert response["Location"] == plan.url("plan_revision_detail", number=1)
    [approval] = PlanApproval.objects.all()
    assert (approval.party, approval.approved_by, approval.approver_organisation) == (
        plan.se,
        plan.elias,
        " unga  jobb ab ",
    )
    assert "Your party has already approved this revision: Unga Jobb AB." in (
        client.get(url).content.decode()
    )
    detail = client.get(plan.url("plan_revision_detail", number=1)).content.decode()
    assert "Approved for Unga Jobb AB by Elias E" in detail
    assert "Waiting for approval from:</strong> Årby kommun" in detail


def test_viewer_reads_without_controls_and_outsider_gets_404(
    client: Any, plan: Plan, english: None
) -> None:
    plan.publish()
    client.force_login(plan.viewer)
    for name, kwargs in (
        ("plan", {}),
        ("plan_revisions", {}),
        ("plan_revision_detail", {"number": 1}),
        ("plan_timeline", {}),
        ("plan_print", {}),
    ):
        page = client.get(plan.url(name, **kwargs))
        assert page.status_code == 200, name
        html = page.content.decode()
        assert "Publish a revision" not in html.replace("Publish a revision of", ""), name
        assert plan.url("plan_revision_approve", number=1) not in html, name
    assert client.get(plan.url("plan_revision_approve", number=1)).status_code == 403
    assert client.get(plan.url("plan_revision_detail", number=2)).status_code == 404
    client.force_login(UserFactory(email="outsider@example.org"))
    for name, kwargs in (
        ("plan_revisions", {}),
        ("plan_revision_detail", {"number": 1}),
        ("plan_revision_compare", {}),
        ("plan_timeline", {}),
        ("plan_print", {}),
    ):
        assert client.get(plan.url(name, **kwargs)).status_code == 404, name


def test_the_plan_page_says_draft_and_who_approved(client: Any, plan: Plan, english: None):
    client.force_login(plan.karin)
    html = client.get(plan.url("plan")).content.decode()
    assert "the plan has not been published as a revision yet" in html
    response = client.post(plan.url("plan_revision_publish"), {"reason": "Start"})
    assert response.status_code == 302
    html = client.get(plan.url("plan")).content.decode()
    assert "The plan is revision 1" in html
    assert "Waiting for approval from:</strong> Årby kommun, Unga Jobb AB" in html
    revision = PlanRevision.objects.get()
    revisions.plan_approve(revision=revision, party=plan.kommun, user=plan.karin)
    html = client.get(plan.url("plan")).content.decode()
    assert "Approved for Årby kommun by Karin K" in html
    services.raci_set(activity=plan.outreach, party=plan.funder, role="C")
    html = client.get(plan.url("plan")).content.decode()
    assert "Draft: changed since revision 1." in html
    # Publishing the same plan again is refused with the reason on the form.
    services.raci_set(activity=plan.outreach, party=plan.funder, role="I")
    page = client.post(plan.url("plan_revision_publish"), {"reason": "Igen"})
    assert page.status_code == 400
    assert "has not changed since revision 1" in page.content.decode()


def test_plan_page_and_check_query_counts_do_not_grow(client: Any, db: Any) -> None:
    counts = []
    for size in (5, 40):
        owner = UserFactory(email=f"owner-{size}@example.org")
        partnership = PartnershipFactory()
        MembershipFactory(partnership=partnership, user=owner, role=Role.OWNER)
        for part in (Party.Part.LEAD_MUNICIPALITY, Party.Part.SOCIAL_ENTREPRENEUR):
            PartyFactory(partnership=partnership, part=part)
        for number in range(size):
            services.plan_activity_create(
                partnership=partnership,
                title=f"Aktivitet {number}",
                start_month=dt.date(2025, 1, 1),
            )
            services.risk_create(partnership=partnership, title=f"Risk {number}")
        services.raci_apply_pattern(partnership=partnership)
        revisions.plan_revision_publish(partnership=partnership, user=owner, reason="Ett")
        client.force_login(owner)
        for name, kwargs in (
            ("plan", {}),
            ("plan_revisions", {}),
            ("plan_revision_detail", {"number": 1}),
            ("plan_revision_compare", {}),
            ("plan_timeline", {}),
            ("plan_print", {}),
        ):
            url = reverse(f"partnerships:{name}", kwargs={"key": partnership.key, **kwargs})
            with CaptureQueriesContext(connection) as queries:
                assert client.get(url).status_code == 200
            counts.append((name, size, len(queries)))
    small = {name: n for name, size, n in counts if size == 5}
    large = {name: n for name, size, n in counts if size == 40}
    assert small == large, counts


# Timeline -----------------------------------------------------------------------------------


def test_timeline_axis_by_hand(english: None) -> None:
    read = plan_from_snapshot(
        {
            "activities": [
                {"id": 1, "title": "A", "start_month": "2024-11", "end_month": "2025-02"},
                {"id": 2, "title": "B", "start_month": "2025-01"},
                {"id": 3, "title": "C"},
            ]
        }
    )
    timeline = build(read.activities)
    assert timeline.unit == "month" and timeline.count == 4
    assert [c.label for c in timeline.columns] == ["Nov", "Dec", "Jan", "Feb"]
    assert [c.year for c in timeline.columns] == ["2024", "", "2025", ""]
    first, second = timeline.bars
    assert (first.start_line, first.end_line) == (2, 6)  # all four columns
    assert (second.start_line, second.end_line, second.open_end) == (4, 5, True)
    assert first.period == "November 2024 – February 2025"
    assert [a.title for a in timeline.undated] == ["C"]
    # Ten years do not fit in months: the columns become quarters.
    long = plan_from_snapshot(
        {"activities": [{"id": 1, "title": "L", "start_month": "2020-02", "end_month": "2029-12"}]}
    )
    timeline = build(long.activities)
    assert timeline.unit == "quarter" and timeline.count == 40
    assert timeline.bars[0].start_line == 2 and timeline.bars[0].end_line == 42


def test_timeline_page_has_text_and_a_table(client: Any, plan: Plan, english: None) -> None:
    client.force_login(plan.viewer)
    html = client.get(plan.url("plan_timeline")).content.decode()
    assert "tl-n-6" in html  # March to August 2025
    assert "March 2025 – August 2025" in html
    assert "Status: Ongoing" in html
    assert '<caption id="timeline-caption">' in html
    assert "<td>March 2025</td>" in html and "<td>August 2025</td>" in html
    assert "Unga Jobb AB, Elias E" in html
    assert 'style="' not in html


def test_print_page_has_the_whole_plan(client: Any, plan: Plan, english: None) -> None:
    revision = plan.publish()
    revisions.plan_approve(revision=revision, party=plan.kommun, user=plan.karin)
    client.force_login(plan.viewer)
    html = client.get(plan.url("plan_print")).content.decode()
    assert 'media="print"' in html and "css/plan-print" in html
    for text in (
        "Collaboration plan: Samverkan i Årby",
        "Latest revision: 1",
        "Approved for Årby kommun by Karin K",
        "Waiting for approval from:</strong> Unga Jobb AB",
        "Uppsökande arbete",
        "RACI roles of each party in each activity",
        "Every week",
        "Lokalen försvinner",
        "Stiftelsen Pengar",
    ):
        assert text in html, text


def test_the_history_tells_publication_and_approval(client: Any, plan: Plan, english: None):
    revision = plan.publish()
    revisions.plan_approve(revision=revision, party=plan.kommun, user=plan.karin)
    client.force_login(plan.karin)
    html = client.get(plan.url("history")).content.decode()
    assert "Plan revision 1" in html
    assert "Årby kommun" in html


# Demo ---------------------------------------------------------------------------------------


def test_demo_eskilstuna_approved_boden_a_draft(db: Any) -> None:
    from io import StringIO

    from django.core.management import call_command

    from partnerships.demo import BODEN, ESKILSTUNA
    from partnerships.models import Partnership

    call_command("seed_demo", stdout=StringIO())
    eskilstuna = Partnership.objects.get(title=ESKILSTUNA)
    boden = Partnership.objects.get(title=BODEN)
    status = selectors.plan_status(eskilstuna)
    assert status.latest is not None and status.latest.number == 1 and status.latest.reason
    assert status.approved_and_current, (status.changed, status.missing)
    assert sorted(a.approver_name for a in status.approvals) == [
        "Elias Entreprenör",
        "Karin Kommunsson",
    ]
    assert plan_approved(eskilstuna)[0].passed
    assert selectors.plan_status(boden).latest is None
    assert not plan_approved(boden)[0].passed
    counts = (PlanRevision.objects.count(), PlanApproval.objects.count())
    call_command("seed_demo", stdout=StringIO())
    assert (PlanRevision.objects.count(), PlanApproval.objects.count()) == counts
    assert Risk.objects.filter(partnership=eskilstuna).exists()


def test_the_approve_button_is_offered_to_those_who_may_approve(
    client: Any, plan: Plan, english: None
) -> None:
    revision = plan.publish()
    approve = plan.url("plan_revision_approve", number=1)
    for user, offered in ((plan.elias, True), (plan.karin, True), (plan.other, False)):
        client.force_login(user)
        for name, kwargs in (("plan", {}), ("plan_revision_detail", {"number": 1})):
            html = client.get(plan.url(name, **kwargs)).content.decode()
            assert (approve in html) is offered, (user, name)
    revisions.plan_approve(revision=revision, party=plan.se, user=plan.elias)
    client.force_login(plan.elias)
    assert approve not in client.get(plan.url("plan")).content.decode()
