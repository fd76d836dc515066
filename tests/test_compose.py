"""docker-compose.yml is valid and describes the whole stack (no Docker engine needed)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from .conftest import REQUIRE_SERVICES, skip_or_fail

BASE_DIR = Path(__file__).resolve().parent.parent
SERVICES = {"postgres", "redis", "web", "worker", "mailpit"}


@pytest.fixture
def compose() -> list[str]:
    binary = shutil.which("docker-compose")
    if binary is None:
        skip_or_fail(
            "docker-compose is not installed (Debian package docker-compose)", REQUIRE_SERVICES
        )
    return [str(binary)]


def run(command: list[str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(  # noqa: S603 (fixed argv)
        command, cwd=BASE_DIR, capture_output=True, text=True, timeout=60, check=False
    )


def test_compose_file_is_valid(compose: list[str]) -> None:
    result = run([*compose, "config", "-q"])
    assert result.returncode == 0, result.stderr


def test_compose_runs_the_whole_stack(compose: list[str]) -> None:
    result = run([*compose, "config", "--services"])
    assert result.returncode == 0, result.stderr
    assert set(result.stdout.split()) == SERVICES


def test_app_services_share_the_production_configuration(compose: list[str]) -> None:
    """web and worker run production settings against postgres, redis and mailpit."""
    result = run([*compose, "config"])
    assert result.returncode == 0, result.stderr
    config = result.stdout
    assert config.count("DJANGO_SETTINGS_MODULE: config.settings.production") == 2
    assert config.count("REDIS_URL: redis://redis:6379/0") == 2
    assert config.count("EMAIL_HOST: mailpit") == 2
    assert "image: postgres:15" in config
    assert "image: redis:7" in config
