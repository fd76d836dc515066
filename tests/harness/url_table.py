"""The URL × role table: the expected HTTP status for every URL pattern, role and method.

Roles, in column order: anonymous, outsider (signed in, not a member), viewer, editor,
facilitator, owner, and a site administrator (superuser) who is a viewer of the partnership. A
row of six statuses gives the administrator the viewer's: administrators act through the admin
site, not as hidden owners. A URL pattern that is not in this table makes the test fail, so every
new page gets an explicit access decision the day it is added.

POST requests carry no form data: an authorised write with empty input gets its form back
(200/400) or is carried out (302); an unauthorised one is refused before the form is read.
"""

from __future__ import annotations

from typing import Any

ROLES = ("anonymous", "outsider", "viewer", "editor", "facilitator", "owner", "superuser_viewer")
Row = tuple[int, ...]  # six statuses (the administrator as the viewer) or all seven

# Building blocks -----------------------------------------------------------------------------
LOGIN = 302  # anonymous users are sent to the sign-in page
ADMIN = 0  # the administrator's answer in the admin site: any status below 500 (sample ids)


def same(status: int) -> Row:
    return (status,) * 6  # type: ignore[return-value]


def signed_in(status: int, anonymous: int = LOGIN) -> Row:
    return (anonymous, status, status, status, status, status)


def member_read() -> dict[str, Row]:
    """A page every member may read; outsiders cannot tell it exists."""
    return {"GET": (LOGIN, 404, 200, 200, 200, 200), "POST": (LOGIN, 405, 405, 405, 405, 405)}


def member_write(ok: int) -> Row:
    """A write any member with edit rights may do; a viewer is refused."""
    return (LOGIN, 404, 403, ok, ok, ok)


def owner_write(ok: int) -> Row:
    return (LOGIN, 404, 403, 403, 403, ok)


def post_only(post: Row) -> dict[str, Row]:
    return {"GET": (LOGIN, 405, 405, 405, 405, 405), "POST": post}


