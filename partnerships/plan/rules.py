"""The RACI matrix's rules, as pure functions of letters and ids (no database).

A row is one plan activity, a column one party, a cell one of R, A, C, I or empty:
- every activity has exactly one party accountable (A) and at least one responsible (R);
- a party with no role in any activity is flagged: either it has no part in the plan, or the
  plan has forgotten it.
The starting pattern offers the guide's typical division of roles for empty cells.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

A = TypeVar("A", bound=Hashable)  # an activity's key
P = TypeVar("P", bound=Hashable)  # a party's key

ROLES = ("R", "A", "C", "I")
ROLE_NAMES = {
    "R": _("Responsible"),
    "A": _("Accountable"),
    "C": _("Consulted"),
    "I": _("Informed"),
}


def parse_role(value: object) -> str | None:
    """The role a posted value means: "R", "A", "C", "I", "" for an empty cell; None if it
    means nothing (any other text). Lower case and spaces around are accepted."""
    text = str(value if value is not None else "").strip().upper()
    if text == "" or text in ROLES:
        return text
    return None


def row_problems(roles: Iterable[str]) -> list[str | Promise]:
    """What is wrong with one activity's roles (the letters of its non-empty cells)."""
    letters = [role for role in roles if role]
    accountable = letters.count("A")
    responsible = letters.count("R")
    problems: list[str | Promise] = []
    if accountable == 0:
        problems.append(_("No party is accountable (A): exactly one must be."))
    elif accountable > 1:
        problems.append(
            ngettext(
                "%(count)d party is accountable (A): exactly one may be.",
                "%(count)d parties are accountable (A): exactly one may be.",
                accountable,
            )
            % {"count": accountable}
        )
    if responsible == 0:
        problems.append(_("No party is responsible (R): at least one must be."))
    return problems


@dataclass
class MatrixCheck:
    """The matrix's validation: the problems of each row, and the parties with no role."""

    rows: dict[Hashable, list[str | Promise]] = field(default_factory=dict)
    idle_parties: list[Hashable] = field(default_factory=list)

    @property
    def rows_valid(self) -> bool:
        return not any(self.rows.values())

    @property
    def valid(self) -> bool:
        return self.rows_valid and not self.idle_parties

    @property
    def invalid_rows(self) -> int:
        return sum(1 for problems in self.rows.values() if problems)


def check_matrix(
    activities: Sequence[Any],
    parties: Sequence[Any],
    cells: Mapping[tuple[Any, Any], str],
) -> MatrixCheck:
    """Check the matrix of `activities` × `parties`; `cells` maps (activity, party) to a role.

    Cells of activities or parties not listed (removed ones) are left out of the check."""
    wanted_parties = set(parties)
    by_activity: dict[Hashable, list[str]] = {activity: [] for activity in activities}
    with_role: set[Hashable] = set()
    for (activity, party), role in cells.items():
        if not role or activity not in by_activity or party not in wanted_parties:
            continue
        by_activity[activity].append(role)
        with_role.add(party)
    return MatrixCheck(
        rows={activity: row_problems(roles) for activity, roles in by_activity.items()},
        idle_parties=[party for party in parties if party not in with_role],
    )


# The starting pattern ---------------------------------------------------------------------
# The guide's typical division, in our words: the social entrepreneur runs the operation (R);
# the lead municipality anchors the work in its own organisation, opens doors and steps in
# when the entrepreneur flags a problem (A); a facilitator is consulted (C); a funder is kept
# informed (I). Other parties are consulted (private actors) or informed (others).
PATTERN = {
    "social_entrepreneur": "R",
    "lead_municipality": "A",
    "facilitator": "C",
    "private_actor": "C",
    "funder": "I",
    "other": "I",
}


def starting_pattern(
    activities: Sequence[A],
    parties: Sequence[tuple[P, str]],
    cells: Mapping[tuple[A, P], str],
) -> dict[tuple[A, P], str]:
    """The roles the pattern gives to the EMPTY cells: {(activity, party): role}.

    `parties` are (id, part) pairs. Filled cells are never changed. One A per row at most: a
    lead municipality gets A only where the row has no A yet (a second lead municipality, or a
    row with an A already, gets C: the door opener is consulted)."""
    proposal: dict[tuple[A, P], str] = {}
    for activity in activities:
        has_accountable = any(cells.get((activity, party)) == "A" for party, _part in parties)
        for party, part in parties:
            if cells.get((activity, party)):
                continue
            role = PATTERN.get(part, "I")
            if role == "A":
                if has_accountable:
                    role = "C"
                else:
                    has_accountable = True
            proposal[(activity, party)] = role
    return proposal


# Risks ---------------------------------------------------------------------------------------
# The 3 × 3 grid: likelihood and consequence each 1 (low), 2 (medium) or 3 (high). Their
# product reads as the risk's level: 1–2 low, 3–4 medium, 6–9 high.
RISK_SCALE = (1, 2, 3)


def risk_level(likelihood: int, consequence: int) -> str:
    """ "low", "medium" or "high" for a risk on the 3 × 3 grid."""
    if likelihood not in RISK_SCALE or consequence not in RISK_SCALE:
        raise ValueError("likelihood and consequence are 1, 2 or 3")
    score = likelihood * consequence
    if score >= 6:
        return "high"
    if score >= 3:
        return "medium"
    return "low"


RISK_LEVEL_NAMES = {"low": _("Low risk"), "medium": _("Medium risk"), "high": _("High risk")}
