"""One write path: records are written by the apps' services only (project-wide)."""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
APP = ROOT / "partnerships"
APPS = ("accounts", "partnerships", "theory_of_change", "costing", "evaluation", "workshops")
# Where writes belong: the services (restore.py holds the restore-from-history services), the
# merge core they stand on, and data set-up code (demo data; the municipality register).
ALLOWED = {"services.py", "restore.py", "concurrency.py", "demo.py", "reference.py"}
# A topic's part kept in its own modules beside another's (plan/resources_services.py).
ALLOWED_SUFFIXES = ("_services.py", "_demo.py")
# Lines that match the pattern but write no record: a spreadsheet to memory, the user
# manager's create_user (the one place Django expects it).
NOT_RECORDS = {"theory_of_change/export.py": "book.save(", "accounts/models.py": "user.save("}
WRITE = re.compile(r"\.(save|create|delete|get_or_create|update_or_create|bulk_create)\(")


def python_files() -> list[Path]:
    return [
        path
        for app in APPS
        for path in (ROOT / app).rglob("*.py")
        if path.name not in ALLOWED
        and not path.name.endswith(ALLOWED_SUFFIXES)
        and "migrations" not in path.parts
        and "management" not in path.parts
    ]


def test_no_record_is_written_outside_the_services() -> None:
    found = [
        f"{path.relative_to(ROOT)}:{number}: {line.strip()}"
        for path in python_files()
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if WRITE.search(line) and NOT_RECORDS.get(str(path.relative_to(ROOT)), "\0") not in line
    ]
    assert found == [], "writes outside the services:\n" + "\n".join(found)


def imports_of(name: str) -> set[str]:
    tree = ast.parse((APP / name).read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):  # function-level imports count too
        if isinstance(node, ast.ImportFrom):
            found.add("." * node.level + (node.module or ""))
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return found


def test_services_tasks_mail_and_tokens_import_one_way() -> None:
    """services → tasks → mail → tokens: no module imports one that imports it back."""
    assert ".services" not in imports_of("tasks.py")
    assert not {".services", ".tasks"} & imports_of("mail.py")
    assert not {".services", ".tasks", ".mail"} & imports_of("tokens.py")
