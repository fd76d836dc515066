"""Editing a partnership: validation, optimistic locking between two people, and history."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from partnerships.models import Membership, Partnership


def form_data(partnership: Partnership, **changes: Any) -> dict[str, Any]:
    data = {
        "title": partnership.title,
        "challenge": partnership.challenge,
        "phase": partnership.phase,
        "municipality": partnership.municipality_id or "",
        "start_date": "",
        "end_date": "",
        "version_seen": partnership.version,
    }
    data.update(changes)
    return data


def test_create_makes_the_creator_owner(client: Any, world: Any) -> None:
    client.force_login(world.users["outsider"])
    response = client.post(
        reverse("partnerships:create"),
        {"title": "Ny samverkan", "challenge": "Ensamhet bland äldre", "phase": "co_creation"},
    )
    partnership = Partnership.objects.get(title="Ny samverkan")
    assert response.status_code == 302
    assert response["Location"] == partnership.get_absolute_url()
    assert Membership.objects.get(partnership=partnership).role == "owner"
    assert len(partnership.key) >= 16


def test_end_before_start_is_explained_and_nothing_saved(client: Any, world: Any) -> None:
    client.force_login(world.users["editor"])
    url = reverse("partnerships:edit", kwargs={"key": world.partnership.key})
    response = client.post(
        url,
        form_data(
            world.partnership, title="Changed", start_date="2025-06-01", end_date="2025-01-01"
        ),
    )
    assert response.status_code == 400  # invalid input, answered with the form and its errors
    assert "end_date" in response.context["form"].errors
    world.partnership.refresh_from_db()
    assert world.partnership.title != "Changed"


def test_second_of_two_concurrent_saves_is_told_and_nothing_is_lost(
    client: Any, world: Any
) -> None:
    url = reverse("partnerships:edit", kwargs={"key": world.partnership.key})
    opened = form_data(world.partnership)  # both open the form at the same version

    client.force_login(world.users["editor"])
    first = client.post(url, {**opened, "title": "Editor's title"})
    assert first.status_code == 302

    client.force_login(world.users["owner"])
    second = client.post(
        url, {**opened, "title": "Owner's title", "challenge": "Owner's challenge"}
    )
    assert second.status_code == 200
    page = second.content.decode()
    assert "Editor&#x27;s title" in page or "Editor's title" in page  # the other change is shown
    assert (
        "Owner&#x27;s challenge" in page or "Owner's challenge" in page
    )  # the user's input is kept
    world.partnership.refresh_from_db()
    assert world.partnership.title == "Editor's title"  # nothing silently overwritten

    # Saving again, having seen the conflict, keeps the owner's version on purpose.
    form = second.context["form"]
    third = client.post(
        url, {**opened, "title": "Owner's title", "version_seen": form.data["version_seen"]}
    )
    assert third.status_code == 302
    world.partnership.refresh_from_db()
    assert world.partnership.title == "Owner's title"


def test_history_lists_who_changed_what(client: Any, world: Any) -> None:
    url = reverse("partnerships:edit", kwargs={"key": world.partnership.key})
    client.force_login(world.users["editor"])
    client.post(url, form_data(world.partnership, title="Kraftsamling 2.0"))
    client.force_login(world.users["viewer"])
    response = client.get(reverse("partnerships:history", kwargs={"key": world.partnership.key}))
    assert response.status_code == 200
    entries = response.context["entries"]
    latest = entries[0]
    assert latest.who == str(world.users["editor"])
    assert latest.what == "Kraftsamling 2.0"
    assert any(change.new == "Kraftsamling 2.0" for change in latest.changes)
    # Memberships and parties are part of the history too (the world's first records: they
    # may be on the second page once the topic packages add their sample records).
    kinds = {entry.type_label for entry in entries}
    second = client.get(
        reverse("partnerships:history", kwargs={"key": world.partnership.key}), {"page": 2}
    )
    kinds |= {entry.type_label for entry in second.context["entries"]}
    assert {"Membership", "Party"} <= kinds or {"Medlemskap", "Part"} <= kinds


def test_history_of_other_partnerships_is_not_shown(client: Any, world: Any) -> None:
    from tests.factories import PartnershipFactory

    other = PartnershipFactory(title="Hemlig samverkan")
    client.force_login(world.users["owner"])
    response = client.get(reverse("partnerships:history", kwargs={"key": world.partnership.key}))
    assert "Hemlig samverkan" not in response.content.decode()
    assert other.history.exists()
