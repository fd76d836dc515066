"""Every URL pattern × every role × GET and POST returns the status in the table."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import transaction
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from .url_table import ADMIN, ROLES, expected_for, full_row, kwargs_for


def url_patterns() -> list[tuple[str, list[str]]]:
    """(name, kwarg names) of every named URL pattern the project serves.

    Unnamed regex groups (simple-history's admin) are listed as kwargs "_0", "_1"...
    """
    found: list[tuple[str, list[str]]] = []

    def walk(resolver: URLResolver, namespace: str | None) -> None:
        for pattern in resolver.url_patterns:
            if isinstance(pattern, URLResolver):
                inner = pattern.namespace
                walk(pattern, f"{namespace}:{inner}" if namespace and inner else inner or namespace)
            elif isinstance(pattern, URLPattern) and pattern.name:
                name = f"{namespace}:{pattern.name}" if namespace else pattern.name
                route = pattern.pattern
                kwargs = list(getattr(route, "converters", {}).keys()) or list(
                    route.regex.groupindex.keys()
                )
                if not route.regex.groupindex and route.regex.groups:
                    kwargs = [f"_{index}" for index in range(route.regex.groups)]
                found.append((name, kwargs))

    walk(get_resolver(), None)
    return found


PATTERNS = url_patterns()


@pytest.mark.parametrize("name", sorted({name for name, _kwargs in PATTERNS}))
def test_every_url_pattern_is_in_the_table(name: str) -> None:
    assert expected_for(name) is not None, (
        f"URL pattern {name!r} is missing from the URL × role table (tests/harness/url_table.py)"
    )


CASES = [
    pytest.param(name, kwargs, method, id=f"{name}-{method}")
    for name, kwargs in PATTERNS
    if expected_for(name) is not None
    for method in ("GET", "POST")
]


@pytest.mark.parametrize(("name", "kwargs", "method"), CASES)
def test_url_role_matrix(
    name: str, kwargs: list[str], method: str, world: Any, client: Any
) -> None:
    expected = expected_for(name)
    assert expected is not None
    values = kwargs_for(kwargs, name, world)
    if any(kwarg.startswith("_") for kwarg in values):
        url = reverse(name, args=list(values.values()))
    else:
        url = reverse(name, kwargs=values or None)
    got = []
    for role in ROLES:
        # Each role starts from the same records: a write by one role is rolled back.
        with transaction.atomic():
            client.logout()
            if role != "anonymous":
                client.force_login(world.users[role])
            response = client.get(url) if method == "GET" else client.post(url, {})
            got.append(response.status_code)
            transaction.set_rollback(True)
    want = full_row(expected[method])
    got = [status if want[i] != ADMIN or status >= 500 else ADMIN for i, status in enumerate(got)]
    assert tuple(got) == want, f"{method} {url}: got {tuple(got)}, table says {want}"
