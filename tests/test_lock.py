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


def _vias(name: str) -> dict[str, set[str]]:
    """Package -> what pip-compile says it is there for ("# via" lines)."""
    text = (ROOT / name).read_text(encoding="utf-8")
    vias: dict[str, set[str]] = {}
    for block in re.split(r"\n(?=\S)", text):
        match = PIN.match(block)
        if not match:
            continue
        reasons: set[str] = set()
        for line in block.splitlines():
            line = line.strip()
            if line.startswith("# via "):
                reasons.add(line[len("# via ") :].strip())
            elif line.startswith("#   "):
                reasons.add(line[len("#   ") :].strip())
        vias[canonicalize_name(match.group(1))] = reasons
    return vias


@pytest.mark.parametrize("lock_file", ["requirements.txt", "requirements-dev.txt"])
def test_every_locked_package_is_needed_by_what_pyproject_declares(lock_file: str) -> None:
    """A dependency removed from pyproject.toml must leave the lock too (run `make lock`)."""
    runtime, dev = declared()
    wanted = {canonicalize_name(r.name) for r in runtime + (dev if "dev" in lock_file else [])}
    vias = _vias(lock_file)
    needed: set[str] = set()
    for name, reasons in vias.items():
        if any("pyproject.toml" in reason for reason in reasons) and name not in wanted:
            pytest.fail(f"{name} is pinned as a direct dependency but pyproject.toml lacks it")
    frontier = [name for name in vias if name in wanted]
    while frontier:
        name = frontier.pop()
        if name in needed:
            continue
        needed.add(name)
        frontier.extend(
            other
            for other, reasons in vias.items()
            if other not in needed
            and any(canonicalize_name(reason.split(" ")[0]) == name for reason in reasons)
        )
    stale = sorted(set(vias) - needed)
    assert not stale, f"{lock_file} pins packages nothing declared needs: {stale} (run make lock)"


def test_the_lock_is_for_the_python_the_project_runs_on() -> None:
    """The locks are compiled for Python 3.11 (the stack's version): another would resolve
    other versions and markers."""
    import sys

    assert "with Python 3.11" in (ROOT / "requirements.txt").read_text(encoding="utf-8")
    assert sys.version_info[:2] == (3, 11)
