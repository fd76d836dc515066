"""The change chain as an SVG diagram, laid out on the server in pure Python.

One column per level, left to right. Within a column, nodes are ordered by the barycenter of
the nodes they link to (a few sweeps both ways), which removes most crossings in chains of
the size partnerships draw. Boxes wrap their text; links are cubic Bézier curves with an
arrowhead. Only SVG presentation attributes are used (no style attribute, no <style>), so the
SVG can be embedded inline under the strict CSP, and the same markup goes into PDFs.
"""

from __future__ import annotations

import textwrap
from collections import defaultdict
from dataclasses import dataclass, field
from html import escape

import pyphen
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .chain import Chain, ChainLink, ChainNode
from .shape import Level

# Sizes in SVG user units (px at 100 %): a 17 px font stays readable on a projector and,
# scaled to the width of an A3 landscape page, in print.
BOX_WIDTH = 270
PAD_X = 12
PAD_Y = 10
FONT = 17
LINE = 22
SMALL_FONT = 14
SMALL_LINE = 19
COLUMN_GAP = 120
ROW_GAP = 26
MARGIN = 24
HEADING = 62
LOOP_SPACE = 60
MAX_TITLE_LINES = 6
# Average glyph widths, in em, of the widest common fallback (DejaVu Sans): text wrapped for
# it fits in the box in narrower fonts too.
CHAR_WIDTH = 0.66  # bold titles
SMALL_CHAR_WIDTH = 0.58
WAYPOINT = 10  # height a long link takes where it crosses a column
WAYPOINT_GAP = 10
FONT_FAMILY = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif"
TEXT = "#111111"
EDGE = "#3d3d3d"

# (fill, border) per level, declared with the levels (shape.LEVEL_COLOURS).
COLOURS = {int(level): level.colours for level in Level}


@dataclass(eq=False)
class Item:
    """A box for a node, or a waypoint where a long link crosses a column between its ends."""

    column: int
    node: ChainNode | None = None
    lines: list[str] = field(default_factory=list)
    meta: list[str] = field(default_factory=list)
    x: float = 0
    y: float = 0
    rank: float = 0
    before: list[Item] = field(default_factory=list)  # linked items in the previous column
    after: list[Item] = field(default_factory=list)  # linked items in the next column
    ends: list[tuple[str, int, Item]] = field(default_factory=list)  # (side, link id, other end)

    @property
    def height(self) -> float:
        if self.node is None:
            return WAYPOINT
        return 2 * PAD_Y + len(self.lines) * LINE + len(self.meta) * SMALL_LINE

    @property
    def middle(self) -> float:
        return self.y + self.height / 2


def level_labels() -> dict[int, str]:
    """The level names in the active language, looked up once per rendering."""
    return {int(value): str(label) for value, label in Level.choices}


_HYPHENATOR = pyphen.Pyphen(lang="sv")  # the chains are written in Swedish


def _hyphenate(text: str, width: int) -> str:
    """Split words longer than a line at a Swedish syllable break, with a hyphen."""
    words = []
    for word in text.split(" "):
        while len(word) > width:
            split = _HYPHENATOR.wrap(word, width) or (word[: width - 1] + "-", word[width - 1 :])
            head, word = split
            words.append(head)
        words.append(word)
    return " ".join(words)


def _wrap(text: str, font: int, char_width: float, limit: int | None = None) -> list[str]:
    width = max(8, int((BOX_WIDTH - 2 * PAD_X) / (font * char_width)))
    text = _hyphenate(text, width)
    lines = textwrap.wrap(text, width=width, break_long_words=True, break_on_hyphens=True) or ["—"]
    if limit and len(lines) > limit:
        lines = lines[:limit]
        lines[-1] = lines[-1][: width - 1].rstrip() + "…"
    return lines


def participants_text(node: ChainNode) -> str:
    """ "Participants: 100 planned, 78 took part" for an output that gives its figures."""
    parts = []
    if node.planned_participants is not None:
        parts.append(_("%(count)s planned") % {"count": node.planned_participants})
    if node.actual_participants is not None:
        parts.append(_("%(count)s took part") % {"count": node.actual_participants})
    return _("Participants: %(figures)s") % {"figures": ", ".join(parts)} if parts else ""


