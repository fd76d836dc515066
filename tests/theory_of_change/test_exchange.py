"""The diagram file, the exports, the import and the starting templates."""

from __future__ import annotations

import io
import json
from typing import Any
from xml.etree import ElementTree

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from tests.factories import MembershipFactory, PartnershipFactory
from theory_of_change import services
from theory_of_change.models import Indicator, Level, Link, Node, TheoryOfChange
from theory_of_change.serialise import chain_from_dict

pytestmark = pytest.mark.django_db


def url(name: str, partnership: Any) -> str:
    return reverse(f"theory_of_change:{name}", kwargs={"key": partnership.key})


def test_the_diagram_downloads_as_svg(owner_client: Any, world: Any) -> None:
    response = owner_client.get(url("diagram", world.partnership))
    assert response["Content-Type"].startswith("image/svg+xml")
    assert ".svg" in response["Content-Disposition"]
    root = ElementTree.fromstring(response.content)  # noqa: S314 - our own output
    assert root.get("role") == "img" and root.get("viewBox")
    assert "style" not in response.content.decode()  # CSP-safe when embedded inline


def test_the_json_export_holds_the_chain_with_indicators(owner_client: Any, world: Any) -> None:
    response = owner_client.get(url("export_json", world.partnership))
    assert "attachment" in response["Content-Disposition"]
    data = json.loads(response.content)
    assert data["format"] == "samverkan-theory-of-change"
    assert data["shared_picture"]["target_group"] == "Unga 16–24 år i Årby och Nyfors."
    assert {node["level"] for node in data["nodes"]} == {"activity", "short_term"}
    [outcome] = [node for node in data["nodes"] if node["level"] == "short_term"]
    [indicator] = outcome["indicators"]
    assert indicator["unit"] == "%" and indicator["target_value"] == "40.00"
    assert indicator["target_date"] == "2025-06-30"
    assert len(data["links"]) == 1


def test_the_spreadsheet_export_has_the_chain_links_and_indicators(
    owner_client: Any, world: Any
) -> None:
    response = owner_client.get(url("export_xlsx", world.partnership))
    assert (
        response["Content-Type"]
        == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    book = load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == ["Shared picture", "Chain", "Links", "Indicators"]
    indicators = list(book["Indicators"].values)
    assert indicators[0][:5] == ("Chain node", "Level", "Indicator", "Kind of indicator", "Unit")
    assert indicators[1][4] == "%" and indicators[1][9] == 40
    chain = list(book["Chain"].values)
    assert len(chain) == 3
    smart = chain[0].index("SMART")
    assert chain[2][smart] == "Yes"  # the outcome's goal is SMART
    assert chain[0][5:7] == ("Planned number of participants", "Actual number of participants")


def test_a_formula_in_a_text_is_exported_as_text(owner_client: Any, world: Any) -> None:
    Node.objects.filter(partnership=world.partnership, level=Level.ACTIVITY).update(
        title="=HYPERLINK(1)"
    )
    book = load_workbook(
        io.BytesIO(owner_client.get(url("export_xlsx", world.partnership)).content)
    )
    titles = [row[2] for row in book["Chain"].values]
    assert "'=HYPERLINK(1)" in titles


def test_an_export_imports_into_another_partnership(owner_client: Any, world: Any) -> None:
    exported = owner_client.get(url("export_json", world.partnership)).content
    other = PartnershipFactory(title="Annan samverkan")
    MembershipFactory(partnership=other, user=world.users["owner"], role="owner")
    upload = SimpleUploadedFile("toc.json", exported, content_type="application/json")
    response = owner_client.post(url("import", other), {"file": upload})
    assert response.status_code == 302
    assert Node.objects.filter(partnership=other).count() == 2
    link = Link.objects.get(partnership=other)
    assert link.source.partnership == other and link.target.partnership == other
    indicator = Indicator.objects.get(partnership=other)
    assert indicator.target_value == 40 and indicator.node.partnership == other
    # The steering document came along with the shared picture, matched or added by title.
    assert (
        TheoryOfChange.objects.get(partnership=other).target_group
        == "Unga 16–24 år i Årby och Nyfors."
    )


def test_importing_never_overwrites_what_the_partnership_wrote(world: Any) -> None:
    data = services.current_snapshot(world.partnership)
    data["shared_picture"]["problem_statement"] = "Något annat"
    data["shared_picture"]["vision"] = "En vision"
    counts = services.chain_import(partnership=world.partnership, chain=chain_from_dict(data))
    toc = TheoryOfChange.objects.get(partnership=world.partnership)
    assert toc.problem_statement == "Unga i området varken arbetar eller studerar."
    assert toc.vision == "En vision"
    assert counts["picture_fields"] == 1 and counts["nodes"] == 2
    assert Node.objects.filter(partnership=world.partnership).count() == 4


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"not json", "not valid JSON"),
        (b"\xff\xfe\x00", "not UTF-8"),
        (b"[]", "expected a JSON object"),
        (b'{"format": "other"}', "not a Samverkan theory of change export"),
        (b'{"format": "samverkan-theory-of-change", "format_version": 99}', "format version 99"),
        (
            b'{"format": "samverkan-theory-of-change", "format_version": 1, "nodes": [{"id": 1, "level": "sideways", "title": "X"}]}',
            "the level must be one of",
        ),
        (
            b'{"format": "samverkan-theory-of-change", "format_version": 1, "nodes": ['
            b'{"id": 1, "level": "impact", "title": "A"}, {"id": 2, "level": "activity", "title": "B"}],'
            b' "links": [{"source": 1, "target": 2}]}',
            "same level or a later one",
        ),
        (
            b'{"format": "samverkan-theory-of-change", "format_version": 1, "nodes": ['
            b'{"id": 1, "level": "activity", "title": "A", "indicators": [{"name": "x"}]}]}',
            "only outputs and outcomes",
        ),
        (
            b'{"format": "samverkan-theory-of-change", "format_version": 1, "nodes": ['
            b'{"id": 1, "level": "short_term", "title": "A", "indicators": [{"name": "x", "baseline_value": "many", "target_date": "soon"}]}]}',
            "must be a number",
        ),
        (
            b'{"format": "samverkan-theory-of-change", "format_version": 1, "nodes": "x"}',
            "must be a list",
        ),
    ],
)
def test_a_malformed_file_is_refused_with_a_reason(
    owner_client: Any, world: Any, content: bytes, message: str
) -> None:
    before = Node.objects.count()
    upload = SimpleUploadedFile("toc.json", content, content_type="application/json")
    response = owner_client.post(url("import", world.partnership), {"file": upload})
    assert response.status_code == 400
    assert message in response.content.decode()
    assert Node.objects.count() == before