# The table -----------------------------------------------------------------------------------
# Keys are URL names ("namespace:name"); values map method -> row of statuses.
TABLE: dict[str, dict[str, Row]] = {
    # Public pages
    "home": {"GET": (200, 302, 302, 302, 302, 302), "POST": same(405)},
    "accessibility": {"GET": same(200), "POST": same(405)},
    "set_language": {"GET": same(302), "POST": same(302)},
    # Account pages (ours)
    # An empty profile is allowed: every field is optional.
    "profile": {"GET": signed_in(200), "POST": signed_in(302)},
    "data_export": {"GET": signed_in(200), "POST": signed_in(405)},
    # django-allauth
    "account_login": {
        "GET": (200, 302, 302, 302, 302, 302),
        "POST": (200, 302, 302, 302, 302, 302),
    },
    "account_logout": {"GET": (302, 200, 200, 200, 200, 200), "POST": same(302)},
    "account_inactive": {"GET": same(200), "POST": same(405)},
    "account_signup": {
        "GET": (200, 302, 302, 302, 302, 302),
        "POST": (200, 302, 302, 302, 302, 302),
    },
    "account_reauthenticate": {"GET": signed_in(200), "POST": signed_in(200)},
    "account_email": {"GET": signed_in(200), "POST": signed_in(302)},
    "account_email_verification_sent": {"GET": same(200), "POST": same(405)},
    "account_change_password": {"GET": signed_in(200), "POST": signed_in(200)},
    "account_set_password": {"GET": signed_in(302), "POST": signed_in(302)},
    "account_reset_password": {"GET": same(200), "POST": same(200)},
    "account_confirm_login_code": {"GET": same(302), "POST": same(302)},
    "account_request_reauthentication_code": {"GET": signed_in(200), "POST": signed_in(200)},
    "account_confirm_reauthentication_code": {"GET": signed_in(302), "POST": signed_in(302)},
    "account_confirm_email": {"GET": same(200), "POST": same(404)},  # already confirmed
    "account_reset_password_from_key_done": {"GET": same(200), "POST": same(405)},
    "account_reset_password_from_key": {"GET": same(200), "POST": same(200)},
    "account_reset_password_done": {"GET": same(200), "POST": same(405)},
    "mfa_index": {"GET": signed_in(200), "POST": signed_in(405)},
    "mfa_authenticate": {"GET": same(302), "POST": same(302)},
    "mfa_reauthenticate": {"GET": signed_in(302), "POST": signed_in(302)},
    # Two-factor changes ask for the password again first (reauthentication).
    "mfa_activate_totp": {"GET": signed_in(302), "POST": signed_in(302)},
    "mfa_deactivate_totp": {"GET": signed_in(404), "POST": signed_in(404)},
    "mfa_view_recovery_codes": {"GET": signed_in(404), "POST": signed_in(405)},
    "mfa_generate_recovery_codes": {"GET": signed_in(302), "POST": signed_in(302)},
    "mfa_download_recovery_codes": {"GET": signed_in(404), "POST": signed_in(404)},
    # Partnerships
    "partnerships:dashboard": {"GET": signed_in(200), "POST": signed_in(405)},
    "partnerships:create": {"GET": signed_in(200), "POST": signed_in(200)},
    "partnerships:overview": member_read(),
    "partnerships:edit": {"GET": member_write(200), "POST": member_write(200)},
    "partnerships:parties": member_read(),
    "partnerships:party_add": post_only(member_write(400)),
    # Destructive actions: GET shows what will change, POST does it; restores are POSTs.
    "partnerships:party_remove": {"GET": member_write(200), "POST": member_write(302)},
    "partnerships:party_restore": post_only(member_write(302)),
    "partnerships:history": member_read(),
    # Restore from the history: asks first (GET), restores on POST (the sample: a deleted
    # steering document of the partnership).
    "partnerships:history_restore": {"GET": member_write(200), "POST": member_write(302)},
    "partnerships:members": member_read(),
    "partnerships:invite": post_only(owner_write(400)),
    "partnerships:leave": {
        "GET": (LOGIN, 404, 200, 200, 200, 200),
        "POST": (LOGIN, 404, 302, 302, 302, 302),
    },
    "partnerships:member_role": post_only(owner_write(302)),
    "partnerships:member_remove": {"GET": owner_write(200), "POST": owner_write(302)},
    "partnerships:member_restore": post_only(owner_write(302)),
    "partnerships:invitation_revoke": {"GET": owner_write(200), "POST": owner_write(302)},
    "partnerships:invitation_reopen": post_only(owner_write(302)),
    # The invitation link is public (it is the secret); accepting needs the invited address.
    "partnerships:invitation_accept": {
        "GET": same(200),
        "POST": (302, 400, 400, 400, 400, 400),
    },
    # An invitation answered from the dashboard: only the invited person sees it, others 404.
    "partnerships:pending_invitation_accept": post_only((LOGIN, 404, 404, 404, 404, 404)),
    "partnerships:pending_invitation_decline": {
        "GET": (LOGIN, 404, 404, 404, 404, 404),
        "POST": (LOGIN, 404, 404, 404, 404, 404),
    },
    "partnerships:organisation_list": {"GET": signed_in(200), "POST": signed_in(405)},
    "partnerships:organisation_create": {"GET": signed_in(200), "POST": signed_in(400)},
    "partnerships:organisation_detail": {
        "GET": (LOGIN, 404, 200, 200, 200, 200),
        "POST": (LOGIN, 405, 405, 405, 405, 405),
    },
    "partnerships:organisation_edit": {
        "GET": (LOGIN, 404, 403, 200, 200, 200),
        "POST": (LOGIN, 404, 403, 200, 200, 200),
    },
    # Steering documents (step 3 and later steps anchor goals to them)
    "partnerships:steering_list": member_read(),
    "partnerships:steering_create": {"GET": member_write(200), "POST": member_write(400)},
    "partnerships:steering_edit": {"GET": member_write(200), "POST": member_write(400)},
    "partnerships:steering_delete": {"GET": member_write(200), "POST": member_write(302)},
    "partnerships:steering_restore": post_only(member_write(302)),
    # Funding calls (step 1). An empty POST lacks the funder and the title: 400.
    "partnerships:funding_list": member_read(),
    "partnerships:funding_create": {"GET": member_write(200), "POST": member_write(400)},
    "partnerships:funding_edit": {"GET": member_write(200), "POST": member_write(400)},
    "partnerships:funding_delete": {"GET": member_write(200), "POST": member_write(302)},
    "partnerships:funding_restore": post_only(member_write(302)),
    # Organisation chart (step 1): the organisation's rules, like organisation_detail/_edit.
    # An empty POST lacks a name and a kind: 400.
    "partnerships:organisation_chart": {
        "GET": (LOGIN, 404, 200, 200, 200, 200),
        "POST": (LOGIN, 405, 405, 405, 405, 405),
    },
    "partnerships:org_unit_create": {
        "GET": (LOGIN, 404, 403, 200, 200, 200),
        "POST": (LOGIN, 404, 403, 400, 400, 400),
    },
    "partnerships:org_unit_edit": {
        "GET": (LOGIN, 404, 403, 200, 200, 200),
        "POST": (LOGIN, 404, 403, 400, 400, 400),
    },
    "partnerships:org_unit_remove": {
        "GET": (LOGIN, 404, 403, 200, 200, 200),
        "POST": (LOGIN, 404, 403, 302, 302, 302),
    },
    "partnerships:org_unit_restore": post_only((LOGIN, 404, 403, 302, 302, 302)),
    # A party's responsible unit: an empty POST clears it (the unit is optional).
    "partnerships:party_unit": {"GET": member_write(200), "POST": member_write(302)},
    # Steering documents a partnership uses: pick one of a party's, stop using one.
    "partnerships:steering_use": post_only(member_write(302)),
    "partnerships:steering_drop": {"GET": member_write(200), "POST": member_write(302)},
    # Shared glossary (step 2). An empty POST lacks the term: 400.
    "partnerships:glossary_list": member_read(),
    "partnerships:glossary_create": {"GET": member_write(200), "POST": member_write(400)},
    "partnerships:glossary_edit": {"GET": member_write(200), "POST": member_write(400)},
    "partnerships:glossary_delete": {"GET": member_write(200), "POST": member_write(302)},
    "partnerships:glossary_restore": post_only(member_write(302)),
    # Perspectives and organisational contexts (step 2). Every answer is optional: an empty
    # POST saves the party's (empty) answers.
    "partnerships:perspective_list": member_read(),
    "partnerships:perspective_edit": {"GET": member_write(200), "POST": member_write(302)},
    "partnerships:context_list": member_read(),
    "partnerships:context_edit": {"GET": member_write(200), "POST": member_write(302)},
    # Contacts and the relationship plan (step 1). An empty POST lacks the organisation and
    # the name (a contact) or the contact and why (an entry): 400. Erasing asks first (GET).
    "partnerships:contact_list": member_read(),
    "partnerships:contact_create": {"GET": member_write(200), "POST": member_write(400)},
    "partnerships:contact_edit": {"GET": member_write(200), "POST": member_write(400)},
    "partnerships:contact_remove": {"GET": member_write(200), "POST": member_write(302)},
    "partnerships:contact_restore": post_only(member_write(302)),
    "partnerships:contact_erase": {"GET": member_write(200), "POST": member_write(302)},
    "partnerships:relationship_list": member_read(),
    "partnerships:relationship_create": {"GET": member_write(200), "POST": member_write(400)},
    "partnerships:relationship_edit": {"GET": member_write(200), "POST": member_write(400)},
    "partnerships:relationship_remove": {"GET": member_write(200), "POST": member_write(302)},
    "partnerships:relationship_restore": post_only(member_write(302)),
    # Candidate partners (step 1). An empty POST lacks the organisation: 400. An empty edit
    # POST is valid (side and status fall back to errors only when missing): 400 too.
    "partnerships:candidate_list": member_read(),
    "partnerships:candidate_compare": member_read(),
    "partnerships:candidate_detail": member_read(),
    "partnerships:candidate_create": {"GET": member_write(200), "POST": member_write(400)},
    "partnerships:candidate_edit": {"GET": member_write(200), "POST": member_write(400)},
    # Every answer may be empty: an empty POST saves.
    "partnerships:candidate_conversation": {"GET": member_write(200), "POST": member_write(302)},
    "partnerships:candidate_choose": {"GET": member_write(200), "POST": member_write(302)},
    "partnerships:candidate_decline": post_only(member_write(302)),
    "partnerships:candidate_delete": {"GET": member_write(200), "POST": member_write(302)},
    "partnerships:candidate_restore": post_only(member_write(302)),
    # Collaboration plan (step 4). An empty POST: an activity lacks its title (400); creating
    # from the chain, the starting pattern, a restore and a RACI row with no cells redirect.
    "partnerships:plan": member_read(),
    "partnerships:plan_from_chain": post_only(member_write(302)),
    "partnerships:plan_activity_create": {"GET": member_write(200), "POST": member_write(400)},
    "partnerships:plan_activity_edit": {"GET": member_write(200), "POST": member_write(400)},
    "partnerships:plan_activity_delete": {"GET": member_write(200), "POST": member_write(302)},
    "partnerships:plan_activity_restore": post_only(member_write(302)),
    "partnerships:plan_raci": member_read(),
    "partnerships:plan_raci_pattern": {"GET": member_write(200), "POST": member_write(302)},
    "partnerships:plan_raci_row": post_only(member_write(302)),
    # Ways of working: every field may be empty, so an empty POST saves.
    "partnerships:plan_ways_edit": {"GET": member_write(200), "POST": member_write(302)},
    # Risks of the plan. An empty POST lacks the risk's title: 400.
    "partnerships:plan_risks": member_read(),
    "partnerships:plan_risk_create": {"GET": member_write(200), "POST": member_write(400)},
    "partnerships:plan_risk_edit": {"GET": member_write(200), "POST": member_write(400)},
    "partnerships:plan_risk_delete": {"GET": member_write(200), "POST": member_write(302)},
    "partnerships:plan_risk_restore": post_only(member_write(302)),
    # What the parties bring and lack. An empty POST lacks the party, kind and description: 400.
    "partnerships:plan_resources": member_read(),
    "partnerships:plan_resource_create": {"GET": member_write(200), "POST": member_write(400)},
    "partnerships:plan_resource_edit": {"GET": member_write(200), "POST": member_write(400)},
    "partnerships:plan_resource_delete": {"GET": member_write(200), "POST": member_write(302)},
    "partnerships:plan_resource_restore": post_only(member_write(302)),
    # Revisions of the plan, approvals, timeline and print. An empty POST lacks the reason
    # (publish) or the party and the confirmation (approve): 400.
    "partnerships:plan_revisions": member_read(),
    "partnerships:plan_revision_publish": {"GET": member_write(200), "POST": member_write(400)},
    "partnerships:plan_revision_compare": member_read(),
    "partnerships:plan_revision_detail": member_read(),
    "partnerships:plan_revision_approve": {"GET": member_write(200), "POST": member_write(400)},
    "partnerships:plan_timeline": member_read(),
    "partnerships:plan_print": member_read(),
    # Meetings, follow-up actions and the calendar (step 2). Empty POSTs lack the required
    # fields (400); marking an action done needs nothing more (302).
    "partnerships:meeting_list": member_read(),
    "partnerships:meeting_create": {"GET": member_write(200), "POST": member_write(400)},
    "partnerships:meeting_detail": member_read(),
    "partnerships:meeting_edit": {"GET": member_write(200), "POST": member_write(400)},
    "partnerships:meeting_delete": {"GET": member_write(200), "POST": member_write(302)},
    "partnerships:meeting_restore": post_only(member_write(302)),
    "partnerships:meeting_ics": member_read(),
    "partnerships:action_add": post_only(member_write(400)),
    "partnerships:action_list": member_read(),
    "partnerships:action_edit": {"GET": member_write(200), "POST": member_write(400)},
    "partnerships:action_done": post_only(member_write(302)),
    "partnerships:action_delete": {"GET": member_write(200), "POST": member_write(302)},
    "partnerships:calendar_feed_create": post_only(member_write(302)),
    "partnerships:calendar_feed_revoke": {"GET": member_write(200), "POST": member_write(302)},
    # The feed is public: the secret token in the address is the credential.
    "partnerships:calendar_feed": {"GET": same(200), "POST": same(405)},
    # Theory of change (step 3). Empty POSTs: invalid forms answer 400, deletes redirect.
    "theory_of_change:page": member_read(),
    "theory_of_change:edit": {"GET": member_write(200), "POST": member_write(302)},
    "theory_of_change:node_add": post_only(member_write(400)),
    "theory_of_change:need_add": {"GET": member_write(200), "POST": member_write(400)},
    "theory_of_change:need_edit": {"GET": member_write(200), "POST": member_write(400)},
    "theory_of_change:need_delete": {"GET": member_write(200), "POST": member_write(400)},
    "theory_of_change:node_edit": {"GET": member_write(200), "POST": member_write(400)},
    "theory_of_change:node_delete": {"GET": member_write(200), "POST": member_write(400)},
    # Moving a node needs a direction: an empty POST is refused with 400.
    "theory_of_change:node_move": post_only(member_write(400)),
    "theory_of_change:indicator_add": {"GET": member_write(200), "POST": member_write(400)},
    "theory_of_change:link_add": post_only(member_write(400)),
    # A link's only editable field, its assumptions, may be empty: an empty POST saves.
    "theory_of_change:link_edit": {"GET": member_write(200), "POST": member_write(302)},
    "theory_of_change:link_delete": {"GET": member_write(200), "POST": member_write(400)},
    "theory_of_change:indicator_edit": {"GET": member_write(200), "POST": member_write(400)},
    "theory_of_change:indicator_delete": {"GET": member_write(200), "POST": member_write(400)},
    "theory_of_change:diagram": member_read(),
    "theory_of_change:export_json": member_read(),
    "theory_of_change:export_xlsx": member_read(),
    "theory_of_change:import": {"GET": member_write(200), "POST": member_write(400)},
    # A starting template: GET shows what it contains, POST adds it to the chain.
    "theory_of_change:template": {"GET": member_write(200), "POST": member_write(302)},
    "theory_of_change:revision_list": member_read(),
    "theory_of_change:revision_create": {"GET": member_write(200), "POST": member_write(400)},
    "theory_of_change:revision_compare": member_read(),
    "theory_of_change:revision_detail": member_read(),
    "theory_of_change:revision_restore": {"GET": member_write(200), "POST": member_write(400)},
    # Financing and costs (step 5). Empty POSTs lack required fields (400); removals and
    # freezing the baseline ask first (GET) and redirect after the POST.
    "costing:financing": member_read(),
    "costing:financing_create": {"GET": member_write(200), "POST": member_write(400)},
    "costing:financing_edit": {"GET": member_write(200), "POST": member_write(400)},
    "costing:financing_remove": {"GET": member_write(200), "POST": member_write(302)},
    "costing:financing_restore": post_only(member_write(302)),
    "costing:costs": member_read(),
    "costing:calculation_edit": {"GET": member_write(200), "POST": member_write(400)},
    "costing:baseline_freeze": {"GET": member_write(200), "POST": member_write(302)},
    "costing:line_create": {"GET": member_write(200), "POST": member_write(400)},
    "costing:line_edit": {"GET": member_write(200), "POST": member_write(400)},
    "costing:line_remove": {"GET": member_write(200), "POST": member_write(302)},
    "costing:line_restore": post_only(member_write(302)),
    "costing:staff": member_read(),
    "costing:staff_create": {"GET": member_write(200), "POST": member_write(400)},
    "costing:staff_edit": {"GET": member_write(200), "POST": member_write(400)},
    "costing:staff_remove": {"GET": member_write(200), "POST": member_write(302)},
    "costing:staff_restore": post_only(member_write(302)),
    "costing:export_xlsx": member_read(),
    "costing:import_xlsx": {"GET": member_write(200), "POST": member_write(400)},
    "costing:time_list": member_read(),
    "costing:time_create": {"GET": member_write(200), "POST": member_write(400)},
    "costing:time_edit": {"GET": member_write(200), "POST": member_write(400)},
    "costing:time_remove": {"GET": member_write(200), "POST": member_write(302)},
    "costing:time_restore": post_only(member_write(302)),
    "costing:time_export": member_read(),
    # Step 5: the tjänsteutlåtande and its PDF versions
    "costing:memo": member_read(),
    "costing:memo_edit": {"GET": member_write(200), "POST": member_write(400)},
    "costing:memo_generate": post_only(member_write(302)),
    "costing:memo_versions": member_read(),
    "costing:memo_download": member_read(),
    "costing:memo_retry": post_only(member_write(302)),
    "costing:memo_decision": {"GET": member_write(200), "POST": member_write(400)},
    # Step 5: ability to pay and value (costing/decision/)
    "costing:budget": member_read(),
    "costing:budget_create": {"GET": member_write(200), "POST": member_write(400)},
    "costing:budget_edit": {"GET": member_write(200), "POST": member_write(400)},
    "costing:budget_remove": {"GET": member_write(200), "POST": member_write(302)},
    "costing:budget_restore": post_only(member_write(302)),
    "costing:value": member_read(),
    "costing:assumption_create": {"GET": member_write(200), "POST": member_write(400)},
    "costing:assumption_edit": {"GET": member_write(200), "POST": member_write(400)},
    "costing:assumption_remove": {"GET": member_write(200), "POST": member_write(302)},
    "costing:assumption_restore": post_only(member_write(302)),
    # The portfolio lists only the user's own partnerships: anyone signed in may open it (an
    # outsider sees an empty list); municipality codes are public reference data.
    "costing:portfolio": {"GET": signed_in(200), "POST": signed_in(405)},
    "costing:portfolio_municipality": {"GET": signed_in(200), "POST": signed_in(405)},
    # The theory of change and the collaboration plan as PDFs (the same views, another kind).
    "costing:toc_pdf_generate": post_only(member_write(302)),
    "costing:toc_pdf_versions": member_read(),
    "costing:toc_pdf_download": member_read(),
    "costing:toc_pdf_retry": post_only(member_write(302)),
    "costing:plan_pdf_generate": post_only(member_write(302)),
    "costing:plan_pdf_versions": member_read(),
    "costing:plan_pdf_download": member_read(),
    "costing:plan_pdf_retry": post_only(member_write(302)),
}

