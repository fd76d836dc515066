"""Writes on the user's own account, and the personal data export."""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from .models import User


def profile_update(*, user: User, name: str, title: str, organisation: str) -> User:
    """Change how the user is shown to others: name, job title and organisation."""
    user.name = name.strip()
    user.title = title.strip()
    user.organisation = organisation.strip()
    user.save(update_fields=["name", "title", "organisation"])
    return user


def personal_data_export(user: User) -> dict[str, Any]:
    """Everything stored about `user` as a person (GDPR art. 15 / 20), not others' records."""
    from allauth.account.models import EmailAddress
    from allauth.mfa.models import Authenticator

    from partnerships.models import Invitation, Membership

    memberships = Membership.objects.filter(user=user).select_related("partnership")
    invitations = Invitation.objects.filter(email__iexact=user.email).select_related("partnership")
    return {
        "exported_at": timezone.now().isoformat(),
        "account": {
            "email": user.email,
            "name": user.name,
            "title": user.title,
            "organisation": user.organisation,
            "date_joined": user.date_joined.isoformat(),
            "last_login": user.last_login.isoformat() if user.last_login else None,
            "is_active": user.is_active,
        },
        "email_addresses": [
            {"email": address.email, "verified": address.verified, "primary": address.primary}
            for address in EmailAddress.objects.filter(user=user)
        ],
        "two_factor_methods": [
            {"type": auth.type, "created_at": auth.created_at.isoformat()}
            for auth in Authenticator.objects.filter(user=user)
        ],
        "memberships": [
            {
                "partnership": membership.partnership.title,
                "role": membership.role,
                "since": membership.created_at.isoformat(),
            }
            for membership in memberships
        ],
        "invitations_received": [
            {
                "partnership": invitation.partnership.title,
                "role": invitation.role,
                "created_at": invitation.created_at.isoformat(),
                "accepted_at": invitation.accepted_at.isoformat()
                if invitation.accepted_at
                else None,
            }
            for invitation in invitations
        ],
    }
