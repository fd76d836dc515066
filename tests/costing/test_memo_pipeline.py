"""The tjänsteutlåtande and the shared document pipeline: the task, the sweep, the pages."""

from __future__ import annotations

import subprocess
from datetime import timedelta
from pathlib import Path
from typing import Any
from unittest import mock

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from kombu.exceptions import OperationalError

from costing.documents import services
from costing.documents.memo_data import memo_data
from costing.documents.models import CommitteeDecision, GeneratedDocument, MemoDraft
from costing.documents.selectors import memo_for
from costing.documents.steps import decision_memo
from costing.tasks import STUCK_AFTER, render_document, requeue_stuck
from partnerships.models import Party
from tests.factories import OrganisationFactory, PartnershipFactory, PartyFactory

Status = GeneratedDocument.Status
MEMO = GeneratedDocument.Kind.TJANSTEUTLATANDE


def memo_url(world: Any, name: str = "memo", **kwargs: Any) -> str:
    return reverse(f"costing:{name}", kwargs={"key": world.partnership.key, **kwargs})


def draft(world: Any, **fields: Any) -> MemoDraft:
    values = {
        "subject": "Fortsatt samverkan efter projektet",
        "registration_number": "AVN 2026/77",
        "committee": "Arbetsmarknadsnämnden",
        "proposed_decision": "Nämnden godkänner samverkan.\nKostnaden ryms i budgeten.",
        **fields,
    }
    return services.memo_create(partnership=world.partnership, **values)


def new_version(world: Any) -> GeneratedDocument:
    return services.document_generate(
        partnership=world.partnership,
        kind=MEMO,
        data=memo_data(world.partnership),
        language="sv",
        created_by=world.users["editor"],
    )


def pdf_text(path: str) -> str:
    return subprocess.run(
        ["pdftotext", "-layout", path, "-"], check=True, capture_output=True, text=True
    ).stdout


# The task ------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_task_renders_once_and_a_second_run_does_nothing(world: Any) -> None:
    draft(world)
    document = new_version(world)

    assert render_document.apply(args=(document.pk,)).get() is True
    document.refresh_from_db()
    first_file = document.file.name
    assert document.status == Status.READY and first_file
    assert document.attempts == 1

    assert render_document.apply(args=(document.pk,)).get() is False
    document.refresh_from_db()
    assert document.file.name == first_file
    assert document.attempts == 1


@pytest.mark.django_db
def test_the_pdf_says_what_the_memo_says_on_numbered_a4_pages(world: Any) -> None:
    draft(world)
    document = new_version(world)
    render_document.apply(args=(document.pk,))
    document.refresh_from_db()
    path = document.file.path

    text = pdf_text(path)
    assert "Fortsatt samverkan efter projektet" in text
    assert "AVN 2026/77" in text
    assert "Sida 1 av" in text
    assert "Förslag till beslut" in text
    assert "1. Nämnden godkänner samverkan." in text
    # The cost total is the one the cost page shows for the estimate (the world has one).
    from django.utils import translation

    from costing.calculation import format_sek
    from costing.selectors import cost_page

    with translation.override("sv"):
        total = format_sek(cost_page(world.partnership).comparison.estimate.amounts.total)
    flat = text.replace("\u00a0", " ").replace("\u202f", " ")
    assert total.replace("\u00a0", " ").replace("\u202f", " ") in flat
    assert "Ingen kostnadskalkyl" not in text
    info = subprocess.run(["pdfinfo", path], check=True, capture_output=True, text=True).stdout
    assert "Tagged:          yes" in info
    assert "Title:           Fortsatt samverkan efter projektet" in info
    assert "A4" in info


@pytest.mark.django_db
def test_a_render_error_fails_the_version_with_its_reason(world: Any) -> None:
    document = new_version(world)
    with mock.patch("costing.tasks.render_pdf", side_effect=ValueError("broken template")):
        assert render_document.apply(args=(document.pk,)).get() is False
    document.refresh_from_db()
    assert document.status == Status.FAILED
    assert "broken template" in document.error


