"""What changed between two versions of a theory of change: added, removed, changed.

Records are matched by id: a revision keeps the ids of the records it froze, so a node that
was renamed shows as changed, not as removed and added.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from .chain import Chain, ChainIndicator, ChainNode, field_label
from .shape import INDICATOR_FIELDS, NODE, PICTURE_FIELDS, choice_label

# What a person would call a change of a node: all its fields but its position in the level.
NODE_FIELDS = tuple(item.name for item in NODE if item.kind != "order")


@dataclass(frozen=True)
class FieldChange:
    label: str
    old: str
    new: str


@dataclass
class ItemChange:
    """One record that was added, removed or changed; `context` says where it sits."""

    label: str
    context: str = ""
    changes: list[FieldChange] = field(default_factory=list)


@dataclass
class Section:
    title: str
    added: list[ItemChange] = field(default_factory=list)
    removed: list[ItemChange] = field(default_factory=list)
    changed: list[ItemChange] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not (self.added or self.removed or self.changed)


@dataclass
class Comparison:
    picture: list[FieldChange]
    sections: list[Section]

    @property
    def empty(self) -> bool:
        return not self.picture and all(section.empty for section in self.sections)


def _text(value: Any) -> str:
    if value is None or value == "" or value == []:
        return "—"
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if isinstance(value, list):
        return ", ".join(str(item) for item in value)
    return str(value)


def _node_value(chain: Chain, node: ChainNode, name: str) -> Any:
    if name == "level":
        return node.level_label
    if name == "steering_documents":
        return sorted(chain.document_titles(node.steering_documents))
    if name == "needs":
        return sorted(chain.need_texts(node.needs))
    if name == "achievability_evidence":
        return choice_label(name, node.achievability_evidence)
    return getattr(node, name)


def _indicator_value(indicator: ChainIndicator, name: str) -> Any:
    value = getattr(indicator, name)
    if name in ("frequency", "kind", "evidence_method") and value:
        return choice_label(name, value)
    return value


def _diff(pairs: list[tuple[str, Any, Any]]) -> list[FieldChange]:
    return [FieldChange(label, _text(old), _text(new)) for label, old, new in pairs if old != new]


def compare(old: Chain, new: Chain) -> Comparison:
    """Differences from `old` to `new`."""
    from .models import Indicator, Node, TheoryOfChange

    picture = _diff(
        [
            (
                field_label(TheoryOfChange, name),
                old.picture.get(name, ""),
                new.picture.get(name, ""),
            )
            for name in PICTURE_FIELDS
        ]
    )
    picture += _diff(
        [
            (
                field_label(TheoryOfChange, "steering_documents"),
                sorted(old.document_titles(old.picture_documents)),
                sorted(new.document_titles(new.picture_documents)),
            ),
            (
                str(_("Needs of the target group")),
                sorted(need["need"] for need in old.needs),
                sorted(need["need"] for need in new.needs),
            ),
        ]
    )

    old_nodes, new_nodes = old.node_map(), new.node_map()
    nodes = Section(_("Nodes of the chain"))
    indicators = Section(_("Indicators"))
    for node in new.nodes:
        before = old_nodes.get(node.id)
        if before is None:
            nodes.added.append(ItemChange(node.title, node.level_label))
            indicators.added += [ItemChange(item.name, node.title) for item in node.indicators]
            continue
        changes = _diff(
            [
                (
                    field_label(Node, name),
                    _node_value(old, before, name),
                    _node_value(new, node, name),
                )
                for name in NODE_FIELDS
            ]
        )
        if changes:
            nodes.changed.append(ItemChange(node.title, node.level_label, changes))
        old_indicators = {item.id: item for item in before.indicators}
        for item in node.indicators:
            previous = old_indicators.pop(item.id, None)
            if previous is None:
                indicators.added.append(ItemChange(item.name, node.title))
                continue
            item_changes = _diff(
                [
                    (
                        field_label(Indicator, name),
                        _indicator_value(previous, name),
                        _indicator_value(item, name),
                    )
                    for name in INDICATOR_FIELDS
                ]
            )
            if item_changes:
                indicators.changed.append(ItemChange(item.name, node.title, item_changes))
        indicators.removed += [
            ItemChange(item.name, node.title) for item in old_indicators.values()
        ]
    for node in old.nodes:
        if node.id not in new_nodes:
            nodes.removed.append(ItemChange(node.title, node.level_label))
            indicators.removed += [ItemChange(item.name, node.title) for item in node.indicators]

    def linkfield_label(chain: Chain, source: int, target: int) -> str:
        names = chain.node_map()
        return (
            f"{names[source].title} → {names[target].title}"
            if source in names and target in names
            else "?"
        )

    links = Section(_("Links"))
    old_links = {(link.source, link.target): link for link in old.links}
    new_links = {(link.source, link.target): link for link in new.links}
    for pair, link in new_links.items():
        before_link = old_links.get(pair)
        if before_link is None:
            links.added.append(ItemChange(linkfield_label(new, *pair)))
        elif before_link.assumptions != link.assumptions:
            links.changed.append(
                ItemChange(
                    linkfield_label(new, *pair),
                    changes=_diff([(_("Assumptions"), before_link.assumptions, link.assumptions)]),
                )
            )
    links.removed = [
        ItemChange(linkfield_label(old, *pair)) for pair in old_links if pair not in new_links
    ]
    return Comparison(picture=picture, sections=[nodes, links, indicators])
