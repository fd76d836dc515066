"""Email login, lockout after repeated failures, two-factor with TOTP, personal data export."""

from __future__ import annotations

import json
from typing import Any

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import (
    SECRET_SESSION_KEY,
    format_hotp_value,
    hotp_value,
    yield_hotp_counters_from_time,
)
from django.urls import reverse

from tests.factories import MembershipFactory, UserFactory

PASSWORD = "correct horse battery"


def login(client: Any, email: str, password: str = PASSWORD) -> Any:
    return client.post(reverse("account_login"), {"login": email, "password": password})


def test_login_with_email(client: Any, db: Any) -> None:
    user = UserFactory(email="karin@example.org")
    response = login(client, "Karin@Example.org")
    assert response.status_code == 302
    assert response["Location"] == reverse("partnerships:dashboard")
    assert client.get(reverse("partnerships:dashboard")).context["user"] == user


def test_lockout_after_repeated_failures(client: Any, db: Any) -> None:
    UserFactory(email="target@example.org")
    for _attempt in range(5):
        assert login(client, "target@example.org", "wrong").status_code in (200, 429)
    locked = login(client, "target@example.org")  # even the right password is refused now
    assert locked.status_code == 429
    assert "_auth_user_id" not in client.session


def test_totp_two_factor_with_recovery_codes(client: Any, db: Any) -> None:
    user = UserFactory(email="mfa@example.org")
    login(client, user.email)
    # Changing two-factor settings asks for the password once more.
    assert client.get(reverse("mfa_activate_totp")).status_code == 302
    client.post(reverse("account_reauthenticate"), {"password": PASSWORD})
    page = client.get(reverse("mfa_activate_totp"))
    assert page.status_code == 200
    secret = client.session[SECRET_SESSION_KEY]
    code = format_hotp_value(hotp_value(secret, next(yield_hotp_counters_from_time())))
    response = client.post(reverse("mfa_activate_totp"), {"code": code})
    assert response.status_code == 302
    assert set(Authenticator.objects.filter(user=user).values_list("type", flat=True)) == {
        "totp",
        "recovery_codes",
    }
    # Signing in again now asks for the second factor.
    client.logout()
    response = login(client, user.email)
    assert response["Location"] == reverse("mfa_authenticate")
    assert "_auth_user_id" not in client.session


def test_personal_data_export(client: Any, db: Any) -> None:
    membership = MembershipFactory(role="editor")
    client.force_login(membership.user)
    response = client.get(reverse("data_export"))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    data = json.loads(response.content)
    assert data["account"]["email"] == membership.user.email
    assert data["memberships"] == [
        {
            "partnership": membership.partnership.title,
            "role": "editor",
            "since": membership.created_at.isoformat(),
        }
    ]


def test_export_holds_only_the_users_own_data(client: Any, db: Any) -> None:
    mine = MembershipFactory()
    other = MembershipFactory()
    client.force_login(mine.user)
    body = client.get(reverse("data_export")).content.decode()
    assert other.user.email not in body
    assert other.partnership.title not in body


@pytest.mark.parametrize(
    "path", ["/accounts/login/", "/accounts/signup/", "/accounts/password/reset/"]
)
def test_account_pages_use_the_site_layout(client: Any, db: Any, path: str) -> None:
    page = client.get(path).content.decode()
    assert 'class="skip-link"' in page
    assert '<main id="main"' in page


def test_profile_is_edited_on_the_profile_page(client: Any, db: Any) -> None:
    user = UserFactory(email="anna@example.org", name="")
    client.force_login(user)
    page = client.get(reverse("profile")).content.decode()
    assert 'name="organisation"' in page
    response = client.post(
        reverse("profile"),
        {
            "name": " Anna Andersson ",
            "title": "utvecklingsstrateg",
            "organisation": "Eskilstuna kommun",
        },
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert (user.name, user.title, user.organisation) == (
        "Anna Andersson",
        "utvecklingsstrateg",
        "Eskilstuna kommun",
    )
    assert str(user) == "Anna Andersson"
    assert user.full_label == "Anna Andersson, utvecklingsstrateg, Eskilstuna kommun"


def test_profile_fields_are_checked(client: Any, db: Any) -> None:
    user = UserFactory()
    client.force_login(user)
    response = client.post(reverse("profile"), {"name": "x" * 151, "organisation": "Boden"})
    assert response.status_code == 400
    user.refresh_from_db()
    assert user.organisation == ""


def test_a_user_without_a_name_is_shown_by_email(db: Any) -> None:
    user = UserFactory(email="utan.namn@example.org", name="", title="controller")
    assert str(user) == "utan.namn@example.org"
    assert user.full_label == "utan.namn@example.org, controller"


def test_members_page_shows_name_title_and_organisation(client: Any, db: Any) -> None:
    membership = MembershipFactory(
        user=UserFactory(
            name="Anna Andersson", title="utvecklingsstrateg", organisation="Eskilstuna kommun"
        )
    )
    client.force_login(membership.user)
    page = client.get(
        reverse("partnerships:members", kwargs={"key": membership.partnership.key})
    ).content.decode()
    assert "Anna Andersson" in page
    assert "utvecklingsstrateg, Eskilstuna kommun" in page
    assert membership.user.email in page  # members see each other's addresses


def test_export_includes_the_profile(client: Any, db: Any) -> None:
    user = UserFactory(title="controller", organisation="Bodens kommun")
    client.force_login(user)
    data = json.loads(client.get(reverse("data_export")).content)
    assert data["account"]["organisation"] == "Bodens kommun"
    assert data["account"]["title"] == "controller"
