"""The account pages and emails in Swedish: our catalogue corrects allauth's, mail signs as Samverkan."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.core import mail
from django.urls import reverse

from tests.factories import UserFactory

PASSWORD = "a long enough pass 42"


def link_text(page: str, url: str) -> str | None:
    found = re.search(rf'<a href="{re.escape(url)}">\s*(.*?)\s*</a>', page)
    return found.group(1) if found else None


def test_login_page_offers_sign_up_in_words_that_fit(client: Any, db: Any) -> None:
    page = client.get(reverse("account_login")).content.decode()
    assert "Har du redan ett konto" not in page
    assert link_text(page, reverse("account_signup")) == "Skapa ett"
    assert "Har du inget konto?" in page


def test_signup_page_offers_sign_in(client: Any, db: Any) -> None:
    page = client.get(reverse("account_signup")).content.decode()
    assert link_text(page, reverse("account_login")) == "Logga in"


def test_confirmation_email_greets_from_samverkan(client: Any, db: Any) -> None:
    response = client.post(
        reverse("account_signup"),
        {"email": "ny@example.org", "password1": PASSWORD, "password2": PASSWORD},
        follow=True,
    )
    assert "Ett bekräftelsemejl har skickats till ny@example.org" in response.content.decode()
    message = mail.outbox[-1]
    assert message.subject == "[Samverkan] Bekräfta din e-postadress"
    assert message.body.startswith("Hej från Samverkan!")
    assert "testserver" not in message.body.splitlines()[0]
    assert "Epost" not in message.body and "mail " not in message.body


def test_password_reset_email_speaks_swedish_as_samverkan(client: Any, db: Any) -> None:
    UserFactory(email="karin@example.org")
    client.post(reverse("account_reset_password"), {"email": "karin@example.org"})
    message = mail.outbox[-1]
    assert message.subject == "[Samverkan] Återställ ditt lösenord"
    assert message.body.startswith("Hej från Samverkan!")
    assert "Tack för att du använder Samverkan!" in message.body


ACCOUNT_PAGES = [
    ("account_login", False),
    ("account_signup", False),
    ("account_email_verification_sent", False),
    ("account_reset_password", False),
    ("account_reset_password_done", False),
    ("account_inactive", False),
    ("account_email", True),
    ("account_change_password", True),
    ("account_reauthenticate", True),
    ("account_logout", True),
    ("mfa_index", True),
    ("profile", True),
]


@pytest.mark.parametrize(("name", "signed_in"), ACCOUNT_PAGES)
def test_no_account_page_says_epost(client: Any, db: Any, name: str, signed_in: bool) -> None:
    if signed_in:
        client.force_login(UserFactory())
    response = client.get(reverse(name))
    assert response.status_code == 200
    page = response.content.decode()
    assert '<html lang="sv">' in page
    assert "Epost" not in page and "epost" not in page
    assert "Vänligen" not in page


def test_email_page_after_adding_an_address(client: Any, db: Any) -> None:
    client.force_login(UserFactory())
    page = client.post(
        reverse("account_email"), {"action_add": "", "email": "extra@example.org"}, follow=True
    ).content.decode()
    assert "Ett bekräftelsemejl har skickats till extra@example.org" in page
    assert "Inte bekräftad" in page
    assert "Epost" not in page and "Verifierings-mail" not in page