@pytest.mark.django_db
def test_a_transient_error_is_retried_and_counted(world: Any) -> None:
    document = new_version(world)
    real = render_document  # the retry runs in-process (eager) here

    calls = {"n": 0}

    def flaky(doc: GeneratedDocument) -> bytes:
        calls["n"] += 1
        if calls["n"] == 1:
            raise ConnectionError("storage unreachable")
        return b"%PDF-1.4\n%ok\n"

    # In-process there is no worker to come back later: the retry runs at once.
    with mock.patch("costing.tasks.render_pdf", side_effect=flaky):
        assert real.delay(document.pk).get() is True
    document.refresh_from_db()
    assert document.status == Status.READY
    assert document.attempts == 2
    assert document.retried == 1


@pytest.mark.django_db
def test_the_sweep_requeues_a_version_stuck_in_rendering(
    world: Any, django_capture_on_commit_callbacks: Any
) -> None:
    stuck = new_version(world)
    fresh = new_version(world)
    long_ago = timezone.now() - STUCK_AFTER - timedelta(minutes=1)
    GeneratedDocument.objects.filter(pk=stuck.pk).update(
        status=Status.RENDERING, started_at=long_ago, attempts=1
    )
    GeneratedDocument.objects.filter(pk=fresh.pk).update(
        status=Status.RENDERING, started_at=timezone.now(), attempts=1
    )

    with django_capture_on_commit_callbacks(execute=True):
        assert requeue_stuck() == 1

    stuck.refresh_from_db()
    fresh.refresh_from_db()
    assert stuck.status == Status.READY and stuck.attempts == 2
    assert fresh.status == Status.RENDERING  # still within its time limit: left alone


@pytest.mark.django_db
def test_the_management_command_sweeps(world: Any, capsys: Any) -> None:
    stuck = new_version(world)
    GeneratedDocument.objects.filter(pk=stuck.pk).update(
        status=Status.RENDERING, started_at=timezone.now() - STUCK_AFTER * 2
    )
    with mock.patch("costing.tasks.render_document.delay") as delay:
        call_command("requeue_stuck_documents")
    stuck.refresh_from_db()
    assert stuck.status == Status.QUEUED
    assert "1" in capsys.readouterr().out
    # Outside a transaction the send happens at once.
    assert delay.call_count in (0, 1)


# The pages -----------------------------------------------------------------------------------


@pytest.mark.django_db
def test_generate_freezes_a_new_numbered_version_and_renders_it(
    client: Any, world: Any, django_capture_on_commit_callbacks: Any
) -> None:
    draft(world)
    client.force_login(world.users["editor"])
    before = GeneratedDocument.objects.filter(partnership=world.partnership, kind=MEMO).count()

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(memo_url(world, "memo_generate"))

    assert response.status_code == 302
    newest = GeneratedDocument.objects.filter(partnership=world.partnership, kind=MEMO).first()
    assert newest is not None
    assert newest.number == before + 1
    assert newest.status == Status.READY
    assert newest.data["memo"]["registration_number"] == "AVN 2026/77"
    # The frozen data does not follow later edits of the draft.
    MemoDraft.objects.filter(partnership=world.partnership).update(registration_number="X")
    newest.refresh_from_db()
    assert newest.data["memo"]["registration_number"] == "AVN 2026/77"

    download = client.get(memo_url(world, "memo_download", number=newest.number))
    assert download.status_code == 200
    assert download["Content-Type"] == "application/pdf"
    assert (
        f'filename="Tjansteutlatande-AVN-202677-v{newest.number}.pdf"'
        in download["Content-Disposition"]
    )
    assert b"".join(download.streaming_content).startswith(b"%PDF")


