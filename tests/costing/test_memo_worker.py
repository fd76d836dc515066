"""The memo's PDF through a real Celery worker over Redis (REQUIRE_SERVICES=1 makes it required).

Run with REDIS_URL set, as tests/test_celery_worker.py is: the worker is a subprocess on this
run's own queue and database, and writes the file where this process reads it.
"""

from __future__ import annotations

import subprocess
from typing import Any

import pytest

from costing.documents import services
from costing.documents.memo_data import memo_data
from costing.documents.models import GeneratedDocument
from costing.tasks import render_document
from tests.factories import PartnershipFactory
from tests.test_celery_worker import redis_url, wait_for, worker  # noqa: F401 (fixtures)

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