# Third-party namespaces checked as a whole: none of the roles is staff, so the admin sends
# every one of them to its own sign-in page.
NAMESPACES: dict[str, dict[str, Row]] = {
    "admin": {"GET": same(302) + (ADMIN,), "POST": same(302) + (ADMIN,)},
}
# ... except the admin's own sign-in page, which anyone may see.
TABLE["admin:login"] = {"GET": same(200) + (302,), "POST": same(200) + (200,)}

ADMIN_SAMPLES = {"object_id": "1", "id": "1", "app_label": "partnerships", "content_type_id": "1"}

EXTRA_TABLES: list[dict[str, dict[str, Row]]] = []


def full_row(row: Row) -> Row:
    """Seven statuses: a six-status row gives the administrator the viewer's."""
    return row if len(row) == len(ROLES) else (*row, row[ROLES.index("viewer")])


def expected_for(name: str) -> dict[str, Row] | None:
    for table in (TABLE, *EXTRA_TABLES):
        if name in table:
            return table[name]
    namespace = name.split(":", 1)[0] if ":" in name else ""
    return NAMESPACES.get(namespace)


def kwargs_for(pattern_kwargs: list[str], name: str, world: Any) -> dict[str, Any]:
    """Sample URL arguments pointing at the world's records (see `World.samples`)."""
    samples = world.samples.get(name, {})
    values = {}
    for kwarg in pattern_kwargs:
        if kwarg in samples:
            values[kwarg] = samples[kwarg]
        elif kwarg == "key":
            values[kwarg] = world.partnership.key
        elif name.startswith("admin:"):
            values[kwarg] = ADMIN_SAMPLES.get(kwarg, "1")
        else:
            raise AssertionError(
                f"No sample value for {kwarg!r} of URL {name!r}: add it to World.samples"
            )
    return values