def test_every_problem_of_a_file_is_listed_where_it_is() -> None:
    data = {
        "format": "samverkan-theory-of-change",
        "format_version": 1,
        "nodes": [
            {"id": 1, "level": "short_term", "title": ""},
            {"id": 1, "level": "output", "title": "B"},
        ],
        "links": [{"source": 1, "target": 7}],
    }
    with pytest.raises(ValidationError) as refused:
        chain_from_dict(data)
    messages = refused.value.messages
    assert any(message.startswith("Node 1") and "title" in message for message in messages)
    assert any(message.startswith("Node 2") and "used twice" in message for message in messages)
    assert any(message.startswith("Link 1") for message in messages)


def test_starting_from_the_eskilstuna_template(owner_client: Any) -> None:
    partnership = PartnershipFactory(title="Ny samverkan")
    user = MembershipFactory(partnership=partnership, role="editor").user
    owner_client.force_login(user)
    page = owner_client.get(url("import", partnership))
    assert "Eskilstuna" in page.content.decode()
    template = reverse(
        "theory_of_change:template", kwargs={"key": partnership.key, "template": "eskilstuna"}
    )
    response = owner_client.post(template)
    assert response.status_code == 302
    nodes = Node.objects.filter(partnership=partnership)
    assert nodes.filter(level=Level.ACTIVITY, title__contains="Right to Work").exists()
    assert nodes.filter(level=Level.LONG_TERM).exists()
    assert Indicator.objects.filter(partnership=partnership).count() == 4
    # No party of the new partnership matches the template's, so nobody is made responsible.
    assert not Indicator.objects.filter(
        partnership=partnership, responsible_party__isnull=False
    ).exists()


def test_the_shipped_template_is_a_valid_chain_from_activity_to_impact() -> None:
    chain = services.template_chain()
    levels = {node.level for node in chain.nodes}
    assert levels == {1, 2, 3, 4, 5, 6}
    # The template's goals pick needs (its version-1 texts become a list); it has no steering
    # documents of its own, so its goals are SMART only once the partnership anchors them.
    assert {need["need"] for need in chain.needs} >= {"En väg in på arbetsmarknaden"}
    assert all(node.needs for node in chain.outcomes_with_goals())


def test_a_file_too_large_to_be_a_chain_is_refused() -> None:
    data = {
        "format": "samverkan-theory-of-change",
        "format_version": 1,
        "nodes": [{"id": i, "level": "activity", "title": "A"} for i in range(501)],
    }
    with pytest.raises(ValidationError, match="more than 500 nodes"):
        chain_from_dict(data)


def test_a_deeply_nested_file_is_refused_not_a_server_error(owner_client: Any, world: Any) -> None:
    content = b"[" * 100_000 + b"]" * 100_000
    upload = SimpleUploadedFile("toc.json", content, content_type="application/json")
    response = owner_client.post(url("import", world.partnership), {"file": upload})
    assert response.status_code == 400
    assert "nested too deeply" in response.content.decode()


def test_a_number_too_long_to_read_is_refused_not_a_server_error(
    owner_client: Any, world: Any
) -> None:
    content = b'{"format": "samverkan-theory-of-change", "nodes": [' + b"9" * 5000 + b"]}"
    upload = SimpleUploadedFile("toc.json", content, content_type="application/json")
    response = owner_client.post(url("import", world.partnership), {"file": upload})
    assert response.status_code == 400
    assert "cannot read" in response.content.decode()
