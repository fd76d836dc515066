from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from partnerships.forms import OrganisationForm
from partnerships.validators import luhn_ok, normalise_org_number


@pytest.mark.parametrize(
    ("raw", "normalised"),
    [
        ("212000-0340", "212000-0340"),  # Eskilstuna kommun
        ("2120002643", "212000-2643"),  # Bodens kommun, without hyphen
        ("16 212000-0340", "212000-0340"),  # with a century prefix
        ("556016-0680", "556016-0680"),
    ],
)
def test_valid_numbers_are_normalised(raw: str, normalised: str) -> None:
    assert normalise_org_number(raw) == normalised


@pytest.mark.parametrize("raw", ["212000-0341", "556016-0681"])
def test_a_wrong_check_digit_is_refused(raw: str) -> None:
    with pytest.raises(ValidationError) as error:
        normalise_org_number(raw)
    assert error.value.code == "checksum"


@pytest.mark.parametrize("raw", ["12345", "abcdef-ghij", "212000-03401"])
def test_a_malformed_number_is_refused(raw: str) -> None:
    with pytest.raises(ValidationError) as error:
        normalise_org_number(raw)
    assert error.value.code == "format"


def test_luhn() -> None:
    assert luhn_ok("2120000340")
    assert not luhn_ok("2120000341")


@pytest.mark.django_db
def test_foreign_registration_is_allowed_without_a_swedish_number() -> None:
    form = OrganisationForm(
        {
            "name": "House of Hope",
            "kind": "social_entrepreneur",
            "foreign_registration": "LV 40008000000",
        }
    )
    assert form.is_valid(), form.errors


@pytest.mark.django_db
def test_organisation_form_explains_a_bad_number() -> None:
    form = OrganisationForm({"name": "X", "kind": "funder", "org_number": "212000-0341"})
    assert not form.is_valid()
    assert "org_number" in form.errors