@pytest.mark.django_db
def test_a_broker_that_is_down_leaves_the_version_waiting_not_an_error(
    client: Any, world: Any, english: None, django_capture_on_commit_callbacks: Any
) -> None:
    draft(world)
    client.force_login(world.users["editor"])
    refused = OperationalError("Error 111 connecting to redis:6379. Connection refused.")

    with mock.patch("costing.tasks.render_document.apply_async", side_effect=refused):
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(memo_url(world, "memo_generate"))
        assert response.status_code == 302
        document = GeneratedDocument.objects.filter(partnership=world.partnership).first()
        assert document is not None
        assert document.status == Status.QUEUED
        assert document.queue_error

        page = client.get(memo_url(world), follow=True)
        assert page.status_code == 200
        assert "cannot be reached just now" in page.content.decode()

    # The broker is back: opening the page sends it again, and it is rendered.
    with django_capture_on_commit_callbacks(execute=True):
        client.get(memo_url(world))
    document.refresh_from_db()
    assert document.status == Status.READY
    assert document.queue_error == ""


@pytest.mark.django_db
def test_versions_poll_while_waiting_and_stop_when_ready(client: Any, world: Any) -> None:
    client.force_login(world.users["viewer"])
    waiting = new_version(world)
    partial = client.get(memo_url(world, "memo_versions")).content.decode()
    assert 'hx-trigger="every 2s"' in partial
    assert memo_url(world, "memo") in partial  # the reload link for a browser without JS

    GeneratedDocument.objects.filter(pk=waiting.pk).update(status=Status.FAILED, error="x")
    partial = client.get(memo_url(world, "memo_versions")).content.decode()
    assert "hx-trigger" not in partial


@pytest.mark.django_db
def test_every_version_stays_downloadable(client: Any, world: Any) -> None:
    client.force_login(world.users["viewer"])
    existing = GeneratedDocument.objects.filter(partnership=world.partnership, kind=MEMO).count()
    document = new_version(world)
    render_document.apply(args=(document.pk,))
    for number in range(1, existing + 2):
        assert client.get(memo_url(world, "memo_download", number=number)).status_code == 200


@pytest.mark.django_db
def test_outsiders_get_404_and_viewers_read_but_cannot_generate(client: Any, world: Any) -> None:
    client.force_login(world.users["outsider"])
    for name, kwargs in [
        ("memo", {}),
        ("memo_versions", {}),
        ("memo_edit", {}),
        ("memo_download", {"number": 1}),
        ("memo_decision", {"number": 1}),
    ]:
        assert client.get(memo_url(world, name, **kwargs)).status_code == 404, name
    assert client.post(memo_url(world, "memo_generate")).status_code == 404

    client.force_login(world.users["viewer"])
    assert client.get(memo_url(world, "memo_download", number=1)).status_code == 200
    count = GeneratedDocument.objects.count()
    assert client.post(memo_url(world, "memo_generate")).status_code == 403
    assert GeneratedDocument.objects.count() == count
    page = client.get(memo_url(world)).content.decode()
    assert memo_url(world, "memo_generate") not in page


@pytest.mark.django_db
def test_a_waiting_or_unknown_version_is_not_downloadable(client: Any, world: Any) -> None:
    client.force_login(world.users["owner"])
    waiting = new_version(world)
    assert client.get(memo_url(world, "memo_download", number=waiting.number)).status_code == 404
    assert client.get(memo_url(world, "memo_download", number=999)).status_code == 404