def _meta(node: ChainNode) -> list[str]:
    parts = []
    if participants := participants_text(node):
        parts.append(participants)
    if node.indicators:
        count = len(node.indicators)
        parts.append(
            ngettext("%(count)d indicator", "%(count)d indicators", count) % {"count": count}
        )
    if node.has_goal:
        result = node.smart()
        parts.append(
            _("SMART goal ✓")
            if result.passed
            else _("Goal: %(passed)d of 5 SMART") % {"passed": result.passed_count}
        )
    return _wrap(" · ".join(parts), SMALL_FONT, SMALL_CHAR_WIDTH) if parts else []


def _order_columns(columns: list[list[Item]], sweeps: int = 6) -> None:
    """Reorder each column by the mean rank of its linked items in the neighbouring column."""

    def set_ranks(column: list[Item]) -> None:
        for index, item in enumerate(column):
            item.rank = (index + 0.5) / len(column)

    for column in columns:
        set_ranks(column)
    for sweep in range(sweeps):
        forward = sweep % 2 == 0
        indices = range(1, len(columns)) if forward else range(len(columns) - 2, -1, -1)
        for index in indices:
            column = columns[index]
            keys: dict[int, tuple[float, int]] = {}
            for position, item in enumerate(column):
                neighbours = [other.rank for other in (item.before if forward else item.after)]
                centre = sum(neighbours) / len(neighbours) if neighbours else item.rank
                keys[id(item)] = (centre, position)
            column.sort(key=lambda item: keys[id(item)])
            set_ranks(column)


def _gap(upper: Item, lower: Item) -> float:
    return ROW_GAP if upper.node is not None and lower.node is not None else WAYPOINT_GAP


def _anchors(items: list[Item]) -> dict[tuple[int, str, int], float]:
    """Where each link leaves or enters a box: spread over its side, in the order of the other
    ends, so links into one box do not cross just before it."""
    anchors = {}
    for item in items:
        for side in ("out", "in"):
            ends = sorted(
                (end for end in item.ends if end[0] == side), key=lambda end: end[2].middle
            )
            spread = min(item.height * 0.7, 18 * (len(ends) - 1)) if len(ends) > 1 else 0
            for index, (_side, link_id, _other) in enumerate(ends):
                offset = spread * index / (len(ends) - 1) if len(ends) > 1 else 0
                anchors[(id(item), side, link_id)] = item.middle - spread / 2 + offset
    return anchors


def _curve(x1: float, y1: float, x2: float, y2: float) -> str:
    pull = max(30.0, (x2 - x1) / 2)
    return f" C{x1 + pull:.1f},{y1:.1f} {x2 - pull:.1f},{y2:.1f} {x2:.1f},{y2:.1f}"


