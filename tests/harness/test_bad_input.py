"""Every form the URL table knows answers malformed and out-of-range input with a form error.

For each page in the URL x role table that the owner can open, every form that posts is sent
back with every field set to a hostile value (a number beyond any database integer, a negative
one, text, an exponent). The answer must never be a server error, on SQLite or PostgreSQL.
"""

from __future__ import annotations

from html.parser import HTMLParser
from typing import Any

import pytest
from django import forms
from django.db import transaction
from django.urls import reverse

from config.forms import BoundedInputMixin

from .test_url_roles import PATTERNS
from .url_table import ROLES, expected_for, full_row, kwargs_for

# "²" passes str.isdigit() but not int(); "٣" is a digit int() reads as 3.
HOSTILE = ("99999999999999999999", "-99999999999999999999", "abc", "1e400", "0x1F", "²", "٣", "")
OWNER = ROLES.index("owner")
SKIPPED_ACTIONS = ("/accounts/logout/",)  # signing out would end the test's session


class _Forms(HTMLParser):
    """The POST forms of a page: their action and the names of their fields."""

    def __init__(self) -> None:
        super().__init__()
        self.forms: list[tuple[str, set[str]]] = []
        self.queries: list[tuple[str, set[str]]] = []  # forms that GET (filters, comparisons)
        self._current: tuple[str, set[str]] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "form":
            self._current = (values.get("action") or "", set())
            method = (values.get("method") or "get").lower()
            (self.forms if method == "post" else self.queries).append(self._current)
        elif tag in ("input", "select", "textarea", "button") and self._current is not None:
            name = values.get("name")
            if name and name != "csrfmiddlewaretoken" and values.get("type") != "file":
                self._current[1].add(name)

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self._current = None


def _pages(world: Any) -> list[str]:
    urls = []
    for name, kwargs in PATTERNS:
        expected = expected_for(name)
        if expected is None or name.startswith("admin:") or "GET" not in expected:
            continue
        if full_row(expected["GET"])[OWNER] != 200:
            continue
        values = kwargs_for(kwargs, name, world)
        if any(kwarg.startswith("_") for kwarg in values):
            continue
        urls.append(reverse(name, kwargs=values or None))
    return urls


def test_every_form_answers_hostile_numbers_without_a_server_error(client: Any, world: Any) -> None:
    client.force_login(world.users["owner"])
    tried: dict[str, set[str]] = {}
    queried: dict[str, set[str]] = {}
    for page in _pages(world):
        response = client.get(page)
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        parser = _Forms()
        parser.feed(response.content.decode())
        for action, names in parser.forms:
            target = action or page
            if target.startswith(SKIPPED_ACTIONS) or not names:
                continue
            tried.setdefault(target, set()).update(names)
        for action, names in parser.queries:
            if names:
                queried.setdefault(action or page, set()).update(names | {"page", "node"})
    assert len(tried) >= 15, f"too few forms found to be a real check: {sorted(tried)}"
    failures = []
    for target, names in tried.items():
        for value in HOSTILE:
            with transaction.atomic():
                answer = client.post(target, {name: value for name in names})
                transaction.set_rollback(True)
            if answer.status_code >= 500:
                failures.append(f"{target} with {value!r}: {answer.status_code}")
    for target, names in queried.items():
        for value in HOSTILE:
            for headers in ({}, {"HTTP_HX_REQUEST": "true"}):
                answer = client.get(target, {name: value for name in names}, **headers)
                if answer.status_code >= 500:
                    failures.append(f"GET {target} with {value!r}: {answer.status_code}")
    assert queried, "no form that queries (GET) was found: the check would be empty"
    assert not failures, "\n".join(failures)


def _project_forms() -> list[type[forms.BaseForm]]:
    found, stack = [], [forms.BaseForm]
    while stack:
        cls = stack.pop()
        for sub in cls.__subclasses__():
            stack.append(sub)
            module = sub.__module__.split(".")[0]
            if module in ("accounts", "partnerships", "theory_of_change", "costing", "evaluation"):
                found.append(sub)
    return found


@pytest.mark.parametrize("form_class", _project_forms(), ids=lambda cls: cls.__name__)
def test_every_project_form_checks_its_numbers_before_any_query(
    form_class: type[forms.BaseForm],
) -> None:
    assert issubclass(form_class, BoundedInputMixin), (
        f"{form_class.__name__} must use BoundedInputMixin (through CrispyMixin or "
        "VersionedModelForm) so hostile numbers are a form error"
    )


@pytest.mark.parametrize("node", ["²", "99999999999999999999", "-1", "abc"])
def test_the_chain_page_answers_a_hostile_node_in_place_without_a_server_error(
    client: Any, world: Any, node: str
) -> None:
    client.force_login(world.users["editor"])
    url = reverse("theory_of_change:page", kwargs={"key": world.partnership.key})
    answer = client.get(url, {"node": node}, HTTP_HX_REQUEST="true")
    assert answer.status_code in (200, 404)
