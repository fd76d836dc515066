"""The starting templates: honest labels, a preview before import, and each one importable."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.http import Http404
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape

from theory_of_change import services
from theory_of_change.models import Node, TheoryOfChange
from theory_of_change.serialise import chain_from_dict
from theory_of_change.starting_points import DATA, STARTING_POINTS, starting_point

pytestmark = pytest.mark.django_db

SLUGS = sorted(STARTING_POINTS)


def template_url(world: Any, slug: str) -> str:
    return reverse(
        "theory_of_change:template", kwargs={"key": world.partnership.key, "template": slug}
    )


def test_there_are_three_labelled_examples_and_a_guided_blank() -> None:
    assert set(STARTING_POINTS) == {"eskilstuna", "boden", "liepaja", "guided"}
    for slug in ("eskilstuna", "boden", "liepaja"):
        point = STARTING_POINTS[slug]
        assert "illustrative chain based on the case the guide describes" in str(point.summary)
        assert point.from_guide and point.illustrative
    assert len(STARTING_POINTS["guided"].questions) >= 4


def test_the_examples_name_the_guides_own_figures() -> None:
    facts = {
        slug: " ".join(str(f) for f in point.from_guide) for slug, point in STARTING_POINTS.items()
    }
    assert "78 young people" in facts["eskilstuna"]
    assert "five full-day meetings" in facts["eskilstuna"]
    assert "European Social Fund" in facts["eskilstuna"]
    assert (
        "1,500" in facts["boden"] and "Vinnova" in facts["boden"] and "job market" in facts["boden"]
    )
    assert "House of Hope" in str(STARTING_POINTS["liepaja"].summary)
    assert "mentoring" in str(STARTING_POINTS["liepaja"].illustrative)


@pytest.mark.parametrize("slug", SLUGS)
def test_every_template_file_is_a_valid_chain_read_by_the_strict_reader(slug: str) -> None:
    point = STARTING_POINTS[slug]
    data = json.loads((DATA / point.filename).read_text(encoding="utf-8"))
    chain = chain_from_dict(data)
    services.check_chain(chain)
    assert {node.level for node in chain.nodes} == {1, 2, 3, 4, 5, 6}
    # Nothing claims to be the case itself: an example says it is an illustration.
    if slug != "guided":
        assert data["partnership"].startswith("Illustrativt exempel")


@pytest.mark.parametrize("slug", ["boden", "liepaja"])
def test_the_newer_examples_invent_no_figures(slug: str) -> None:
    for node in STARTING_POINTS[slug].chain().nodes:
        for indicator in node.indicators:
            assert indicator.baseline_value is None and indicator.target_value is None
            assert indicator.baseline_date is None and indicator.target_date is None


def test_the_eskilstuna_example_has_no_invented_age_range() -> None:
    text = (DATA / STARTING_POINTS["eskilstuna"].filename).read_text(encoding="utf-8")
    assert "16–24" not in text and "Mall:" not in text


def test_the_import_page_lists_every_template_with_a_preview_link(
    owner_client: Any, world: Any
) -> None:
    page = reverse("theory_of_change:import", kwargs={"key": world.partnership.key})
    text = owner_client.get(page).content.decode()
    assert "used for youth employment" not in text
    for slug in SLUGS:
        assert template_url(world, slug) in text
    assert "From the guide:" in text and "Illustrative:" in text


@pytest.mark.parametrize("slug", SLUGS)
def test_the_preview_shows_the_contents_and_imports_nothing(
    owner_client: Any, world: Any, slug: str
) -> None:
    before = Node.objects.filter(partnership=world.partnership).count()
    response = owner_client.get(template_url(world, slug))
    assert response.status_code == 200
    text = response.content.decode()
    chain = STARTING_POINTS[slug].chain()
    for node in chain.nodes:
        assert escape(node.title) in text
    for indicator in (i for node in chain.nodes for i in node.indicators):
        assert escape(indicator.name) in text
    assert "Add this template to the chain" in text
    assert Node.objects.filter(partnership=world.partnership).count() == before


def test_the_boden_preview_shows_its_picture_texts(owner_client: Any, world: Any) -> None:
    text = owner_client.get(template_url(world, "boden")).content.decode()
    assert "1 500 nya jobb" in text
    assert "What comes from the guide" in text and "What is illustrative" in text


def test_the_guided_preview_asks_the_guides_questions_in_order(
    owner_client: Any, world: Any
) -> None:
    text = owner_client.get(template_url(world, "guided")).content.decode()
    with translation.override("en"):
        questions = [escape(str(q)) for q in STARTING_POINTS["guided"].questions]
    positions = [text.index(question) for question in questions]
    assert positions == sorted(positions)


@pytest.mark.parametrize("slug", SLUGS)
def test_each_template_imports(owner_client: Any, world: Any, slug: str) -> None:
    TheoryOfChange.objects.filter(partnership=world.partnership).delete()
    Node.objects.filter(partnership=world.partnership).delete()
    response = owner_client.post(template_url(world, slug))
    assert response.status_code == 302
    assert Node.objects.filter(partnership=world.partnership).count() == len(
        STARTING_POINTS[slug].chain().nodes
    )


def test_an_unknown_template_is_404(owner_client: Any, world: Any) -> None:
    assert owner_client.get(template_url(world, "nowhere")).status_code == 404
    with pytest.raises(Http404):
        starting_point("nowhere")


def test_a_viewer_cannot_preview_or_import(client: Any, world: Any) -> None:
    client.force_login(world.users["viewer"])
    assert client.get(template_url(world, "boden")).status_code == 403
    assert client.post(template_url(world, "boden")).status_code == 403
