"""Production settings: Django's deploy checks pass, missing secrets stop the start, and the
security headers and cookie flags reach the browser."""

from __future__ import annotations

import json
import os
import secrets
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from django.test import override_settings
from django.urls import reverse

from .factories import UserFactory

BASE_DIR = Path(__file__).resolve().parent.parent

# The production values the in-process tests apply, read from config.settings.production itself.
PRODUCTION_KEYS = [
    "DEBUG",
    "SECURE_SSL_REDIRECT",
    "SECURE_PROXY_SSL_HEADER",
    "SECURE_HSTS_SECONDS",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS",
    "SECURE_HSTS_PRELOAD",
    "SESSION_COOKIE_SECURE",
    "SESSION_COOKIE_HTTPONLY",
    "CSRF_COOKIE_SECURE",
    "CSRF_COOKIE_HTTPONLY",
    "CONTENT_SECURITY_POLICY",
    "CACHES",
]


def production_env(tmp_path: Path, **overrides: str) -> dict[str, str]:
    """A clean environment for config.settings.production: nothing leaks in from the test run
    (such as DJANGO_ALLOW_ASYNC_UNSAFE, which the browser tests set and check --deploy rejects)."""
    env = {key: os.environ[key] for key in ("PATH", "HOME", "LANG", "TMPDIR") if key in os.environ}
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.production",
        SECRET_KEY=secrets.token_urlsafe(48),  # 64 characters
        ALLOWED_HOSTS="samverkan.example",
        DATABASE_URL=f"sqlite:///{tmp_path / 'x.sqlite3'}",
        REDIS_URL="redis://127.0.0.1:6379/0",
    )
    env.update(overrides)
    return env


def manage(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(  # noqa: S603 (fixed argv, our own manage.py)
        [sys.executable, str(BASE_DIR / "manage.py"), *args],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.fixture(scope="module")
def production_settings(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    tmp_path = tmp_path_factory.mktemp("production")
    script = (
        "import json\nfrom django.conf import settings\n"
        f"print(json.dumps({{key: getattr(settings, key) for key in {PRODUCTION_KEYS!r}}}))"
    )
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-c", script],
        cwd=BASE_DIR,
        env=production_env(tmp_path),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    values: dict[str, Any] = json.loads(result.stdout.strip().splitlines()[-1])
    if values["SECURE_PROXY_SSL_HEADER"] is not None:
        values["SECURE_PROXY_SSL_HEADER"] = tuple(values["SECURE_PROXY_SSL_HEADER"])
    return values


def test_check_deploy_reports_no_issues(tmp_path: Path) -> None:
    result = manage(production_env(tmp_path), "check", "--deploy", "--fail-level", "WARNING")
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "System check identified no issues" in output


@pytest.mark.parametrize(
    ("missing", "message"),
    [
        ("SECRET_KEY", "Set SECRET_KEY in the environment"),
        ("ALLOWED_HOSTS", "Set ALLOWED_HOSTS in the environment"),
        ("REDIS_URL", "Set REDIS_URL in the environment"),
    ],
)
def test_production_refuses_to_start_without(tmp_path: Path, missing: str, message: str) -> None:
    # Set to empty rather than removed, so a developer's .env file cannot fill it in.
    result = manage(production_env(tmp_path, **{missing: ""}), "check")
    assert result.returncode != 0
    assert message in result.stderr


def test_production_refuses_the_development_secret_key(tmp_path: Path) -> None:
    result = manage(production_env(tmp_path, SECRET_KEY="dev-only-insecure-key-change-me"), "check")
    assert result.returncode != 0
    assert "Set SECRET_KEY in the environment" in result.stderr


def test_production_cookies_are_secure_and_http_only(production_settings: dict[str, Any]) -> None:
    assert production_settings["DEBUG"] is False
    assert production_settings["SESSION_COOKIE_SECURE"] is True
    assert production_settings["SESSION_COOKIE_HTTPONLY"] is True
    assert production_settings["CSRF_COOKIE_SECURE"] is True
    assert production_settings["CSRF_COOKIE_HTTPONLY"] is True
    assert production_settings["SECURE_SSL_REDIRECT"] is True


def directives(header: str) -> dict[str, list[str]]:
    parsed: dict[str, list[str]] = {}
    for part in header.split(";"):
        name, *sources = part.split()
        parsed[name] = sources
    return parsed


@pytest.mark.django_db
def test_every_page_carries_a_strict_content_security_policy(client: Any) -> None:
    response = client.get(reverse("account_login"))
    assert response.status_code == 200
    policy = directives(response.headers["Content-Security-Policy"])
    assert policy["default-src"] == ["'self'"]
    assert "'unsafe-inline'" not in policy["script-src"]
    assert "'unsafe-eval'" not in policy["script-src"]
    assert "'unsafe-inline'" not in policy["style-src"]


@pytest.mark.django_db
def test_secure_response_under_production_settings(
    client: Any, production_settings: dict[str, Any]
) -> None:
    """HSTS, CSP and Secure+HttpOnly cookies on an HTTPS login with the production values."""
    user = UserFactory(email="kommun@example.org")
    with override_settings(**production_settings):
        page = client.get(reverse("account_login"), secure=True)
        assert page.status_code == 200
        hsts = page.headers["Strict-Transport-Security"]
        assert f"max-age={production_settings['SECURE_HSTS_SECONDS']}" in hsts
        assert "includeSubDomains" in hsts
        policy = directives(page.headers["Content-Security-Policy"])
        assert policy["default-src"] == ["'self'"]
        assert "'unsafe-inline'" not in policy["script-src"]

        response = client.post(
            reverse("account_login"),
            {"login": user.email, "password": "correct horse battery"},
            secure=True,
        )
        assert response.status_code == 302, "the demo login should succeed"
        for name in ("sessionid", "csrftoken"):
            cookie = response.cookies[name]
            assert cookie["secure"], f"{name} must be Secure"
            assert cookie["httponly"], f"{name} must be HttpOnly"

        plain = client.get(reverse("account_login"))
        assert plain.status_code == 301
        assert plain.headers["Location"].startswith("https://")


def test_production_shares_one_cache_between_workers(production_settings: dict[str, Any]) -> None:
    """Rate limits, lockouts and cached page parts must hold across gunicorn workers."""
    cache = production_settings["CACHES"]["default"]
    assert cache["BACKEND"] == "django.core.cache.backends.redis.RedisCache"
    assert cache["LOCATION"] == "redis://127.0.0.1:6379/0"
