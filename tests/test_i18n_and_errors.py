"""Swedish first, English on request; error pages in the layout that reveal nothing."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.test import RequestFactory
from django.urls import reverse

from config.errors import server_error

LOCALE = Path(settings.BASE_DIR) / "locale"


def test_swedish_is_the_default_even_for_an_english_browser(client: Any, db: Any) -> None:
    page = client.get("/accessibility/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
    assert '<html lang="sv">' in page
    assert "Tillgänglighetsredogörelse" in page


def test_language_switch_to_english_and_back(client: Any, db: Any) -> None:
    response = client.post(reverse("set_language"), {"language": "en", "next": "/accessibility/"})
    assert response.status_code == 302
    page = client.get("/accessibility/").content.decode()
    assert '<html lang="en">' in page
    assert "Accessibility statement" in page
    client.post(reverse("set_language"), {"language": "sv", "next": "/"})
    assert '<html lang="sv">' in client.get("/accessibility/").content.decode()


def test_swedish_dates_and_numbers(client: Any, world: Any) -> None:
    from datetime import date

    world.partnership.start_date = date(2025, 3, 1)
    world.partnership.end_date = date(2026, 2, 28)
    world.partnership.save()
    client.force_login(world.users["viewer"])
    page = client.get(
        reverse("partnerships:overview", kwargs={"key": world.partnership.key})
    ).content.decode()
    assert "1 mars 2025" in page


def _po_entries(path: Path) -> list[tuple[str, str, bool]]:
    """(msgid, msgstr, fuzzy) for each entry of a .po file; plural forms joined."""
    entries = []
    for block in path.read_text(encoding="utf-8").split("\n\n"):
        msgid, msgstr, current = [], [], None
        for line in block.splitlines():
            if line.startswith(("msgid ", "msgid_plural ")):
                current = msgid
            elif line.startswith("msgstr"):
                current = msgstr
            elif not line.startswith('"'):
                continue
            current is not None and current.append(line[line.index('"') + 1 : -1])
        entries.append(("".join(msgid), "".join(msgstr), "#, fuzzy" in block))
    return entries


def test_every_swedish_string_is_translated() -> None:
    entries = [
        entry for entry in _po_entries(LOCALE / "sv" / "LC_MESSAGES" / "django.po") if entry[0]
    ]
    assert len(entries) > 100
    missing = [msgid for msgid, msgstr, fuzzy in entries if not msgstr or fuzzy]
    assert not missing, f"{len(missing)} untranslated or fuzzy Swedish strings, e.g. {missing[:5]}"


def test_catalogue_is_in_step_with_the_code(tmp_path: Path) -> None:
    """Every translatable string in the code is in the Swedish catalogue (makemessages finds no new one)."""
    if not shutil.which("xgettext"):
        pytest.skip("xgettext (Debian package gettext) is not installed: catalogue check skipped")
    root = Path(settings.BASE_DIR)
    copy = tmp_path / "project"
    ignore = shutil.ignore_patterns(
        ".venv", "var", ".git", "node_modules", "__pycache__", "bench", "tests"
    )
    shutil.copytree(root, copy, ignore=ignore)
    subprocess.run(
        [
            sys.executable,
            "manage.py",
            "makemessages",
            "-l",
            "sv",
            "--no-obsolete",
            "--ignore=static",
        ],
        cwd=copy,
        check=True,
        capture_output=True,
    )
    fresh = {
        m for m, _s, _f in _po_entries(copy / "locale" / "sv" / "LC_MESSAGES" / "django.po") if m
    }
    committed = {m for m, _s, _f in _po_entries(LOCALE / "sv" / "LC_MESSAGES" / "django.po") if m}
    assert not fresh - committed, (
        f"new strings not in the catalogue: {sorted(fresh - committed)[:10]} (run make messages)"
    )


def test_404_and_403_pages_reveal_nothing(client: Any, world: Any) -> None:
    client.force_login(world.users["viewer"])
    forbidden = client.get(reverse("partnerships:edit", kwargs={"key": world.partnership.key}))
    assert forbidden.status_code == 403
    body = forbidden.content.decode()
    assert '<main id="main"' in body
    assert "Traceback" not in body and "edit" not in forbidden.templates[0].name.replace(
        "errors/403", ""
    )
    missing = client.get("/partnerships/p/no-such-key/")
    assert missing.status_code == 404
    assert '<main id="main"' in missing.content.decode()
    assert "no-such-key" not in missing.content.decode().split("<main", 1)[1]


def test_500_page_is_in_the_layout(db: Any) -> None:
    request = RequestFactory().get("/")
    request.user = AnonymousUser()
    response = server_error(request)
    assert response.status_code == 500
    body = response.content.decode()
    assert 'class="skip-link"' in body
    assert "Traceback" not in body


def test_numbers_use_the_swedish_decimal_comma_but_ids_stay_whole() -> None:
    from decimal import Decimal

    from django.template import Context, Template
    from django.utils import translation

    with translation.override("sv"):
        rendered = Template('{{ pk }}|{{ value|floatformat:"-2" }}').render(
            Context({"pk": 12345, "value": Decimal("12.50")})
        )
    assert rendered == "12345|12,50"


def test_english_dates_are_not_us_style() -> None:
    from datetime import date

    from django.template import Context, Template
    from django.utils import translation

    with translation.override("en"):
        rendered = Template('{{ d|date:"SHORT_DATE_FORMAT" }}|{{ d|date }}').render(
            Context({"d": date(2025, 3, 1)})
        )
    assert rendered == "2025-03-01|1 March 2025"
