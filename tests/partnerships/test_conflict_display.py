"""Two people edit the same partnership: different fields merge; the same field is shown once,
readably, with the second person's input kept and the record left as the first saved it."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse
from django.utils import translation

from partnerships.models import Municipality
from tests.partnerships.test_edit_and_history import form_data

pytestmark = pytest.mark.usefixtures("english")


def _edit_url(world: Any) -> str:
    return reverse("partnerships:edit", kwargs={"key": world.partnership.key})


def test_different_fields_are_both_kept_without_a_conflict(client: Any, world: Any) -> None:
    opened = form_data(world.partnership)
    client.force_login(world.users["editor"])
    assert (
        client.post(_edit_url(world), {**opened, "challenge": "Unga saknar jobb"}).status_code
        == 302
    )
    client.force_login(world.users["owner"])
    response = client.post(_edit_url(world), {**opened, "title": "Ny titel"})
    assert response.status_code == 302
    world.partnership.refresh_from_db()
    assert (world.partnership.title, world.partnership.challenge) == (
        "Ny titel",
        "Unga saknar jobb",
    )


def test_the_same_field_shows_one_readable_box_and_keeps_the_input(client: Any, world: Any) -> None:
    started_title = world.partnership.title
    opened = form_data(world.partnership)
    stockholm = Municipality.objects.get(code="0180")
    client.force_login(world.users["editor"])
    first = client.post(
        _edit_url(world),
        {
            **opened,
            "title": "Editors titel",
            "municipality": stockholm.pk,
            "end_date": "2026-12-31",
        },
    )
    assert first.status_code == 302

    client.force_login(world.users["owner"])
    with translation.override("en"):
        second = client.post(
            _edit_url(world),
            {**opened, "title": "Ägarens titel", "municipality": "", "challenge": "Ny utmaning"},
            HTTP_ACCEPT_LANGUAGE="en",
        )
    assert second.status_code == 200
    page = second.content.decode()
    form = second.context["form"]
    # One box: no second error message repeating it.
    assert page.count("conflict-heading") == 2  # the section's aria-labelledby and the heading
    assert form.non_field_errors() == []
    assert 'class="alert alert-danger' not in page and "errorlist nonfield" not in page
    # A readable table: field, value when started, theirs (with who), yours.
    rows = {c.name: c for c in form.conflict}
    assert set(rows) == {"title", "municipality"}  # the end date only they changed
    assert (rows["title"].base, rows["title"].theirs, rows["title"].yours) == (
        started_title,
        "Editors titel",
        "Ägarens titel",
    )
    assert rows["municipality"].theirs == "Stockholm"  # the name, not an id
    assert "Stockholm" in page and "Editors titel" in page and started_title in page
    assert f"Saved by {world.users['editor']}" in page
    assert "Their changes to other fields were kept" in page
    assert "saving again saves exactly what the form shows" in page
    assert "<Municipality" not in page and "None" not in page
    # The input is kept, the other person's other change brought in; the record is unchanged.
    assert form["title"].value() == "Ägarens titel"
    assert form["challenge"].value() == "Ny utmaning"
    assert form["end_date"].value() == "2026-12-31"
    world.partnership.refresh_from_db()
    assert world.partnership.title == "Editors titel"
    assert world.partnership.challenge == opened["challenge"]

    # Saving again saves what the form shows.
    third = client.post(_edit_url(world), dict(form.data.items()))
    assert third.status_code == 302
    world.partnership.refresh_from_db()
    assert world.partnership.title == "Ägarens titel"
    assert world.partnership.municipality is None
    assert world.partnership.challenge == "Ny utmaning"
    assert str(world.partnership.end_date) == "2026-12-31"
