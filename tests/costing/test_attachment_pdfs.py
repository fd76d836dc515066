"""The theory of change and the collaboration plan as PDFs, through the memo's pipeline: one set
of views for every kind of document, the rendered text, and who may generate and download."""

from __future__ import annotations

import subprocess
from typing import Any

import pytest
from django.urls import reverse

from costing.documents.models import GeneratedDocument
from partnerships.plan import services as plan_services
from theory_of_change.models import Indicator, Node

Kind = GeneratedDocument.Kind
Status = GeneratedDocument.Status


def url(world: Any, name: str, **kwargs: Any) -> str:
    return reverse(f"costing:{name}", kwargs={"key": world.partnership.key, **kwargs})


def newest(world: Any, kind: str) -> GeneratedDocument:
    return GeneratedDocument.objects.filter(partnership=world.partnership, kind=kind).latest(
        "number"
    )


def pdf_text(path: str) -> str:
    return subprocess.run(
        ["pdftotext", "-layout", path, "-"], check=True, capture_output=True, text=True
    ).stdout


def pdf_info(path: str) -> str:
    return subprocess.run(["pdfinfo", path], check=True, capture_output=True, text=True).stdout


def generate(client: Any, world: Any, slug: str, capture: Any, **data: str) -> GeneratedDocument:
    client.force_login(world.users["editor"])
    with capture(execute=True):
        response = client.post(url(world, f"{slug}_generate"), data)
    assert response.status_code == 302
    return response


@pytest.mark.django_db
def test_the_theory_of_change_renders_on_a3_landscape_with_the_chain_and_indicators(
    client: Any, world: Any, django_capture_on_commit_callbacks: Any
) -> None:
    response = generate(client, world, "toc_pdf", django_capture_on_commit_callbacks, paper="A3")
    assert response["Location"] == (
        reverse("theory_of_change:page", kwargs={"key": world.partnership.key}) + "#pdf-versions"
    )
    document = newest(world, Kind.THEORY_OF_CHANGE)
    assert document.status == Status.READY and document.number == 2  # the world made v1
    assert document.data["paper"] == "A3"

    text = pdf_text(document.file.path)
    flat = " ".join(text.split())
    assert "Förändringsteori" in text
    assert world.partnership.title in flat
    for node in Node.objects.filter(partnership=world.partnership):
        assert " ".join(node.title.split()) in flat, node.title
    for indicator in Indicator.objects.filter(node__partnership=world.partnership):
        assert " ".join(indicator.name.split()) in flat
    assert "Sida 1 av" in text
    info = pdf_info(document.file.path)
    assert "Tagged:          yes" in info
    # A3 landscape: 420 × 297 mm.
    assert "1190.55 x 841.89 pts (A3)" in info
    # The diagram is vector graphics, not a picture of one.
    images = subprocess.run(
        ["pdfimages", "-list", document.file.path], check=True, capture_output=True, text=True
    ).stdout
    assert len(images.strip().splitlines()) == 2  # the header lines only


@pytest.mark.django_db
def test_the_theory_of_change_defaults_to_a4_landscape(
    client: Any, world: Any, django_capture_on_commit_callbacks: Any
) -> None:
    generate(client, world, "toc_pdf", django_capture_on_commit_callbacks)
    document = newest(world, Kind.THEORY_OF_CHANGE)
    assert "841.89 x 595.276 pts (A4)" in pdf_info(document.file.path)


@pytest.mark.django_db
def test_a_paper_size_not_offered_is_refused_and_nothing_is_made(client: Any, world: Any) -> None:
    client.force_login(world.users["editor"])
    before = GeneratedDocument.objects.count()
    response = client.post(url(world, "toc_pdf_generate"), {"paper": "A0"})
    assert response.status_code == 302
    assert GeneratedDocument.objects.count() == before


