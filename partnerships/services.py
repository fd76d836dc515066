"""Writes on partnerships, parties, members, invitations, organisations and steering documents.

Every write of these records goes through a function here: views parse, authorise and call.
Edits carry the version the user started from (`update_versioned` merges or refuses); what a
user removes can be brought back (parties and steering documents are removed softly,
memberships are restored from their history, invitations are re-opened).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User

from .concurrency import create_validated, update_versioned
from .history import RESTORED_REASON
from .mail import invitation_send as invitation_send
from .models import (
    FUNDING_CALL_FIELDS,
    GLOSSARY_TERM_FIELDS,
    ORGANISATION_FIELDS,
    PARTNERSHIP_FIELDS,
    STEERING_DOCUMENT_FIELDS,
    FundingCall,
    GlossaryTerm,
    Invitation,
    Membership,
    Municipality,
    Organisation,
    OrgUnit,
    Partnership,
    Party,
    Role,
    SteeringDocument,
)
from .tasks import send_invitation_email

# The signed links live in tokens.py; importable from here too for existing callers.
from .tokens import invitation_from_token as invitation_from_token
from .tokens import invitation_token as invitation_token
from .validators import check_org_number_free


def _only(fields: dict[str, Any], allowed: tuple[str, ...], what: str) -> dict[str, Any]:
    """`fields`, refusing any a user may not edit (a programming error, not a user's)."""
    unknown = set(fields) - set(allowed)
    if unknown:
        raise TypeError(f"{what} cannot change {', '.join(sorted(unknown))}")
    return fields


# Partnerships ------------------------------------------------------------------------------


@transaction.atomic
def partnership_create(
    *,
    user: User,
    title: str,
    challenge: str,
    phase: str = Partnership.Phase.CO_CREATION,
    municipality: Municipality | None = None,
    start_date: date | None = None,
    end_date: date | None = None,
) -> Partnership:
    """Create a partnership; its creator becomes its first owner."""
    partnership = create_validated(
        Partnership(
            title=title,
            challenge=challenge,
            phase=phase,
            municipality=municipality,
            start_date=start_date,
            end_date=end_date,
        )
    )
    Membership.objects.create(user=user, partnership=partnership, role=Role.OWNER)
    return partnership


def partnership_update(
    *, partnership: Partnership, expected_version: int, **fields: Any
) -> Partnership:
    """Change a partnership's facts, merged with what others saved since `expected_version`."""
    return update_versioned(
        partnership,
        expected_version=expected_version,
        changes=_only(fields, PARTNERSHIP_FIELDS, "partnership_update"),
    )


# Parties -----------------------------------------------------------------------------------


@transaction.atomic
def party_add(
    *, partnership: Partnership, organisation: Organisation, part: str, contribution: str = ""
) -> Party:
    """Add an organisation as a party; one removed earlier comes back with its history."""
    existing = (
        Party.all_objects.select_for_update()
        .filter(partnership=partnership, organisation=organisation)
        .first()
    )
    if existing is not None and existing.removed_at is None:
        raise ValidationError(_("This organisation is already a party in the partnership."))
    if existing is not None:
        existing.removed_at = None
        existing.part = part
        existing.contribution = contribution
        existing.version += 1
        existing.full_clean(validate_unique=False)
        existing.save()
        return existing
    return create_validated(
        Party(
            partnership=partnership,
            organisation=organisation,
            part=part,
            contribution=contribution,
        )
    )


def _set_removed(
    model: type[Party] | type[SteeringDocument] | type[FundingCall] | type[GlossaryTerm],
    pk: int,
    removed: bool,
) -> Any:
    """Mark a soft-removable row removed (or not), as a new version with its own history."""
    with transaction.atomic():
        row = model.all_objects.select_for_update().get(pk=pk)
        if (row.removed_at is not None) == removed:
            return row  # already so: a second click changes nothing
        row.removed_at = timezone.now() if removed else None
        row.version += 1
        if not removed:
            row._change_reason = RESTORED_REASON  # type: ignore[union-attr]  # "Restored"
        row.save()
        return row


def party_remove(*, party: Party) -> Party:
    """Remove a party from the partnership, softly: records that name it keep it."""
    return _set_removed(Party, party.pk, removed=True)


def party_restore(*, party: Party) -> Party:
    """Bring a removed party back, as it was."""
    return _set_removed(Party, party.pk, removed=False)


# Organisations -----------------------------------------------------------------------------


def organisation_create(*, user: User, **fields: Any) -> Organisation:
    """Register an organisation in the shared registry."""
    fields = _only(fields, ORGANISATION_FIELDS, "organisation_create")
    check_org_number_free(fields.get("org_number", ""))
    return create_validated(Organisation(created_by=user, **fields))


def organisation_update(
    *, organisation: Organisation, expected_version: int, **fields: Any
) -> Organisation:
    """Change an organisation, merged with what others saved since `expected_version`."""

    def validate(merged: Organisation) -> None:
        check_org_number_free(merged.org_number, organisation=merged)
        merged.full_clean()

    return update_versioned(
        organisation,
        expected_version=expected_version,
        changes=_only(fields, ORGANISATION_FIELDS, "organisation_update"),
        validate=validate,
    )


# Steering documents ------------------------------------------------------------------------


@transaction.atomic
def steering_document_create(
    *,
    partnership: Partnership,
    title: str,
    kind: str,
    year: int | None = None,
    url: str = "",
    issuing_organisation: str = "",
    organisation: Organisation | None = None,
    unit: OrgUnit | None = None,
) -> SteeringDocument:
    """Enter a steering document of an organisation (or one of its units), from a
    partnership that uses it from then on."""
    from .orgchart.services import steering_document_use

    document = create_validated(
        SteeringDocument(
            partnership=partnership,
            organisation=organisation,
            unit=unit,
            title=title,
            kind=kind,
            year=year,
            url=url,
            issuing_organisation=issuing_organisation,
        )
    )
    steering_document_use(partnership=partnership, document=document)
    return document


def steering_document_update(
    *, document: SteeringDocument, expected_version: int, **fields: Any
) -> SteeringDocument:
    """Change a steering document, merged with what others saved since `expected_version`."""
    return update_versioned(
        document,
        expected_version=expected_version,
        changes=_only(fields, STEERING_DOCUMENT_FIELDS, "steering_document_update"),
    )


def steering_document_delete(*, document: SteeringDocument) -> SteeringDocument:
    """Remove a steering document, softly: the goals anchored in it keep the link, hidden."""
    return _set_removed(SteeringDocument, document.pk, removed=True)


def steering_document_restore(*, document: SteeringDocument) -> SteeringDocument:
    """Bring a removed steering document back, anchored where it was."""
    return _set_removed(SteeringDocument, document.pk, removed=False)


# Funding calls -----------------------------------------------------------------------------


def funding_call_create(*, partnership: Partnership, **fields: Any) -> FundingCall:
    """Add a funding call; the model's rules refuse a smallest amount above the largest and a
    co-financing share outside 0–100."""
    fields = _only(fields, FUNDING_CALL_FIELDS, "funding_call_create")
    return create_validated(FundingCall(partnership=partnership, **fields))


def funding_call_update(*, call: FundingCall, expected_version: int, **fields: Any) -> FundingCall:
    """Change a funding call, merged with what others saved since `expected_version`."""
    return update_versioned(
        call,
        expected_version=expected_version,
        changes=_only(fields, FUNDING_CALL_FIELDS, "funding_call_update"),
    )


def funding_call_remove(*, call: FundingCall) -> FundingCall:
    """Remove a funding call, softly: it can be restored as it was."""
    return _set_removed(FundingCall, call.pk, removed=True)


def funding_call_restore(*, call: FundingCall) -> FundingCall:
    """Bring a removed funding call back."""
    return _set_removed(FundingCall, call.pk, removed=False)


# Glossary terms ----------------------------------------------------------------------------


def _clean_meanings(meanings: dict[Any, Any] | None) -> dict[str, str]:
    """Party id (as text) to meaning, trimmed; empty texts left out."""
    return {str(k): str(v).strip() for k, v in (meanings or {}).items() if str(v).strip()}


def _lock_glossary(partnership_id: Any) -> None:
    """Lock the partnership row: "one term per word" counts rows, so two people adding the
    same word at once are served one after the other and the second is refused."""
    Partnership.objects.select_for_update().filter(pk=partnership_id).first()


def glossary_term_create(*, partnership: Partnership, **fields: Any) -> GlossaryTerm:
    """Add a term to the glossary; a term already there (in any case) is refused."""
    fields = dict(_only(fields, GLOSSARY_TERM_FIELDS, "glossary_term_create"))
    fields["meanings"] = _clean_meanings(fields.get("meanings"))
    fields["term"] = str(fields.get("term", "")).strip()
    with transaction.atomic():
        _lock_glossary(partnership.pk)
        return create_validated(GlossaryTerm(partnership=partnership, **fields))


def glossary_term_update(
    *, glossary_term: GlossaryTerm, expected_version: int, **fields: Any
) -> GlossaryTerm:
    """Change a term, merged with what others saved since `expected_version`."""
    changes = dict(_only(fields, GLOSSARY_TERM_FIELDS, "glossary_term_update"))
    if "term" in changes:
        changes["term"] = str(changes["term"]).strip()
    with transaction.atomic():
        _lock_glossary(glossary_term.partnership_id)
        merged = None
        if "meanings" in changes:
            merged = _merge_meanings(
                glossary_term, expected_version, _clean_meanings(changes["meanings"])
            )
        if merged is None:
            return update_versioned(
                glossary_term, expected_version=expected_version, changes=changes
            )
        # Merged party by party already: set on the row, past the field-level merge.
        changes.pop("meanings")

        def with_meanings(row: GlossaryTerm) -> None:
            row.meanings = merged
            row.full_clean()

        return update_versioned(
            glossary_term,
            expected_version=expected_version,
            changes=changes,
            validate=with_meanings,
        )


def _merge_meanings(
    glossary_term: GlossaryTerm, expected_version: int, yours: dict[str, str]
) -> dict[str, str] | None:
    """The parties' meanings merged party by party, so that two people writing the meanings of
    different parties at once both keep theirs; None when there is nothing to merge or both
    changed one party's meaning differently (then the field-level merge decides, and shows a
    conflict)."""
    current = GlossaryTerm.all_objects.select_for_update().get(pk=glossary_term.pk)
    if current.version == expected_version:
        return None
    record = (
        GlossaryTerm.history.filter(id=glossary_term.pk, version=expected_version)
        .order_by("-history_date", "-history_id")
        .first()
    )
    if record is None:
        return None
    base = _clean_meanings(record.meanings)
    theirs = _clean_meanings(current.meanings)
    merged: dict[str, str] = {}
    for party in set(base) | set(theirs) | set(yours):
        start, them, you = base.get(party, ""), theirs.get(party, ""), yours.get(party, "")
        if you == start:
            value = them  # only they changed it (or nobody did)
        elif them in (start, you):
            value = you  # only you changed it
        else:
            return None  # both changed this party's meaning: a conflict on the field
        if value:
            merged[party] = value
    return merged


def glossary_term_remove(*, glossary_term: GlossaryTerm) -> GlossaryTerm:
    """Remove a term, softly: it can be restored as it was."""
    return _set_removed(GlossaryTerm, glossary_term.pk, removed=True)


def glossary_term_restore(*, glossary_term: GlossaryTerm) -> GlossaryTerm:
    """Bring a removed term back, unless the glossary has the same word again."""
    term = glossary_term
    with transaction.atomic():
        _lock_glossary(term.partnership_id)
        if GlossaryTerm.term_taken(term.partnership_id, term.term, exclude=term.pk):
            raise ValidationError(
                _("The glossary already has the term “%(term)s”.") % {"term": term.term}
            )
        return _set_removed(GlossaryTerm, term.pk, removed=False)


# Members and invitations -------------------------------------------------------------------


def _open_invitation_exists(partnership: Partnership, email: str) -> bool:
    return partnership.invitations.filter(
        email__iexact=email,
        accepted_at__isnull=True,
        revoked_at__isnull=True,
        declined_at__isnull=True,
    ).exists()


@transaction.atomic
def invitation_create(
    *, partnership: Partnership, email: str, role: str, invited_by: User
) -> Invitation:
    email = email.strip().lower()
    if partnership.memberships.filter(user__email__iexact=email).exists():
        raise ValidationError(
            _("%(email)s is already a member of this partnership.") % {"email": email}
        )
    if _open_invitation_exists(partnership, email):
        raise ValidationError(_("%(email)s already has an open invitation.") % {"email": email})
    invitation = Invitation.objects.create(
        partnership=partnership, email=email, role=role, invited_by=invited_by
    )
    send_invitation_email.delay_on_commit(invitation.pk)
    return invitation


@transaction.atomic
def invitation_revoke(*, invitation: Invitation) -> Invitation:
    """Withdraw an open invitation: its link stops working. It can be re-opened."""
    locked = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if locked.accepted_at is not None:
        raise ValidationError(_("This invitation has already been accepted."))
    if locked.revoked_at is None:
        locked.revoked_at = timezone.now()
        locked.save(update_fields=["revoked_at"])
    return locked


@transaction.atomic
def invitation_reopen(*, invitation: Invitation) -> Invitation:
    """Open a withdrawn invitation again and send the invitee a fresh link."""
    locked = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if locked.accepted_at is not None:
        raise ValidationError(_("This invitation has already been accepted."))
    if locked.revoked_at is None:
        return locked
    partnership = locked.partnership
    if partnership.memberships.filter(user__email__iexact=locked.email).exists():
        raise ValidationError(
            _("%(email)s is already a member of this partnership.") % {"email": locked.email}
        )
    if _open_invitation_exists(partnership, locked.email):
        raise ValidationError(
            _("%(email)s already has an open invitation.") % {"email": locked.email}
        )
    locked.revoked_at = None
    locked.sent_at = None  # the task claims it again and sends a new link
    locked.save(update_fields=["revoked_at", "sent_at"])
    send_invitation_email.delay_on_commit(locked.pk)
    return locked


def invitation_is_addressed_to(*, invitation: Invitation, user: User) -> bool:
    """Whether `user` may answer the invitation: it went to their login or a verified address."""
    from allauth.account.models import EmailAddress

    invited = invitation.email.lower()
    if user.email.lower() == invited:
        return True
    return EmailAddress.objects.filter(user=user, email__iexact=invited, verified=True).exists()


def _lock_open_invitation(invitation: Invitation, user: User) -> Invitation:
    """The invitation row locked for update, or ValidationError saying why it cannot be answered."""
    if not invitation_is_addressed_to(invitation=invitation, user=user):
        raise ValidationError(
            _(
                "This invitation was sent to %(invited)s, but you are signed in as %(current)s. "
                "Sign in with the invited address to accept it."
            )
            % {"invited": invitation.email, "current": user.email},
            code="wrong_user",
        )
    locked = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if locked.revoked_at is not None:
        raise ValidationError(_("This invitation has been withdrawn."), code="revoked")
    if locked.declined_at is not None:
        raise ValidationError(_("This invitation has already been declined."), code="declined")
    if locked.accepted_at is not None:
        raise ValidationError(_("This invitation has already been used."), code="used")
    if locked.is_expired:
        raise ValidationError(
            _("This invitation has expired. Ask the partnership's owner for a new one."),
            code="expired",
        )
    return locked


@transaction.atomic
def invitation_accept(*, invitation: Invitation, user: User) -> Membership:
    """Turn an invitation into a membership for a user it was addressed to.

    Called from the emailed link and from the dashboard; either way the invitation must have
    gone to the user's login address or one of their verified addresses.
    """
    locked = _lock_open_invitation(invitation, user)
    membership, _created = Membership.objects.get_or_create(
        user=user, partnership=locked.partnership, defaults={"role": locked.role}
    )
    locked.accepted_at = timezone.now()
    locked.accepted_by = user
    locked.save(update_fields=["accepted_at", "accepted_by"])
    return membership


@transaction.atomic
def invitation_decline(*, invitation: Invitation, user: User) -> Invitation:
    """Record that the invited person said no: the invitation leaves their list, the link stops."""
    locked = _lock_open_invitation(invitation, user)
    locked.declined_at = timezone.now()
    locked.save(update_fields=["declined_at"])
    return locked


def _lock_partnership(partnership_id: int) -> Partnership:
    """Lock the partnership row: every rule that counts its members runs after this.

    Two owners demoting each other would otherwise each lock only the other's membership,
    both count two owners, and both succeed, leaving no owner. Locking the parent row first
    makes the second request wait and then count what the first left.
    """
    return Partnership.objects.select_for_update().get(pk=partnership_id)


def owner_count(partnership: Partnership) -> int:
    return partnership.memberships.filter(role=Role.OWNER).count()


@transaction.atomic
def membership_change_role(*, membership: Membership, role: str) -> Membership:
    partnership = _lock_partnership(membership.partnership_id)
    locked = Membership.objects.select_for_update().get(pk=membership.pk)
    if locked.role == Role.OWNER and role != Role.OWNER and owner_count(partnership) <= 1:
        raise ValidationError(
            _("The partnership needs at least one owner. Make someone else owner first.")
        )
    locked.role = role
    locked.save(update_fields=["role"])
    return locked


@transaction.atomic
def membership_remove(*, membership: Membership, by: User) -> None:
    """Remove a member (an owner removing someone, or a member leaving)."""
    partnership = _lock_partnership(membership.partnership_id)
    locked = Membership.objects.select_for_update().get(pk=membership.pk)
    if (
        locked.user_id != by.pk
        and not Membership.objects.filter(
            user=by, partnership=partnership, role=Role.OWNER
        ).exists()
    ):
        raise PermissionDenied
    if locked.role == Role.OWNER and owner_count(partnership) <= 1:
        raise ValidationError(
            _("The last owner cannot leave the partnership. Make someone else owner first.")
        )
    locked.delete()


@transaction.atomic
def membership_restore(*, partnership: Partnership, user: User) -> Membership:
    """Add a member an owner removed back, with the role they had; not someone who left."""
    partnership = _lock_partnership(partnership.pk)
    if partnership.memberships.filter(user=user).exists():
        raise ValidationError(
            _("%(user)s is already a member of this partnership.") % {"user": user}
        )
    last = (
        Membership.history.filter(partnership_id=partnership.pk, user_id=user.pk, history_type="-")
        .order_by("-history_date", "-history_id")
        .first()
    )
    if last is None:
        raise ValidationError(
            _("%(user)s was never a member of this partnership.") % {"user": user}
        )
    if last.history_user_id == user.pk:
        # They chose to leave: coming back is their choice too, through a new invitation.
        raise ValidationError(
            _("%(user)s left the partnership themselves. Invite them again if they want to return.")
            % {"user": user}
        )
    return Membership.objects.create(user=user, partnership=partnership, role=last.role)