def render_svg(
    chain: Chain, *, title: str, id_prefix: str = "toc", standalone: bool = False
) -> str:
    """The diagram of `chain` as SVG markup; `standalone` adds the XML declaration for a file."""
    title_id, desc_id, arrow_id = f"{id_prefix}-title", f"{id_prefix}-desc", f"{id_prefix}-arrow"
    names = level_labels()
    levels = sorted({node.level for node in chain.nodes})
    column_of = {level: index for index, level in enumerate(levels)}
    columns: list[list[Item]] = [[] for _level in levels]
    boxes: dict[int, Item] = {}
    chain_nodes = chain.node_map()
    for node in sorted(chain.nodes, key=lambda n: (n.level, n.order, n.id)):
        box = Item(
            column_of[node.level],
            node,
            _wrap(node.title, FONT, CHAR_WIDTH, MAX_TITLE_LINES),
            _meta(node),
        )
        boxes[node.id] = box
        columns[box.column].append(box)

    # Each link becomes a route: its source, a waypoint in every column it crosses, its target.
    routes: list[tuple[ChainLink, list[Item]]] = []
    for link in chain.links:
        source, target = boxes.get(link.source), boxes.get(link.target)
        if source is None or target is None:
            continue
        route = [source]
        for column in range(source.column + 1, target.column):
            waypoint = Item(column)
            columns[column].append(waypoint)
            route.append(waypoint)
        route.append(target)
        for earlier, later in zip(route, route[1:], strict=False):
            if earlier.column < later.column:
                earlier.after.append(later)
                later.before.append(earlier)
        source.ends.append(("out", link.id, route[1]))
        target.ends.append(("in", link.id, route[-2]))
        routes.append((link, route))
    _order_columns(columns)

    loops = {
        route[0].column
        for _link, route in routes
        if len(route) == 2 and route[0].column == route[1].column
    }
    x = MARGIN
    column_x = []
    for index in range(len(columns)):
        column_x.append(x)
        x += BOX_WIDTH + COLUMN_GAP + (LOOP_SPACE if index in loops else 0)
    width = max(x - COLUMN_GAP + MARGIN, 520)
    heights = [
        sum(item.height for item in column)
        + sum(_gap(upper, lower) for upper, lower in zip(column, column[1:], strict=False))
        for column in columns
    ]
    tallest = max(heights, default=0)
    for number, stack in enumerate(columns):
        y = MARGIN + HEADING + (tallest - heights[number]) / 2
        for position, item in enumerate(stack):
            item.x, item.y = column_x[number], y
            y += item.height + (_gap(item, stack[position + 1]) if position + 1 < len(stack) else 0)
    height = MARGIN + HEADING + max(tallest, 60) + MARGIN
    anchors = _anchors(list(boxes.values()))

    node_count, link_count = len(chain.nodes), len(routes)
    summary = (
        ngettext("%(count)d node", "%(count)d nodes", node_count) % {"count": node_count}
        + ", "
        + ngettext("%(count)d link", "%(count)d links", link_count) % {"count": link_count}
        + ". "
        + _("Columns from left to right: %(levels)s.")
        % {"levels": ", ".join(names[level] for level in levels) or "—"}
    )
    out = []
    if standalone:
        out.append('<?xml version="1.0" encoding="UTF-8"?>\n')
    out.append(
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width:.0f} {height:.0f}" '
        f'width="{width:.0f}" height="{height:.0f}" role="img" class="toc-diagram-svg" '
        f'aria-labelledby="{title_id} {desc_id}" font-family="{escape(FONT_FAMILY)}" fill="{TEXT}">'
    )
    out.append(f'<title id="{title_id}">{escape(title)}</title>')
    out.append(f'<desc id="{desc_id}">{escape(summary)}</desc>')
    out.append(
        f'<defs><marker id="{arrow_id}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="10" '
        f'markerHeight="10" markerUnits="userSpaceOnUse" orient="auto">'
        f'<path d="M0,0 L10,5 L0,10 z" fill="{EDGE}"/></marker></defs>'
    )
    out.append(f'<rect x="0" y="0" width="{width:.0f}" height="{height:.0f}" fill="#ffffff"/>')
    if not chain.nodes:
        out.append(
            f'<text x="{MARGIN}" y="{MARGIN + 30}" font-size="{FONT}" fill="{TEXT}">'
            f"{escape(_('The chain has no nodes yet.'))}</text>"
        )

    # Column headings, with a bar in the level's colour under each.
    for level, left in zip(levels, column_x, strict=True):
        _fill, border = COLOURS[level]
        out.append(
            f'<text x="{left + BOX_WIDTH / 2:.1f}" y="{MARGIN + 24}" text-anchor="middle" '
            f'font-size="20" font-weight="700" fill="{TEXT}">{escape(names[level])}</text>'
        )
        out.append(
            f'<rect x="{left:.1f}" y="{MARGIN + 36}" width="{BOX_WIDTH}" height="6" fill="{border}"/>'
        )

    # Links first, so they never cover the text of a box.
    leads_to_text, assumptions_text = (
        _("%(source)s leads to %(target)s"),
        _("Assumptions: %(text)s"),
    )
    out.append(f'<g fill="none" stroke="{EDGE}" stroke-width="2">')
    for link, route in routes:
        source, target = route[0], route[-1]
        x1, y1 = source.x + BOX_WIDTH, anchors[(id(source), "out", link.id)]
        end_y = anchors[(id(target), "in", link.id)]
        if len(route) == 2 and source.column == target.column:
            bulge = x1 + LOOP_SPACE - 10
            path = f"M{x1:.1f},{y1:.1f} C{bulge:.1f},{y1:.1f} {bulge:.1f},{end_y:.1f} {x1 + 2:.1f},{end_y:.1f}"
        else:
            path = f"M{x1:.1f},{y1:.1f}"
            for waypoint in route[1:-1]:
                path += _curve(x1, y1, waypoint.x, waypoint.middle)
                x1, y1 = waypoint.x + BOX_WIDTH, waypoint.middle
                path += f" L{x1:.1f},{y1:.1f}"
            path += _curve(x1, y1, target.x - 2, end_y)
        label = leads_to_text % {
            "source": source.node.title if source.node else "",
            "target": target.node.title if target.node else "",
        }
        if link.assumptions:
            label += ". " + assumptions_text % {"text": link.assumptions}
        out.append(
            f'<path d="{path}" marker-end="url(#{arrow_id})"><title>{escape(label)}</title></path>'
        )
    out.append("</g>")

    for node_id, box in boxes.items():
        node = chain_nodes[node_id]
        fill, border = COLOURS[node.level]
        out.append(f'<g id="{id_prefix}-node-{node.id}">')
        out.append(f"<title>{escape(names[node.level])}: {escape(node.title)}</title>")
        out.append(
            f'<rect x="{box.x:.1f}" y="{box.y:.1f}" width="{BOX_WIDTH}" height="{box.height:.1f}" '
            f'rx="8" fill="{fill}" stroke="{border}" stroke-width="2"/>'
        )
        # One <text> per block, a <tspan> per line; the colour comes from <svg>.
        text_x = f"{box.x + PAD_X:.1f}"
        lines = "".join(
            f'<tspan x="{text_x}" dy="{0 if index == 0 else LINE}">{escape(line)}</tspan>'
            for index, line in enumerate(box.lines)
        )
        out.append(
            f'<text x="{text_x}" y="{box.y + PAD_Y + FONT:.1f}" font-size="{FONT}" '
            f'font-weight="600">{lines}</text>'
        )
        if box.meta:
            meta = "".join(
                f'<tspan x="{text_x}" dy="{0 if index == 0 else SMALL_LINE}">{escape(line)}</tspan>'
                for index, line in enumerate(box.meta)
            )
            meta_y = box.y + PAD_Y + FONT + (len(box.lines) - 1) * LINE + SMALL_LINE + 2
            out.append(
                f'<text x="{text_x}" y="{meta_y:.1f}" font-size="{SMALL_FONT}">{meta}</text>'
            )
        out.append("</g>")
    out.append("</svg>")
    return "".join(out)


