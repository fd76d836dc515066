"""Writes on partnerships, parties, members and invitations."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.conf import settings
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from .models import Invitation, Membership, Municipality, Organisation, Partnership, Party, Role

INVITATION_SALT = "samverkan.invitation"


@transaction.atomic
def partnership_create(
    *,
    user: Any,
    title: str,
    challenge: str,
    phase: str = Partnership.Phase.CO_CREATION,
    municipality: Municipality | None = None,
    start_date: date | None = None,
    end_date: date | None = None,
) -> Partnership:
    """Create a partnership; its creator becomes its first owner."""
    partnership = Partnership.objects.create(
        title=title,
        challenge=challenge,
        phase=phase,
        municipality=municipality,
        start_date=start_date,
        end_date=end_date,
    )
    Membership.objects.create(user=user, partnership=partnership, role=Role.OWNER)
    return partnership


def party_add(
    *, partnership: Partnership, organisation: Organisation, part: str, contribution: str = ""
) -> Party:
    if partnership.parties.filter(organisation=organisation).exists():
        raise ValidationError(_("This organisation is already a party in the partnership."))
    return Party.objects.create(
        partnership=partnership, organisation=organisation, part=part, contribution=contribution
    )


def party_remove(*, party: Party) -> None:
    party.delete()


def organisation_create(*, user: Any, **fields: Any) -> Organisation:
    return Organisation.objects.create(created_by=user, **fields)


# Members and invitations -------------------------------------------------------------------


def invitation_token(invitation: Invitation) -> str:
    return signing.dumps({"i": invitation.pk}, salt=INVITATION_SALT, compress=True)


def invitation_from_token(token: str) -> Invitation:
    """The open invitation behind a signed link, or ValidationError with the reason."""
    max_age = timedelta(days=settings.INVITATION_MAX_AGE_DAYS)
    try:
        payload = signing.loads(token, salt=INVITATION_SALT, max_age=max_age)
    except signing.SignatureExpired as error:
        raise ValidationError(
            _("This invitation link has expired. Ask the partnership's owner for a new one."),
            code="expired",
        ) from error
    except signing.BadSignature as error:
        raise ValidationError(_("This invitation link is not valid."), code="invalid") from error
    invitation = (
        Invitation.objects.select_related("partnership", "invited_by")
        .filter(pk=payload.get("i"))
        .first()
    )
    if invitation is None or invitation.revoked_at is not None:
        raise ValidationError(_("This invitation has been withdrawn."), code="revoked")
    if invitation.accepted_at is not None:
        raise ValidationError(_("This invitation has already been used."), code="used")
    if invitation.declined_at is not None:
        raise ValidationError(
            _(
                "This invitation was declined on %(date)s. Ask the partnership's owner for a new "
                "one if you want to join after all."
            )
            % {"date": date_format(timezone.localtime(invitation.declined_at), "DATE_FORMAT")},
            code="declined",
        )
    return invitation


@transaction.atomic
def invitation_create(
    *, partnership: Partnership, email: str, role: str, invited_by: Any
) -> Invitation:
    from .tasks import send_invitation_email

    email = email.strip().lower()
    if partnership.memberships.filter(user__email__iexact=email).exists():
        raise ValidationError(
            _("%(email)s is already a member of this partnership.") % {"email": email}
        )
    if partnership.invitations.filter(
        email__iexact=email,
        accepted_at__isnull=True,
        revoked_at__isnull=True,
        declined_at__isnull=True,
    ).exists():
        raise ValidationError(_("%(email)s already has an open invitation.") % {"email": email})
    invitation = Invitation.objects.create(
        partnership=partnership, email=email, role=role, invited_by=invited_by
    )
    send_invitation_email.delay_on_commit(invitation.pk)
    return invitation


def invitation_revoke(*, invitation: Invitation) -> None:
    invitation.revoked_at = timezone.now()
    invitation.save(update_fields=["revoked_at"])


def invitation_is_addressed_to(*, invitation: Invitation, user: Any) -> bool:
    """Whether `user` may answer the invitation: it went to their login or a verified address."""
    from allauth.account.models import EmailAddress

    invited = invitation.email.lower()
    if user.email.lower() == invited:
        return True
    return EmailAddress.objects.filter(user=user, email__iexact=invited, verified=True).exists()


def _lock_open_invitation(invitation: Invitation, user: Any) -> Invitation:
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
def invitation_accept(*, invitation: Invitation, user: Any) -> Membership:
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
def invitation_decline(*, invitation: Invitation, user: Any) -> Invitation:
    """Record that the invited person said no: the invitation leaves their list, the link stops."""
    locked = _lock_open_invitation(invitation, user)
    locked.declined_at = timezone.now()
    locked.save(update_fields=["declined_at"])
    return locked


def _owner_count(partnership: Partnership) -> int:
    return partnership.memberships.filter(role=Role.OWNER).count()


@transaction.atomic
def membership_change_role(*, membership: Membership, role: str) -> Membership:
    locked = Membership.objects.select_for_update().get(pk=membership.pk)
    if locked.role == Role.OWNER and role != Role.OWNER and _owner_count(locked.partnership) <= 1:
        raise ValidationError(
            _("The partnership needs at least one owner. Make someone else owner first.")
        )
    locked.role = role
    locked.save(update_fields=["role"])
    return locked


@transaction.atomic
def membership_remove(*, membership: Membership, by: Any) -> None:
    """Remove a member (an owner removing someone, or a member leaving)."""
    locked = Membership.objects.select_for_update().get(pk=membership.pk)
    if (
        locked.user_id != by.pk
        and not Membership.objects.filter(
            user=by, partnership=locked.partnership, role=Role.OWNER
        ).exists()
    ):
        raise PermissionDenied
    if locked.role == Role.OWNER and _owner_count(locked.partnership) <= 1:
        raise ValidationError(
            _("The last owner cannot leave the partnership. Make someone else owner first.")
        )
    locked.delete()
