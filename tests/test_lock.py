"""The lock files are the only source of versions: they agree with pyproject.toml and each
other, pin every package with hashes, and are what this environment runs."""

from __future__ import annotations

import re
import tomllib
from importlib import metadata
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parent.parent
PIN = re.compile(r"^([A-Za-z0-9._-]+)==([^\s;\\]+)")


def locked(name: str) -> dict[str, str]:
    """Package name -> version pinned in a lock file; every pin must carry a hash."""
    text = (ROOT / name).read_text(encoding="utf-8")
    pins: dict[str, str] = {}
    for block in re.split(r"\n(?=\S)", text):
        match = PIN.match(block)
        if match:
            assert "--hash=sha256:" in block, f"{name}: {match.group(1)} is pinned without a hash"
            pins[canonicalize_name(match.group(1))] = match.group(2)
        else:
            assert block.startswith("#") or not block.strip(), f"{name}: unpinned line {block!r}"
    return pins


def declared() -> tuple[list[Requirement], list[Requirement]]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    runtime = [Requirement(line) for line in project["dependencies"]]
    dev = [Requirement(line) for line in project["optional-dependencies"]["dev"]]
    return runtime, dev


@pytest.mark.parametrize(
    ("lock_file", "groups"),
    [("requirements.txt", ("runtime",)), ("requirements-dev.txt", ("runtime", "dev"))],
)
def test_every_declared_dependency_is_locked_within_its_range(
    lock_file: str, groups: tuple[str, ...]
) -> None:
    pins = locked(lock_file)
    runtime, dev = declared()
    wanted = (runtime if "runtime" in groups else []) + (dev if "dev" in groups else [])
    problems = []
    for requirement in wanted:
        version = pins.get(canonicalize_name(requirement.name))
        if version is None:
            problems.append(f"{requirement.name} is in pyproject.toml but not in {lock_file}")
        elif not requirement.specifier.contains(version, prereleases=True):
            problems.append(
                f"{requirement.name}=={version} in {lock_file} is outside {requirement}"
            )
    assert not problems, "Run `make lock`:\n" + "\n".join(problems)


def test_the_development_lock_pins_the_runtime_packages_at_the_same_versions() -> None:
    runtime, development = locked("requirements.txt"), locked("requirements-dev.txt")
    differing = {
        name: (version, development.get(name))
        for name, version in runtime.items()
        if development.get(name) != version
    }
    assert not differing, f"requirements-dev.txt disagrees with requirements.txt: {differing}"


def test_this_environment_runs_the_locked_versions() -> None:
    """A stale virtual environment hides drift: `make test` reinstalls when the lock changes."""
    wrong = {}
    for name, version in locked("requirements-dev.txt").items():
        try:
            installed = metadata.version(name)
        except metadata.PackageNotFoundError:
            installed = None
        if installed != version:
            wrong[name] = (version, installed)
    assert not wrong, f"installed versions differ from the lock (locked, installed): {wrong}"
