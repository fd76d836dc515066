"""The last-owner rule counts owners with the partnership row locked, so two owners demoting or
removing each other at the same moment cannot leave the partnership without an owner."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any
from unittest import mock

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, connections
from django.test.utils import CaptureQueriesContext

from partnerships import services
from partnerships.models import Membership, Role
from tests.factories import MembershipFactory, PartnershipFactory

from ..conftest import REQUIRE_SERVICES, skip_or_fail

ON_POSTGRES = connection.vendor == "postgresql"


def two_owners() -> tuple[Membership, Membership]:
    partnership = PartnershipFactory(municipality=None)
    first = MembershipFactory(partnership=partnership, role=Role.OWNER)
    second = MembershipFactory(partnership=partnership, role=Role.OWNER)
    return first, second


@pytest.mark.django_db
@pytest.mark.parametrize("rule", ["change_role", "remove"])
def test_the_partnership_row_is_locked_before_owners_are_counted(rule: str) -> None:
    first, second = two_owners()
    with CaptureQueriesContext(connection) as captured:
        if rule == "change_role":
            services.membership_change_role(membership=second, role=Role.EDITOR)
        else:
            services.membership_remove(membership=second, by=first.user)
    selects = [
        query["sql"] for query in captured.captured_queries if query["sql"].startswith("SELECT")
    ]
    assert '"partnerships_partnership"' in selects[0].split("WHERE")[0], selects[0]
    if connection.features.has_select_for_update:
        assert selects[0].rstrip().endswith("FOR UPDATE"), selects[0]
    counted = next(i for i, sql in enumerate(selects) if "COUNT(" in sql)
    assert counted > 0  # counted after the lock, never before


def run_at_once(*actions: Callable[[], None]) -> list[BaseException | None]:
    """Run the actions in threads, each on its own connection; their errors, in order."""
    errors: list[BaseException | None] = [None] * len(actions)

    def run(index: int, action: Callable[[], None]) -> None:
        try:
            action()
        except BaseException as error:  # noqa: BLE001 - reported to the test
            errors[index] = error
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i, a)) for i, a in enumerate(actions)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return errors


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("rule", ["change_role", "remove"])
def test_two_owners_demoting_each_other_at_once_leave_one_owner(rule: str) -> None:
    if not ON_POSTGRES:
        skip_or_fail(
            "needs PostgreSQL (DATABASE_URL=postgres://...): SQLite has no row locks",
            REQUIRE_SERVICES,
        )
    first, second = two_owners()
    # Hold each request just after it counted the owners, until the other one has counted too
    # (or a second passed): without the lock both count two owners and both go ahead.
    counted = threading.Barrier(2)
    real_count = services.owner_count

    def count_then_wait(partnership: Any) -> int:
        owners = real_count(partnership)
        try:
            counted.wait(timeout=1)
        except threading.BrokenBarrierError:
            pass  # the other request is waiting for the lock this one holds
        return owners

    def demote(membership: Membership, by: Membership) -> Callable[[], None]:
        if rule == "change_role":
            return lambda: services.membership_change_role(membership=membership, role=Role.EDITOR)
        return lambda: services.membership_remove(membership=membership, by=by.user)

    with mock.patch.object(services, "owner_count", count_then_wait):
        errors = run_at_once(demote(second, by=first), demote(first, by=second))

    refused = [error for error in errors if error is not None]
    assert len(refused) == 1, errors
    # Refused for being the last owner, or (removing) for no longer being an owner at all.
    assert isinstance(refused[0], ValidationError | PermissionDenied), refused[0]
    assert Membership.objects.filter(partnership=first.partnership, role=Role.OWNER).count() == 1
