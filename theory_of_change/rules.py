"""The rules of the change chain, in one place, as pure functions of levels and links.

Levels are `shape.Level` (1 activity … 6 impact). Adding a link (`services.link_create`),
importing a file (`chain_from_dict`, `services.chain_import`), restoring a revision and
changing a node's level all ask `check_links` / `check_chain`, so one chain is never accepted
by one door and refused by another. Free of the ORM: tests need no database.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Hashable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Generic, TypeVar

from django.utils.translation import gettext as _

from .shape import INDICATOR_LEVELS, OUTCOME_LEVELS, Level

ACTIVITY, OUTPUT, SHORT_TERM, MEDIUM_TERM, LONG_TERM, IMPACT = (int(level) for level in Level)
MAX_NODES = 500  # far above any real chain; bounds what one import or restore writes
MAX_LINKS = 2000

K = TypeVar("K", bound=Hashable)


def level_label(level: int) -> str:
    return str(Level(level).label) if level in Level.values else str(level)


def link_allowed(source_level: int, target_level: int) -> bool:
    """A link may only lead to the same level or a later one: change does not run backwards."""
    return target_level >= source_level


def link_level_error(
    source_level: int, target_level: int, source_title: str = "", target_title: str = ""
) -> str | None:
    """None when the link is allowed, else a message that names both nodes and levels."""
    if link_allowed(source_level, target_level):
        return None
    return _(
        "“%(source)s” is at the level “%(source_level)s”, so it cannot lead to “%(target)s” at "
        "the earlier level “%(target_level)s”. A link may only lead to the same level or a "
        "later one."
    ) % {
        "source": source_title,
        "source_level": level_label(source_level),
        "target": target_title,
        "target_level": level_label(target_level),
    }


def self_link_error(title: str = "") -> str:
    if title:
        return _("“%(title)s” cannot lead to itself.") % {"title": title}
    return _("A node cannot lead to itself.")


def indicator_allowed(level: int) -> bool:
    """Outputs and outcomes are measured; activities and the impact are not."""
    return level in INDICATOR_LEVELS


def indicator_level_error(level_name: str) -> str:
    return _(
        "Indicators belong to outputs and outcomes (short-, medium- or long-term). This node "
        "is at the level “%(level)s”: add the indicator to the output or outcome it is meant "
        "to measure."
    ) % {"level": level_name}


def participants_allowed(level: int) -> bool:
    """Only outputs count the participants they reach."""
    return level == OUTPUT


def participants(
    figures: Iterable[tuple[int | None, int | None]],
) -> tuple[int | None, int | None]:
    """The sums of (planned, actual) participants over outputs; None where no output gives one."""
    planned: int | None = None
    actual: int | None = None
    for planned_here, actual_here in figures:
        if planned_here is not None:
            planned = (planned or 0) + planned_here
        if actual_here is not None:
            actual = (actual or 0) + actual_here
    return planned, actual


@dataclass(frozen=True)
class LooseEnds(Generic[K]):
    """Nodes the chain does not hold together: with no link at all, and outcomes that no
    activity leads to (through any number of steps)."""

    unlinked: frozenset[K] = field(default_factory=frozenset)
    unreached: frozenset[K] = field(default_factory=frozenset)

    def __bool__(self) -> bool:
        return bool(self.unlinked or self.unreached)


def loose_ends(levels: Mapping[K, int], links: Iterable[tuple[K, K]]) -> LooseEnds[K]:
    links = list(links)
    linked = {node for link in links for node in link}
    reached = set(_reachable(links, [node for node, level in levels.items() if level == ACTIVITY]))
    return LooseEnds(
        unlinked=frozenset(node for node in levels if node not in linked),
        unreached=frozenset(
            node
            for node, level in levels.items()
            if level in OUTCOME_LEVELS and node in linked and node not in reached
        ),
    )


def _reachable(links: Iterable[tuple[K, K]], starts: Iterable[K]) -> Iterator[K]:
    """Every node reachable from `starts` (included) along the links, each once."""
    following: dict[K, list[K]] = defaultdict(list)
    for source, target in links:
        following[source].append(target)
    stack, seen = list(starts), set()
    while stack:
        current = stack.pop()
        if current in seen:
            continue
        seen.add(current)
        yield current
        stack.extend(following[current])


def creates_cycle(links: Iterable[tuple[K, K]], source: K, target: K) -> bool:
    """Whether adding source → target closes a loop (possible only within one level)."""
    return any(node == source for node in _reachable(links, [target]))


def check_links(
    levels: Mapping[K, int],
    existing_links: Iterable[tuple[K, K]],
    new_links: Iterable[tuple[K, K]],
    titles: Mapping[K, str] | None = None,
) -> list[str]:
    """Readable reasons (naming both nodes) why `new_links` cannot join `existing_links`.

    Each new link is checked against the existing ones and the new ones before it: not to
    itself, not backwards, not twice, not round in a loop, and not past the limit. Empty when
    every link may be added.
    """
    names = titles or {}

    def title(node: K) -> str:
        return names.get(node, str(node))

    accepted = list(existing_links)
    pairs = set(accepted)
    errors: list[str] = []
    for source, target in new_links:
        if source not in levels or target not in levels:
            errors.append(_("A link must join two nodes of the same chain."))
        elif source == target:
            errors.append(self_link_error(title(source)))
        elif message := link_level_error(
            levels[source], levels[target], title(source), title(target)
        ):
            errors.append(message)
        elif (source, target) in pairs:
            errors.append(
                _("“%(source)s” already leads to “%(target)s”.")
                % {"source": title(source), "target": title(target)}
            )
        elif creates_cycle(accepted, source, target):
            errors.append(
                _(
                    "“%(target)s” already leads back to “%(source)s”: the chain cannot go round "
                    "in a circle."
                )
                % {"source": title(source), "target": title(target)}
            )
        else:
            accepted.append((source, target))
            pairs.add((source, target))
    if len(pairs) > MAX_LINKS:
        errors.append(_("A chain can have at most %(limit)s links.") % {"limit": MAX_LINKS})
    return errors


def check_chain(
    levels: Mapping[K, int],
    links: Iterable[tuple[K, K]],
    titles: Mapping[K, str] | None = None,
    *,
    indicator_nodes: Iterable[K] = (),
    existing_nodes: int = 0,
) -> list[str]:
    """Every rule of a whole chain (an import, a restore): size, links, where indicators sit.

    `existing_nodes` counts nodes the chain is added to; `indicator_nodes` are the nodes that
    carry indicators.
    """
    errors: list[str] = []
    if existing_nodes + len(levels) > MAX_NODES:
        errors.append(
            _("A chain can have at most %(limit)s nodes; this would make %(count)s.")
            % {"limit": MAX_NODES, "count": existing_nodes + len(levels)}
        )
    errors += check_links(levels, [], links, titles)
    for node in dict.fromkeys(indicator_nodes):
        if node in levels and not indicator_allowed(levels[node]):
            title = (titles or {}).get(node, str(node))
            errors.append(f"{title}: {indicator_level_error(level_label(levels[node]))}")
    return errors


def has_chain(
    levels: Mapping[K, int],
    links: Iterable[tuple[K, K]],
    start: int = ACTIVITY,
    end: int = LONG_TERM,
) -> bool:
    """Whether some node at `start` reaches a node at `end` through links."""
    starts = [node for node, level in levels.items() if level == start]
    return any(levels.get(node) == end for node in _reachable(links, starts))
