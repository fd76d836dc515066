from __future__ import annotations

from django.urls import include, path

from .candidates import urls as candidate_urls
from .contacts.urls import urlpatterns as contact_urls
from .plan import views as plan
from .plan.revisions import views as plan_revisions
from .trust import views as trust
from .views import funding, glossary, history, members, organisations, partnerships, steering

app_name = "partnerships"

urlpatterns = [
    path("", partnerships.dashboard, name="dashboard"),
    path("new/", partnerships.partnership_create, name="create"),
    path("p/<str:key>/", partnerships.overview, name="overview"),
    path("p/<str:key>/edit/", partnerships.partnership_edit, name="edit"),
    path("p/<str:key>/parties/", partnerships.parties, name="parties"),
    path("p/<str:key>/parties/add/", partnerships.party_add, name="party_add"),
    path("p/<str:key>/parties/<int:pk>/remove/", partnerships.party_remove, name="party_remove"),
    path("p/<str:key>/history/", history.history, name="history"),
    path(
        "p/<str:key>/history/<str:model>/<int:history_id>/restore/",
        history.history_restore_view,
        name="history_restore",
    ),
    path("p/<str:key>/parties/<int:pk>/restore/", partnerships.party_restore, name="party_restore"),
    path("p/<str:key>/members/", members.members, name="members"),
    path("p/<str:key>/members/invite/", members.invite, name="invite"),
    path("p/<str:key>/members/leave/", members.leave, name="leave"),
    path("p/<str:key>/members/<int:pk>/role/", members.member_role, name="member_role"),
    path("p/<str:key>/members/<int:pk>/remove/", members.member_remove, name="member_remove"),
    path(
        "p/<str:key>/invitations/<int:pk>/revoke/",
        members.invitation_revoke,
        name="invitation_revoke",
    ),
    path(
        "p/<str:key>/members/former/<int:pk>/restore/",
        members.member_restore,
        name="member_restore",
    ),
    path(
        "p/<str:key>/invitations/<int:pk>/reopen/",
        members.invitation_reopen,
        name="invitation_reopen",
    ),
    path("p/<str:key>/steering/", steering.steering_list, name="steering_list"),
    path("p/<str:key>/steering/new/", steering.steering_create, name="steering_create"),
    path("p/<str:key>/steering/<int:pk>/edit/", steering.steering_edit, name="steering_edit"),
    path("p/<str:key>/steering/<int:pk>/delete/", steering.steering_delete, name="steering_delete"),
    path(
        "p/<str:key>/steering/<int:pk>/restore/",
        steering.steering_restore,
        name="steering_restore",
    ),
    path("p/<str:key>/funding/", funding.funding_list, name="funding_list"),
    path("p/<str:key>/funding/new/", funding.funding_create, name="funding_create"),
    path("p/<str:key>/funding/<int:pk>/edit/", funding.funding_edit, name="funding_edit"),
    path("p/<str:key>/funding/<int:pk>/delete/", funding.funding_delete, name="funding_delete"),
    path("p/<str:key>/funding/<int:pk>/restore/", funding.funding_restore, name="funding_restore"),
    path("p/<str:key>/glossary/", glossary.glossary_list, name="glossary_list"),
    path("p/<str:key>/glossary/new/", glossary.glossary_create, name="glossary_create"),
    path("p/<str:key>/glossary/<int:pk>/edit/", glossary.glossary_edit, name="glossary_edit"),
    path("p/<str:key>/glossary/<int:pk>/delete/", glossary.glossary_delete, name="glossary_delete"),
    path(
        "p/<str:key>/glossary/<int:pk>/restore/", glossary.glossary_restore, name="glossary_restore"
    ),
    # Step 2: each party's perspective and organisational context, side by side.
    path("p/<str:key>/perspectives/", trust.perspective_list, name="perspective_list"),
    path(
        "p/<str:key>/perspectives/<int:pk>/edit/", trust.perspective_edit, name="perspective_edit"
    ),
    path("p/<str:key>/context/", trust.context_list, name="context_list"),
    path("p/<str:key>/context/<int:pk>/edit/", trust.context_edit, name="context_edit"),
    *candidate_urls.urlpatterns,
    # The collaboration plan (step 4)
    path("p/<str:key>/plan/", plan.plan, name="plan"),
    path("p/<str:key>/plan/from-chain/", plan.plan_from_chain, name="plan_from_chain"),
    path("p/<str:key>/plan/activities/new/", plan.activity_create, name="plan_activity_create"),
    path(
        "p/<str:key>/plan/activities/<int:pk>/edit/",
        plan.activity_edit,
        name="plan_activity_edit",
    ),
    path(
        "p/<str:key>/plan/activities/<int:pk>/delete/",
        plan.activity_delete,
        name="plan_activity_delete",
    ),
    path(
        "p/<str:key>/plan/activities/<int:pk>/restore/",
        plan.activity_restore,
        name="plan_activity_restore",
    ),
    path("p/<str:key>/plan/raci/", plan.raci, name="plan_raci"),
    path("p/<str:key>/plan/raci/pattern/", plan.raci_pattern, name="plan_raci_pattern"),
    path("p/<str:key>/plan/raci/<int:pk>/", plan.raci_row, name="plan_raci_row"),
    path("p/<str:key>/plan/ways/", plan.ways_of_working_edit, name="plan_ways_edit"),
    path("p/<str:key>/plan/risks/", plan.risks, name="plan_risks"),
    path("p/<str:key>/plan/risks/new/", plan.risk_create, name="plan_risk_create"),
    path("p/<str:key>/plan/risks/<int:pk>/edit/", plan.risk_edit, name="plan_risk_edit"),
    path("p/<str:key>/plan/risks/<int:pk>/delete/", plan.risk_delete, name="plan_risk_delete"),
    path("p/<str:key>/plan/risks/<int:pk>/restore/", plan.risk_restore, name="plan_risk_restore"),
    # The plan's revisions and approvals, timeline and print (step 4)
    path("p/<str:key>/plan/revisions/", plan_revisions.revision_list, name="plan_revisions"),
    path(
        "p/<str:key>/plan/revisions/new/",
        plan_revisions.revision_publish,
        name="plan_revision_publish",
    ),
    path(
        "p/<str:key>/plan/revisions/compare/",
        plan_revisions.revision_compare,
        name="plan_revision_compare",
    ),
    path(
        "p/<str:key>/plan/revisions/<int:number>/",
        plan_revisions.revision_detail,
        name="plan_revision_detail",
    ),
    path(
        "p/<str:key>/plan/revisions/<int:number>/approve/",
        plan_revisions.revision_approve,
        name="plan_revision_approve",
    ),
    path("p/<str:key>/plan/timeline/", plan_revisions.timeline, name="plan_timeline"),
    path("p/<str:key>/plan/print/", plan_revisions.plan_print, name="plan_print"),
    path("invitation/<str:token>/", members.invitation_accept, name="invitation_accept"),
    path(
        "invitations/<int:pk>/accept/",
        members.pending_invitation_accept,
        name="pending_invitation_accept",
    ),
    path(
        "invitations/<int:pk>/decline/",
        members.pending_invitation_decline,
        name="pending_invitation_decline",
    ),
    path("organisations/", organisations.organisation_list, name="organisation_list"),
    path("organisations/new/", organisations.organisation_create, name="organisation_create"),
    path("organisations/<uuid:pk>/", organisations.organisation_detail, name="organisation_detail"),
    path(
        "organisations/<uuid:pk>/edit/", organisations.organisation_edit, name="organisation_edit"
    ),
    path("", include("partnerships.meetings.urls")),
]
urlpatterns += contact_urls

from .orgchart.urls import urlpatterns as orgchart_urls  # noqa: E402

urlpatterns += orgchart_urls

from .plan.resources_urls import urlpatterns as resource_urls  # noqa: E402

urlpatterns += resource_urls