@pytest.mark.django_db
def test_try_again_puts_a_failed_version_back(
    client: Any, world: Any, django_capture_on_commit_callbacks: Any
) -> None:
    client.force_login(world.users["editor"])
    document = new_version(world)
    GeneratedDocument.objects.filter(pk=document.pk).update(
        status=Status.FAILED, error="boom", attempts=1
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(memo_url(world, "memo_retry", number=document.number))
    assert response.status_code == 302
    document.refresh_from_db()
    assert document.status == Status.READY
    assert document.error == ""


# The draft and the decision ------------------------------------------------------------------


@pytest.mark.django_db
def test_the_draft_is_prefilled_from_the_records(world: Any) -> None:
    lead = OrganisationFactory(name="Eskilstuna kommun, Arbetsmarknadsförvaltningen")
    PartyFactory(
        partnership=world.partnership, organisation=lead, part=Party.Part.LEAD_MUNICIPALITY
    )
    memo = memo_for(world.partnership)
    assert memo.pk is None
    assert world.partnership.title in memo.subject
    assert memo.administration == "Arbetsmarknadsförvaltningen"
    assert memo.committee == "Arbetsmarknadsnämnden"


@pytest.mark.django_db
def test_first_save_creates_the_draft_and_two_editors_merge(client: Any, world: Any) -> None:
    client.force_login(world.users["editor"])
    url = memo_url(world, "memo_edit")
    response = client.post(url, {"subject": "Ärendet", "proposed_decision": "Punkt ett"})
    assert response.status_code == 302
    memo = MemoDraft.objects.get(partnership=world.partnership)
    version = memo.version

    # Someone else changes the summary meanwhile; this user changes the background.
    services.memo_update(memo=memo, expected_version=version, summary="Deras sammanfattning")
    response = client.post(
        url,
        {
            "subject": "Ärendet",
            "proposed_decision": "Punkt ett",
            "background": "Min bakgrund",
            "version_seen": version,
        },
    )
    assert response.status_code == 302
    memo.refresh_from_db()
    assert memo.summary == "Deras sammanfattning"
    assert memo.background == "Min bakgrund"
    assert memo.history.count() == 3


@pytest.mark.django_db
def test_the_committee_decision_is_recorded_on_a_version(client: Any, world: Any) -> None:
    client.force_login(world.users["editor"])
    url = memo_url(world, "memo_decision", number=1)
    response = client.post(
        url, {"decided_on": "2026-02-12", "paragraph": "§ 14", "outcome": "as_proposed"}
    )
    assert response.status_code == 302
    decision = CommitteeDecision.objects.get(partnership=world.partnership)
    assert decision.paragraph == "§ 14"
    response = client.post(
        url,
        {
            "decided_on": "2026-02-12",
            "paragraph": "§ 14",
            "outcome": "changed",
            "version_seen": decision.version,
        },
    )
    assert response.status_code == 302
    decision.refresh_from_db()
    assert decision.outcome == "changed"
    page = client.get(memo_url(world)).content.decode()
    assert "§ 14" in page


# Data parts and the step ---------------------------------------------------------------------


@pytest.mark.django_db
def test_memo_data_degrades_when_records_are_missing() -> None:
    data = memo_data(PartnershipFactory(municipality=None))
    assert data["partnership"]["municipality"] == ""
    assert data["parties"] == [] and data["needs"] == [] and data["levels"] == []
    assert data["costs"] is None
    assert data["diagram_svg"] == ""
    assert data["indicators"] == []
    assert data["memo"]["decision_points"] == []
    import json

    json.dumps(data)  # frozen as JSON


@pytest.mark.django_db
def test_step_five_checks_in_constant_queries(world: Any, django_assert_num_queries: Any) -> None:
    with django_assert_num_queries(2):
        checks = decision_memo(world.partnership)
    assert [check.passed for check in checks] == [False, True]  # the world has a ready PDF
    draft(world)
    with django_assert_num_queries(2):
        checks = decision_memo(world.partnership)
    assert [check.passed for check in checks] == [True, True]


@pytest.mark.django_db
def test_the_memo_page_reads_in_constant_queries(
    client: Any, world: Any, django_assert_num_queries: Any
) -> None:
    client.force_login(world.users["viewer"])
    client.get(memo_url(world))
    for _ in range(3):
        new_version(world)
    counted: list[int] = []
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for _ in range(2):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(memo_url(world, "memo_versions")).status_code == 200
        counted.append(len(queries))
        new_version(world)
    assert counted[0] == counted[1]


def test_the_pdf_templates_have_no_external_resources() -> None:
    folder = Path(__file__).resolve().parents[2] / "templates" / "costing"
    for name in ("pdf_base.html", "memo_pdf.html", "toc_pdf.html", "plan_pdf.html"):
        text = (folder / name).read_text()
        assert "http://" not in text and "https://" not in text
    # Every kind extends the frame that numbers the pages.
    assert "counter(pages)" in (folder / "pdf_base.html").read_text()


@pytest.mark.django_db
def test_a_transient_error_that_persists_fails_after_the_last_retry(world: Any) -> None:
    document = new_version(world)
    with mock.patch("costing.tasks.render_pdf", side_effect=TimeoutError("storage timeout")):
        assert render_document.delay(document.pk).get() is False
    document.refresh_from_db()
    assert document.status == Status.FAILED
    assert "storage timeout" in document.error
    assert document.attempts == 5  # the first try and four retries


@pytest.mark.django_db
def test_an_english_interface_still_makes_a_swedish_memo(
    client: Any, world: Any, english: None, django_capture_on_commit_callbacks: Any
) -> None:
    draft(world, memo_date="2026-03-05")
    client.force_login(world.users["editor"])
    with django_capture_on_commit_callbacks(execute=True):
        client.post(memo_url(world, "memo_generate"))
    document = GeneratedDocument.objects.filter(partnership=world.partnership).first()
    assert document is not None and document.language == "sv"
    assert document.data["memo"]["memo_date_label"] == "5 mars 2026"
    text = pdf_text(document.file.path)
    assert "Sida 1 av" in text and "Förslag till beslut" in text


@pytest.mark.django_db
def test_a_version_number_out_of_range_is_a_404_not_an_error(client: Any, world: Any) -> None:
    client.force_login(world.users["owner"])
    huge = 10**30
    for name in ("memo_download", "memo_decision"):
        assert client.get(memo_url(world, name, number=huge)).status_code == 404
    assert client.post(memo_url(world, "memo_retry", number=huge)).status_code == 404


@pytest.mark.django_db
def test_a_long_table_repeats_its_header_on_the_next_page() -> None:
    from costing.documents.render import document_html, html_to_pdf

    rows = [
        {"name": f"Indikator {n}", "node": "Mål", "baseline": "0", "now": "—", "target": "10"}
        for n in range(80)
    ]
    data = {**memo_data(PartnershipFactory(title="Lång tabell")), "indicators": rows}
    html = document_html(MEMO, data, number=1, language="sv")
    pdf = html_to_pdf(html)
    path = Path(__file__).parent / ".long-table.pdf"
    path.write_bytes(pdf)
    try:
        pages = pdf_text(str(path)).split("\f")
    finally:
        path.unlink()
    with_rows = [page for page in pages if "Indikator 7" in page or "Indikator 79" in page]
    assert len(with_rows) >= 2
    assert all("Utgångsvärde" in page for page in with_rows)


@pytest.mark.django_db
def test_an_earlier_draft_comes_back_from_the_history(client: Any, world: Any) -> None:
    from partnerships.restore import history_restore

    memo = draft(world, summary="Första sammanfattningen")
    first = memo.history.order_by("history_id").first()
    assert first is not None
    services.memo_update(memo=memo, expected_version=memo.version, summary="Andra")

    history_restore(
        partnership=world.partnership,
        model_label="costing.memodraft",
        history_id=first.history_id,
        user=world.users["owner"],
    )
    memo.refresh_from_db()
    assert memo.summary == "Första sammanfattningen"
    # The history page lists the draft's changes.
    client.force_login(world.users["viewer"])
    page = client.get(reverse("partnerships:history", kwargs={"key": world.partnership.key}))
    assert page.status_code == 200
    assert "Fortsatt samverkan efter projektet" in page.content.decode()