@pytest.mark.django_db
def test_the_collaboration_plan_renders_activities_raci_ways_and_risks(
    client: Any, world: Any, django_capture_on_commit_callbacks: Any
) -> None:
    plan_services.plan_activity_create(
        partnership=world.partnership, title="Coachning i grupp", what="Veckovisa samtal"
    )
    response = generate(client, world, "plan_pdf", django_capture_on_commit_callbacks)
    assert response["Location"] == (
        reverse("partnerships:plan", kwargs={"key": world.partnership.key}) + "#pdf-versions"
    )
    document = newest(world, Kind.COLLABORATION_PLAN)
    assert document.status == Status.READY
    text = pdf_text(document.file.path)
    flat = " ".join(text.split())
    assert "Samverkansplan" in text
    assert world.partnership.title in flat
    assert "Gruppträffar" in text and "Coachning i grupp" in text  # the activities
    assert "Veckovisa samtal" in text
    assert "RACI" in text  # the matrix, with the world's party responsible
    assert str(world.party.organisation.name) in flat
    assert "Teams" in text  # the ways of working
    assert "Deltagare hoppar av" in text  # a risk
    assert "Lokalen försvinner" not in text  # a removed risk is not in the plan
    assert "Gammal aktivitet" not in text  # nor a removed activity
    assert "Sida 1 av" in text
    info = pdf_info(document.file.path)
    assert "Tagged:          yes" in info
    assert "(A4)" in info


# The views, one set for every kind ---------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("slug", ["toc_pdf", "plan_pdf"])
def test_a_viewer_downloads_but_cannot_generate_or_retry(
    client: Any, world: Any, slug: str
) -> None:
    kind = Kind.THEORY_OF_CHANGE if slug == "toc_pdf" else Kind.COLLABORATION_PLAN
    ready = newest(world, kind)
    client.force_login(world.users["viewer"])
    response = client.get(url(world, f"{slug}_download", number=ready.number))
    assert response.status_code == 200
    stem = "Forandringsteori" if slug == "toc_pdf" else "Samverkansplan"
    assert f'filename="{stem}-' in response["Content-Disposition"]
    assert response["Content-Disposition"].endswith(f'-v{ready.number}.pdf"')
    assert response["Cache-Control"] == "private, no-store"
    assert client.post(url(world, f"{slug}_generate")).status_code == 403
    assert client.post(url(world, f"{slug}_retry", number=ready.number)).status_code == 403

    versions = client.get(url(world, f"{slug}_versions"))
    assert versions.status_code == 200
    assert url(world, f"{slug}_download", number=ready.number) in versions.content.decode()
    assert "Generate PDF" not in versions.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("slug", ["toc_pdf", "plan_pdf"])
def test_an_outsider_gets_404_for_the_file_and_the_list(client: Any, world: Any, slug: str) -> None:
    kind = Kind.THEORY_OF_CHANGE if slug == "toc_pdf" else Kind.COLLABORATION_PLAN
    ready = newest(world, kind)
    client.force_login(world.users["outsider"])
    assert client.get(url(world, f"{slug}_download", number=ready.number)).status_code == 404
    assert client.get(url(world, f"{slug}_versions")).status_code == 404


@pytest.mark.django_db
def test_a_version_is_found_only_under_its_own_kind(client: Any, world: Any) -> None:
    """Version numbers count per kind: the plan's URL never serves the memo's file."""
    memo = newest(world, Kind.TJANSTEUTLATANDE)
    GeneratedDocument.objects.filter(partnership=world.partnership).exclude(pk=memo.pk).delete()
    client.force_login(world.users["owner"])
    assert client.get(url(world, "memo_download", number=memo.number)).status_code == 200
    assert client.get(url(world, "plan_pdf_download", number=memo.number)).status_code == 404
    assert client.get(url(world, "toc_pdf_download", number=memo.number)).status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("page", "kwargs"),
    [("theory_of_change:page", {}), ("partnerships:plan", {})],
)
def test_the_pages_offer_generate_to_editors_and_list_versions_to_all(
    client: Any, world: Any, english: None, page: str, kwargs: dict[str, Any]
) -> None:
    address = reverse(page, kwargs={"key": world.partnership.key, **kwargs})
    client.force_login(world.users["editor"])
    editor = client.get(address).content.decode()
    assert "Generate PDF" in editor and 'id="pdf-versions"' in editor
    assert "Version 1" in editor
    client.force_login(world.users["viewer"])
    viewer = client.get(address).content.decode()
    assert "Generate PDF" not in viewer
    assert "Download PDF" in viewer


@pytest.mark.django_db
def test_a_failed_version_of_the_plan_is_tried_again(
    client: Any, world: Any, django_capture_on_commit_callbacks: Any
) -> None:
    failed = newest(world, Kind.COLLABORATION_PLAN)
    GeneratedDocument.objects.filter(pk=failed.pk).update(status=Status.FAILED, file="")
    client.force_login(world.users["editor"])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url(world, "plan_pdf_retry", number=failed.number))
    assert response.status_code == 302
    failed.refresh_from_db()
    assert failed.status == Status.READY  # rendered again from its frozen data
