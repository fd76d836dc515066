"""Where a party's need meets another's offer, and how fairly the work is shared: pure
functions of plain values (no database), so every rule is tested with hand-made cases.

Matching. A need ("lacks") meets another party's offer ("brings") when both are of the same
kind (premises meets premises), or when their descriptions share a meaningful word (the
Swedish word matching of step 2, `trust.matching`: "lokaler" meets "lokal"; words nearly
every item mentions, such as "deltagare", are left out). Two items of
the kind "Other" meet only through shared words: the kind says nothing there. Other work a
party must also do (competing commitments) is context, not a need another party can meet,
so it is left out of the matching.

Fair share. From the cost calculation's estimate: each party's staff hours and costs, and
from the RACI matrix: how many activities it is responsible (R) and accountable (A) for.
The split is flagged, as something to talk about, when
- one party carries more than UNFAIR_SHARE (70 %) of the hours or of the costs while another
  party is also responsible (R) for an activity: that party does work the calculation gives
  it little time or money for; or
- a party is responsible (R) for an activity but has no staff hours in the calculation,
  while the calculation has hours for others: its work is likely unpaid.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any, Protocol

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from ..display import percent
from ..trust.matching import meaningful_words

BRINGS = "brings"
LACKS = "lacks"
COMMITMENTS = "commitments"
OTHER = "other"
# Words nearly every resource of a partnership for its target group mentions: shared, they say
# nothing about a need and an offer fitting ("deltagare", "insatsen", "verksamheten", "arbete"),
# matched by their trimmed form as in `trust.matching`.
COMMON_STEMS = frozenset({"deltag", "insats", "verksam", "arbet"})
UNFAIR_SHARE = Decimal(70)
ZERO = Decimal(0)
HUNDRED = Decimal(100)


class Item(Protocol):
    """What the matching reads of a resource item."""

    party_id: Any
    kind: str
    direction: str
    description: str


# Matching -----------------------------------------------------------------------------------


def shared_words(need: str, offer: str) -> list[str]:
    """The meaningful words a need and an offer share, as the need writes them."""
    offered = meaningful_words(offer)
    return [
        word
        for key, word in meaningful_words(need).items()
        if key in offered and key not in COMMON_STEMS
    ]


@dataclass
class Offer:
    item: Any
    same_kind: bool
    words: list[str]

    @property
    def strength(self) -> int:
        """2: same kind and shared words; 1: same kind; 0: shared words only."""
        return (2 if self.words else 1) if self.same_kind else 0


@dataclass
class Need:
    item: Any
    offers: list[Offer] = field(default_factory=list)

    @property
    def met(self) -> bool:
        return bool(self.offers)


def match_needs(items: Iterable[Item]) -> list[Need]:
    """Each need (in the given order), with the offers of OTHER parties that meet it, the
    closest first: same kind with shared words, same kind, then shared words only."""
    rows = [item for item in items if item.kind != COMMITMENTS]
    offers = [item for item in rows if item.direction == BRINGS]
    needs = []
    for wanted in rows:
        if wanted.direction != LACKS:
            continue
        need = Need(wanted)
        for offer in offers:
            if offer.party_id == wanted.party_id:
                continue
            same_kind = offer.kind == wanted.kind and wanted.kind != OTHER
            words = shared_words(wanted.description, offer.description)
            if same_kind or words:
                need.offers.append(Offer(offer, same_kind, words))
        need.offers.sort(key=lambda found: -found.strength)  # stable: keeps the given order
        needs.append(need)
    return needs


def unmet(needs: Iterable[Need]) -> list[Need]:
    return [need for need in needs if not need.met]


def incomplete_parties(
    parties: Sequence[Hashable], said: Iterable[tuple[Hashable, str]]
) -> list[Any]:
    """The parties (of `parties`) that have NOT said both what they bring and what they lack.

    `said` holds (party, direction) pairs of their items."""
    directions: dict[Hashable, set[str]] = {}
    for party, direction in said:
        directions.setdefault(party, set()).add(direction)
    return [party for party in parties if directions.get(party, set()) < {BRINGS, LACKS}]


# Fair share ---------------------------------------------------------------------------------


def share(part: Decimal | int, whole: Decimal | int) -> Decimal | None:
    """`part` as a percentage of `whole`, one decimal, half-up; None when the whole is 0."""
    if not whole:
        return None
    return (Decimal(part) * HUNDRED / Decimal(whole)).quantize(
        Decimal("0.1"), rounding=ROUND_HALF_UP
    )


@dataclass
class PartyShare:
    party: Any  # None: costs of no current party
    hours: Decimal = ZERO
    cost: Decimal = ZERO
    responsible: int = 0
    accountable: int = 0
    hours_share: Decimal | None = None
    cost_share: Decimal | None = None
    responsible_share: Decimal | None = None


@dataclass
class FairShare:
    rows: list[PartyShare]
    unassigned: PartyShare | None
    total_hours: Decimal
    total_cost: Decimal
    total_responsible: int
    has_costs: bool
    flags: list[str | Promise]

    @property
    def fair(self) -> bool:
        return not self.flags


def _name(party: Any) -> str:
    organisation = getattr(party, "organisation", None)
    return str(getattr(organisation, "name", party))


def fair_share(
    parties: Sequence[Any],
    hours: Mapping[Any, Decimal],
    costs: Mapping[Any, Decimal],
    roles: Mapping[tuple[Any, Any], str],
    *,
    key: Any = lambda party: party.pk,
) -> FairShare:
    """The split between `parties`. `hours` and `costs` map a party's key (`key(party)`) to
    its estimated staff hours and total cost; the key None, or one of no listed party, is
    money no current party carries. `roles` maps (activity, party key) to a RACI letter."""
    keys = [key(party) for party in parties]
    rows = [PartyShare(party) for party in parties]
    by_key = dict(zip(keys, rows, strict=True))
    unassigned = PartyShare(None)
    for party_key, value in hours.items():
        by_key.get(party_key, unassigned).hours += Decimal(value)
    for party_key, value in costs.items():
        by_key.get(party_key, unassigned).cost += Decimal(value)
    for (_activity, party_key), role in roles.items():
        row = by_key.get(party_key)
        if row is None:
            continue
        if role == "R":
            row.responsible += 1
        elif role == "A":
            row.accountable += 1
    every = rows + [unassigned]
    total_hours = sum((row.hours for row in every), ZERO)
    total_cost = sum((row.cost for row in every), ZERO)
    total_responsible = sum(row.responsible for row in rows)
    for row in every:
        row.hours_share = share(row.hours, total_hours)
        row.cost_share = share(row.cost, total_cost)
        row.responsible_share = share(row.responsible, total_responsible)
    has_costs = bool(total_hours or total_cost)
    flags = _flags(rows, total_hours) if has_costs else []
    return FairShare(
        rows=rows,
        unassigned=unassigned if (unassigned.hours or unassigned.cost) else None,
        total_hours=total_hours,
        total_cost=total_cost,
        total_responsible=total_responsible,
        has_costs=has_costs,
        flags=flags,
    )


def _flags(rows: list[PartyShare], total_hours: Decimal) -> list[str | Promise]:
    flags: list[str | Promise] = []
    for row in rows:
        others = [other for other in rows if other is not row and other.responsible]
        if not others:
            continue
        names = ", ".join(
            ngettext(
                "%(party)s (R in %(count)d activity)",
                "%(party)s (R in %(count)d activities)",
                other.responsible,
            )
            % {"party": _name(other.party), "count": other.responsible}
            for other in others
        )
        for measure, value in (
            (_("the staff hours"), row.hours_share),
            (_("the costs"), row.cost_share),
        ):
            if value is not None and value > UNFAIR_SHARE:
                flags.append(
                    _(
                        "%(party)s carries %(share)s of %(measure)s, while other parties are "
                        "also responsible for work: %(others)s."
                    )
                    % {
                        "party": _name(row.party),
                        "share": percent(value),
                        "measure": measure,
                        "others": names,
                    }
                )
    if total_hours:
        for row in rows:
            if row.responsible and not row.hours:
                flags.append(
                    ngettext(
                        "%(party)s is responsible (R) for %(count)d activity but has no staff "
                        "hours in the calculation: is its work unpaid?",
                        "%(party)s is responsible (R) for %(count)d activities but has no "
                        "staff hours in the calculation: is its work unpaid?",
                        row.responsible,
                    )
                    % {"party": _name(row.party), "count": row.responsible}
                )
    return flags
