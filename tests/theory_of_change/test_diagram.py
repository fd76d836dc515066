"""The diagram: well-formed SVG, CSP-safe, readable layout; and its text alternative."""

from __future__ import annotations

from xml.etree import ElementTree

from theory_of_change.chain import Chain, ChainIndicator, ChainLink, ChainNode
from theory_of_change.diagram import render_outline, render_svg

SVG = "{http://www.w3.org/2000/svg}"


def chain() -> Chain:
    nodes = [
        ChainNode(1, 1, "Uppsökande arbete i bostadsområdena"),
        ChainNode(2, 1, "Arvoderade uppdrag"),
        ChainNode(3, 2, "Genomförda uppdrag"),
        ChainNode(4, 2, "Unga nås"),
        ChainNode(
            5,
            3,
            "Deltagarna har arbetslivserfarenhet & referenser <att visa upp>",
            goal_statement="Mål",
            indicators=[ChainIndicator(9, "Andel")],
        ),
        ChainNode(6, 5, "Färre unga utanför arbete och studier"),
    ]
    links = [
        ChainLink(1, 1, 4, "Unga når jämnåriga"),
        ChainLink(2, 2, 3),
        ChainLink(3, 3, 5),
        ChainLink(4, 4, 5),
        ChainLink(5, 2, 6),  # spans three columns: routed through waypoints
        ChainLink(6, 3, 4),  # within one level
    ]
    return Chain(nodes=nodes, links=links)


def parse(svg: str) -> ElementTree.Element:
    return ElementTree.fromstring(svg)  # noqa: S314 - our own output


def test_the_svg_is_well_formed_labelled_and_scalable() -> None:
    root = parse(render_svg(chain(), title="Förändringsteori", id_prefix="t"))
    assert root.get("role") == "img"
    assert root.get("aria-labelledby") == "t-title t-desc"
    assert root.find(f"{SVG}title").text == "Förändringsteori"
    assert "6 nodes, 6 links" in root.find(f"{SVG}desc").text
    assert root.get("viewBox") == f"0 0 {root.get('width')} {root.get('height')}"


def test_no_style_attributes_or_elements_so_it_embeds_under_csp() -> None:
    svg = render_svg(chain(), title="x")
    root = parse(svg)
    assert root.find(f".//{SVG}style") is None
    assert all("style" not in element.attrib for element in root.iter())
    assert "<script" not in svg


def test_text_is_escaped() -> None:
    svg = render_svg(chain(), title="<b>")
    assert "&lt;att visa upp&gt;" in svg and "&amp; referenser" in svg
    assert "&lt;b&gt;" in svg


def test_one_column_per_level_with_its_heading_and_every_link_with_an_arrow() -> None:
    root = parse(render_svg(chain(), title="x"))
    texts = [element.text for element in root.iter(f"{SVG}text")]
    for heading in ("Activity", "Output", "Short-term outcome", "Long-term outcome"):
        assert heading in texts
    assert "Medium-term outcome" not in texts  # empty levels take no room
    paths = [p for p in root.iter(f"{SVG}path") if p.get("marker-end")]
    assert len(paths) == 6
    boxes = {g.get("id"): g.find(f"{SVG}rect") for g in root.iter(f"{SVG}g") if g.get("id")}
    x = {key: float(rect.get("x")) for key, rect in boxes.items()}
    assert (
        x["toc-node-1"]
        == x["toc-node-2"]
        < x["toc-node-3"]
        == x["toc-node-4"]
        < x["toc-node-5"]
        < x["toc-node-6"]
    )


def test_long_titles_wrap_inside_their_box() -> None:
    long = Chain(nodes=[ChainNode(1, 1, "ord " * 60)])
    root = parse(render_svg(long, title="x"))
    [title] = [t for t in root.iter(f"{SVG}text") if t.get("font-weight") == "600"]
    lines = list(title.iter(f"{SVG}tspan"))
    assert 1 < len(lines) <= 6
    assert lines[-1].text.endswith("…")
    assert all(len(line.text) <= 24 for line in lines)


def test_the_order_within_a_column_follows_the_links() -> None:
    # Activity 1 leads to output 4, activity 2 to output 3: the outputs swap places so the
    # two links do not cross.
    nodes = [
        ChainNode(1, 1, "A1"),
        ChainNode(2, 1, "A2"),
        ChainNode(3, 2, "O3"),
        ChainNode(4, 2, "O4"),
    ]
    links = [ChainLink(1, 1, 4), ChainLink(2, 2, 3)]
    root = parse(render_svg(Chain(nodes=nodes, links=links), title="x"))
    y = {
        g.get("id"): float(g.find(f"{SVG}rect").get("y"))
        for g in root.iter(f"{SVG}g")
        if g.get("id")
    }
    assert (y["toc-node-1"] < y["toc-node-2"]) == (y["toc-node-4"] < y["toc-node-3"])


def test_an_empty_chain_says_so() -> None:
    assert "no nodes yet" in render_svg(Chain(), title="x")
    assert "no nodes yet" in str(render_outline(Chain()))


def test_the_outline_is_the_same_chain_as_nested_lists() -> None:
    html = str(render_outline(chain()))
    assert html.startswith('<ul class="toc-outline">')
    assert html.index("Uppsökande arbete") < html.index("leads to <strong>Unga nås</strong>")
    assert "Assumptions: Unga når jämnåriga" in html
    assert "&lt;att visa upp&gt;" in html
    # Reached twice (from "Unga nås" and "Genomförda uppdrag"): written out once, then referred to.
    assert html.count("Deltagarna har arbetslivserfarenhet") == 2
    assert "described above" in html


def test_a_long_word_is_hyphenated_not_cut_in_the_box() -> None:
    from theory_of_change import diagram

    lines = diagram._wrap(
        "Kontakter med arbetsgivare och kommunens arbetsmarknadsinsatser",
        diagram.FONT,
        diagram.CHAR_WIDTH,
    )
    width = int((diagram.BOX_WIDTH - 2 * diagram.PAD_X) / (diagram.FONT * diagram.CHAR_WIDTH))
    assert all(len(line) <= width for line in lines), lines
    broken = [line for line in lines if line.startswith("arbetsmarknad")]
    assert broken and broken[0].endswith("-"), lines
    assert "".join(lines).replace("-", "").replace(" ", "") == (
        "Kontaktermedarbetsgivareochkommunensarbetsmarknadsinsatser"
    )
