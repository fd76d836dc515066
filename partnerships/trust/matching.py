"""Which party's needs another party offers, read from their own words.

Deliberately simple and shown with its reasons: a need and an offer "meet" when they share a
meaningful word (Swedish stop words left out, common Swedish endings trimmed so that
"lokaler" meets "lokal"). The page names the shared words, so people judge the match
themselves; it is a starting point for a conversation, not a verdict.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

# Common Swedish words that carry no subject of their own, and words every need or offer
# uses ("behöver", "vill", "stöd" stays: it is what is offered).
STOP_WORDS = frozenset(
    """
    och det att i en jag hon som han på den med var sig för så till är men ett om hade de av
    icke mig du henne då sin nu har inte hans honom skulle hennes där min man ej vid kunde
    något från ut när efter upp vi dem vara vad över än dig kan sina här ha mot alla under
    någon eller allt mycket sedan ju denna själv detta åt utan varit hur ingen mitt ni bli
    blev oss din dessa några deras blir mina samma vilken er sådan vår blivit dess inom
    mellan sådant varför varje vilka ditt vem vilket sådana vart dina vars vårt våra ert era
    vilkas ska skall kunna vill behöver behov behövs få får ge ger mer fler flera bättre genom
    också även samt både olika andra annan annat många göra gör gjort finns fanns egen eget
    egna ny nytt nya bra sätt del delar tillsammans hos per via bland redan just kring bara
    särskilt mest minst stor stort stora liten litet små helt hela eftersom därför dock
    exempel
    """.split()
)
# Words every party of a Swedish partnership writes ("kommunens", "organisationen"): matched
# by their trimmed form, so that no need meets an offer through them alone.
COMMON_STEMS = frozenset({"kommun", "organisation", "samverkan", "part"})
# Endings trimmed, longest first, when at least MIN_STEM letters remain.
SUFFIXES = (
    "arnas",
    "ernas",
    "ornas",
    "heten",
    "arna",
    "erna",
    "orna",
    "aren",
    "are",
    "het",
    "ens",
    "ets",
    "ar",
    "er",
    "or",
    "en",
    "et",
    "na",
    "a",
    "e",
)
MIN_STEM = 4
MIN_WORD = 3
_WORD = re.compile(r"[^\W\d_]+")
_ITEM_SPLIT = re.compile(r"\n|;|(?<=[.!?])\s+")
_BULLET = re.compile(r"^[\s\-–•*·\d.)]+")


def stem(word: str) -> str:
    """A word reduced to a common form: lower case, one common ending trimmed."""
    word = word.casefold()
    for suffix in SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= MIN_STEM:
            return word[: -len(suffix)]
    return word


def meaningful_words(text: str) -> dict[str, str]:
    """The text's meaningful words: stem to the word as first written (lower case)."""
    found: dict[str, str] = {}
    for word in _WORD.findall(text.casefold()):
        if len(word) < MIN_WORD or word in STOP_WORDS:
            continue
        key = stem(word)
        if key not in COMMON_STEMS:
            found.setdefault(key, word)
    return found


def items(text: str) -> list[str]:
    """A list written as lines (or sentences, or parts separated by semicolons), one need or
    offer each, bullets and numbering left out."""
    parts = (_BULLET.sub("", part).strip() for part in _ITEM_SPLIT.split(text or ""))
    return [part for part in parts if part]


@dataclass
class Offer:
    party: Any
    words: list[str]


@dataclass
class Need:
    party: Any
    text: str
    offers: list[Offer] = field(default_factory=list)


def match_needs(answers: Iterable[tuple[Any, str, str]]) -> list[Need]:
    """Each need of each party, with the other parties whose offer shares words with it.

    `answers` is (party, needs text, brings text) per party, in the order to show them."""
    rows = list(answers)
    offered = [(party, meaningful_words(brings)) for party, _needs, brings in rows]
    result: list[Need] = []
    for party, needs, _brings in rows:
        for text in items(needs):
            wanted = meaningful_words(text)
            need = Need(party, text)
            for other, offer_words in offered:
                if other is party or other == party:
                    continue
                shared = [word for key, word in wanted.items() if key in offer_words]
                if shared:
                    need.offers.append(Offer(other, shared))
            result.append(need)
    return result


def shared_words(first: str, second: str) -> list[str]:
    """The meaningful words two texts share, as the first writes them."""
    theirs = meaningful_words(second)
    return [word for key, word in meaningful_words(first).items() if key in theirs]
