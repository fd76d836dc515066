"""The rules of the change chain, as pure functions of levels and links.

Levels are the integers of `models.Level` (1 activity … 6 impact). Kept free of the ORM so
the model, the services and the step evaluator share one definition, and tests need no DB.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Hashable, Iterable, Iterator, Mapping
from typing import TypeVar

from django.utils.translation import gettext as _

ACTIVITY, OUTPUT, SHORT_TERM, MEDIUM_TERM, LONG_TERM, IMPACT = 1, 2, 3, 4, 5, 6
OUTCOME_LEVELS = frozenset({SHORT_TERM, MEDIUM_TERM, LONG_TERM})

K = TypeVar("K", bound=Hashable)


def level_label(level: int) -> str:
    from .models import Level

    return str(Level(level).label)


def link_allowed(source_level: int, target_level: int) -> bool:
    """A link may only lead to the same level or a later one: change does not run backwards."""
    return target_level >= source_level


def link_level_error(
    source_level: int, target_level: int, source_title: str = "", target_title: str = ""
) -> str | None:
    """None when the link is allowed, else a message that names both levels."""
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


def self_link_error() -> str:
    return _("A node cannot lead to itself.")


def indicator_allowed(level: int) -> bool:
    return level in OUTCOME_LEVELS


def indicator_level_error(level_name: str) -> str:
    return _(
        "Indicators belong to outcomes (short-, medium- or long-term). This node is at the "
        "level “%(level)s”: add the indicator to the outcome it is meant to measure."
    ) % {"level": level_name}


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


def has_chain(
    levels: Mapping[K, int],
    links: Iterable[tuple[K, K]],
    start: int = ACTIVITY,
    end: int = LONG_TERM,
) -> bool:
    """Whether some node at `start` reaches a node at `end` through links."""
    starts = [node for node, level in levels.items() if level == start]
    return any(levels.get(node) == end for node in _reachable(links, starts))