def render_outline(chain: Chain) -> SafeString:
    """The text alternative of the diagram: the chain as nested lists, "X leads to Y".

    Each node is written out in full the first time it appears; later appearances refer back,
    so a node reached by several paths does not repeat its whole subtree. Built as escaped
    strings (not templates): it runs for every view of the page.
    """
    if not chain.nodes:
        return format_html("<p>{}</p>", _("The chain has no nodes yet."))
    nodes = chain.node_map()
    levels = level_labels()
    leads_to, described_above = escape(_("leads to")), escape(_("described above"))
    assumptions_text = _("Assumptions: %(text)s")
    following: dict[int, list[tuple[ChainNode, str]]] = defaultdict(list)
    has_incoming = set()
    for link in chain.links:
        if link.source in nodes and link.target in nodes:
            following[link.source].append((nodes[link.target], link.assumptions))
            has_incoming.add(link.target)
    for targets in following.values():
        targets.sort(key=lambda item: (item[0].level, item[0].order, item[0].id))
    written: set[int] = set()
    out: list[str] = []

    def item(node: ChainNode, assumptions: str, lead: bool) -> None:
        out.append(f"<li>{leads_to} " if lead else "<li>")
        out.append(
            f'<strong>{escape(node.title)}</strong> <span class="toc-outline-level">'
            f"({escape(levels[node.level])})</span>"
        )
        if assumptions:
            text = escape(assumptions_text % {"text": assumptions})
            out.append(f' <span class="toc-outline-assumption">{text}</span>')
        if node.id not in written and (participants := participants_text(node)):
            out.append(f" – {escape(participants)}")
        if node.id in written:
            out.append(f" – {described_above}</li>")
            return
        written.add(node.id)
        children = following.get(node.id, [])
        if children:
            out.append("<ul>")
            for child, text in children:
                item(child, text, True)
            out.append("</ul>")
        out.append("</li>")

    ordered = sorted(chain.nodes, key=lambda n: (n.level, n.order, n.id))
    out.append('<ul class="toc-outline">')
    for node in ordered:
        if node.id not in has_incoming:
            item(node, "", False)
    for node in ordered:
        if node.id not in written:  # only in a loop of one level: no node without a link in
            item(node, "", False)
    out.append("</ul>")
    return mark_safe("".join(out))  # noqa: S308 - every text above is escaped
