"""The memo's PDF through a real Celery worker over Redis (REQUIRE_SERVICES=1 makes it required).

Run with REDIS_URL set, as tests/test_celery_worker.py is: the worker is a subprocess on this
run's own queue and database, and writes the file where this process reads it.
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from config.celery import app as celery_app
from costing import selectors
from costing.calculation import format_sek
from costing.documents import services
from costing.documents.memo_data import memo_data
from costing.documents.models import GeneratedDocument, MemoDraft
from costing.tasks import STUCK_AFTER, render_document, requeue_stuck
from partnerships.models import Partnership
from tests.factories import PartnershipFactory
from tests.test_celery_worker import (  # noqa: F401 (fixtures)
    BASE_DIR,
    WORKER_COMMAND,
    redis_url,
    wait_for,
    worker,
    worker_database_url,
)

Status = GeneratedDocument.Status


@pytest.mark.services
def test_a_real_worker_renders_the_memo_once(worker: dict[str, Any]) -> None:  # noqa: F811
    partnership = PartnershipFactory(title="Unga vuxna i arbete", municipality=None)
    services.memo_create(
        partnership=partnership,
        subject="Fortsatt samverkan med Unga vuxna i arbete",
        registration_number="KS 2026/321",
        proposed_decision="Nämnden godkänner fortsatt samverkan.",
    )
    document = services.document_generate(
        partnership=partnership,
        kind=GeneratedDocument.Kind.TJANSTEUTLATANDE,
        data=memo_data(partnership),
        language="sv",
        created_by=None,
    )

    render_document.delay(document.pk)

    def ready() -> bool:
        document.refresh_from_db()
        return document.status in (Status.READY, Status.FAILED)

    wait_for(ready, worker, "Rendering the memo")
    assert document.status == Status.READY, document.error
    text = subprocess.run(
        ["pdftotext", "-layout", document.file.path, "-"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    assert "Fortsatt samverkan med Unga vuxna i arbete" in text
    assert "KS 2026/321" in text
    assert "Sida 1 av" in text

    # The same task again, then another version: the solo worker takes them in order, so
    # once the second version is ready the repeat has run too, and changed nothing.
    second = services.document_generate(
        partnership=partnership,
        kind=GeneratedDocument.Kind.TJANSTEUTLATANDE,
        data=memo_data(partnership),
        language="sv",
        created_by=None,
    )
    first_file = document.file.name
    render_document.delay(document.pk)
    render_document.delay(second.pk)

    def second_ready() -> bool:
        second.refresh_from_db()
        return second.status == Status.READY

    wait_for(second_ready, worker, "Rendering the second version")
    document.refresh_from_db()
    assert document.file.name == first_file
    assert document.attempts == 1


def start_worker(env: dict[str, str], log_path: Path, queue: str) -> subprocess.Popen[bytes]:
    with log_path.open("a") as log:
        return subprocess.Popen(  # noqa: S603 (fixed argv)
            [*WORKER_COMMAND, "--queues", queue, "--hostname", f"{queue}-2@%h"],
            cwd=BASE_DIR,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )


@pytest.mark.services
def test_a_worker_killed_mid_render_leaves_the_version_to_finish_once_on_another(
    worker: dict[str, Any],  # noqa: F811
) -> None:
    partnership = PartnershipFactory(title="Ett långt tjänsteutlåtande", municipality=None)
    paragraph = "Ett stycke om bakgrunden till samverkan, upprepat för att göra dokumentet långt. "
    services.memo_create(
        partnership=partnership,
        subject="Ett långt tjänsteutlåtande",
        registration_number="KS 2026/999",
        background="\n\n".join([paragraph * 8] * 150),
    )
    document = services.document_generate(
        partnership=partnership,
        kind=GeneratedDocument.Kind.TJANSTEUTLATANDE,
        data=memo_data(partnership),
        language="sv",
        created_by=None,
    )
    render_document.delay(document.pk)

    def rendering() -> bool:
        document.refresh_from_db()
        return document.status == Status.RENDERING

    wait_for(rendering, worker, "The first worker taking the version")
    worker["process"].send_signal(signal.SIGKILL)
    worker["process"].wait(timeout=10)
    document.refresh_from_db()
    assert document.status == Status.RENDERING and not document.file
    assert document.attempts == 1

    # Later, the sweep finds it past the time limit and queues it again for the next worker.
    assert requeue_stuck(now=timezone.now() + STUCK_AFTER + timedelta(minutes=1)) == 1
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "DATABASE_URL": worker_database_url(),
        "REDIS_URL": os.environ["REDIS_URL"],
    }
    queue = celery_app.conf.task_default_queue
    second = start_worker(env, worker["log"], queue)
    worker["process"] = second  # the fixture stops it at the end
    try:

        def ready() -> bool:
            document.refresh_from_db()
            return document.status in (Status.READY, Status.FAILED)

        wait_for(ready, worker, "The second worker finishing the version")
        assert document.status == Status.READY, document.error
        assert document.attempts == 2
        assert GeneratedDocument.objects.filter(partnership=partnership).count() == 1
        text = subprocess.run(
            ["pdftotext", "-l", "1", document.file.path, "-"],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        assert "KS 2026/999" in text
    finally:
        second.terminate()
        forget_unacked(os.environ["REDIS_URL"], queue)


def forget_unacked(url: str, queue: str) -> None:
    """Drop the killed worker's unacknowledged message of this run's queue from the shared
    Redis, so that it is not restored into a queue no one reads after the test."""
    import json

    import redis

    client = redis.Redis.from_url(url)
    for tag, raw in client.hgetall("unacked").items():
        try:
            routing_key = json.loads(raw)[2]
        except (ValueError, IndexError, TypeError):
            continue
        if routing_key == queue:
            client.hdel("unacked", tag)
            client.zrem("unacked_index", tag)


def pdf_text(path: str, *args: str) -> str:
    return subprocess.run(
        ["pdftotext", *args, path, "-"], check=True, capture_output=True, text=True
    ).stdout


@pytest.mark.services
def test_the_demo_memo_rendered_by_a_real_worker_matches_the_cost_page(
    worker: dict[str, Any],  # noqa: F811
) -> None:
    """Eskilstuna's tjänsteutlåtande from the demo, a new version generated as the officer
    does (the page's POST), rendered by the worker: what the PDF says is what the pages say."""
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    partnership = Partnership.objects.get(title__startswith="Kraftsamling")
    memo = MemoDraft.objects.get(partnership=partnership)
    existing = GeneratedDocument.objects.filter(
        partnership=partnership, kind=GeneratedDocument.Kind.TJANSTEUTLATANDE
    ).count()
    assert existing >= 1  # the demo renders version 1 in-process
    client = Client()
    client.force_login(get_user_model().objects.get(email="kommun@demo.example"))
    response = client.post(reverse("costing:memo_generate", kwargs={"key": partnership.key}))
    assert response.status_code == 302
    document = GeneratedDocument.objects.get(
        partnership=partnership,
        kind=GeneratedDocument.Kind.TJANSTEUTLATANDE,
        number=existing + 1,
    )

    def ready() -> bool:
        document.refresh_from_db()
        return document.status in (Status.READY, Status.FAILED)

    wait_for(ready, worker, "Rendering the demo memo")
    assert document.status == Status.READY, document.error
    assert document.attempts == 1
    path = document.file.path

    def plain(text: str) -> str:
        """No-break spaces as spaces, and a heading wrapped over lines as one line."""
        return " ".join(text.replace("\u00a0", " ").replace("\u202f", " ").split())

    text = plain(pdf_text(path))
    # pdftotext joins a word hyphenated at a line end ("ESF-|projektet" as "ESFprojektet").
    assert plain(memo.subject).replace("-", "") in text.replace("-", "")
    assert memo.registration_number in text
    with translation.override("sv"):
        total = format_sek(selectors.cost_page(partnership).comparison.estimate.amounts.total)
    assert plain(total) in text, f"the cost page's total {total!r} is not in the PDF"

    info = subprocess.run(["pdfinfo", path], check=True, capture_output=True, text=True).stdout
    fields = dict(
        (key.strip(), value.strip())
        for key, _, value in (line.partition(":") for line in info.splitlines())
    )
    assert plain(fields["Title"]) == plain(memo.subject)
    assert fields["Tagged"] == "yes"
    pages = int(fields["Pages"])
    footers = [(int(n), int(m)) for n, m in re.findall(r"Sida (\d+) av (\d+)", text)]
    assert footers == [(n, pages) for n in range(1, pages + 1)]
