"""Reads of the collaboration plan: its activities, their sync with the chain, the RACI matrix.

Each read is a fixed number of queries, however many activities and parties there are."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db.models import QuerySet
from django.utils.functional import Promise
from django.utils.translation import gettext as _

from theory_of_change.models import Node
from theory_of_change.shape import Level

from ..models import Membership, Partnership, Party
from .models import PlanActivity, RaciAssignment, Risk, WaysOfWorking
from .rules import RISK_LEVEL_NAMES, RISK_SCALE, ROLE_NAMES, MatrixCheck, check_matrix


def plan_activities(partnership: Partnership) -> QuerySet[PlanActivity]:
    """The plan's activities with what the plan page shows of them (one query)."""
    return PlanActivity.objects.filter(partnership=partnership).select_related(
        "node", "responsible_party__organisation", "responsible_person"
    )


def removed_plan_activities(partnership: Partnership) -> QuerySet[PlanActivity]:
    return PlanActivity.all_objects.filter(
        partnership=partnership, removed_at__isnull=False
    ).order_by("-removed_at")


def chain_activities(partnership: Partnership) -> QuerySet[Node]:
    """The activity nodes of the partnership's theory of change, in the chain's order."""
    return Node.objects.filter(partnership=partnership, level=Level.ACTIVITY).order_by(
        "order", "id"
    )


def parties_of(partnership: Partnership) -> QuerySet[Party]:
    return Party.objects.filter(partnership=partnership).select_related("organisation")


def members_of(partnership: Partnership) -> QuerySet[Any]:
    """The users who are members, for choosing a responsible person."""
    from accounts.models import User

    return User.objects.filter(
        pk__in=Membership.objects.filter(partnership=partnership).values("user")
    ).order_by("name", "email")


# Sync with the chain ------------------------------------------------------------------------


@dataclass
class ChainSync:
    """How the plan's activities and the chain's activities match, one to one."""

    missing: list[Node] = field(default_factory=list)  # chain activities without a plan one
    unlinked: list[PlanActivity] = field(default_factory=list)  # node gone or never chosen
    not_activity: list[PlanActivity] = field(default_factory=list)  # node is not an activity

    @property
    def orphans(self) -> list[PlanActivity]:
        return self.unlinked + self.not_activity

    @property
    def in_step(self) -> bool:
        return not self.missing and not self.orphans


def chain_sync(partnership: Partnership) -> ChainSync:
    """Chain activities without a plan activity, and plan activities whose chain node is gone
    or is not an activity. Two queries."""
    nodes = list(chain_activities(partnership))
    activities = list(
        PlanActivity.objects.filter(partnership=partnership).select_related("node").order_by()
    )
    carried = {
        a.node_id for a in activities if a.node is not None and a.node.level == Level.ACTIVITY
    }
    sync = ChainSync(missing=[node for node in nodes if node.pk not in carried])
    for activity in sorted(activities, key=lambda a: (a.order, a.pk)):
        if activity.node is None:
            sync.unlinked.append(activity)
        elif activity.node.level != Level.ACTIVITY:
            sync.not_activity.append(activity)
    return sync


# The RACI matrix ----------------------------------------------------------------------------


def role_label(role: str) -> str:
    """How a cell's role reads aloud and in lists: "A (Accountable)", or "no role"."""
    if not role:
        return _("no role")
    return f"{role} ({ROLE_NAMES[role]})"


@dataclass
class Cell:
    party: Party
    role: str
    name: str  # the field name of the row form: party_<id>
    label: str  # the accessible name: "<activity> – <party>: <role>"
    base: str  # the accessible name without the role, for the script to rebuild


@dataclass
class Row:
    activity: PlanActivity
    cells: list[Cell]
    problems: list[str | Promise]

    @property
    def valid(self) -> bool:
        return not self.problems

    @property
    def message(self) -> str:
        if not self.problems:
            return _("Complete: one party accountable, at least one responsible.")
        return " ".join(str(problem) for problem in self.problems)


@dataclass
class Column:
    party: Party
    idle: bool


@dataclass
class Matrix:
    parties: list[Party]
    rows: list[Row]
    columns: list[Column]
    check: MatrixCheck

    def row_for(self, activity_id: int) -> Row | None:
        return next((row for row in self.rows if row.activity.pk == activity_id), None)


def cell_field_name(party: Party) -> str:
    return f"party_{party.pk}"


def raci_cells(partnership: Partnership) -> dict[tuple[int, int], str]:
    """{(activity id, party id): role} of the current activities and parties (one query)."""
    return {
        (activity, party): role
        for activity, party, role in RaciAssignment.objects.filter(
            partnership=partnership,
            activity__removed_at__isnull=True,
            party__removed_at__isnull=True,
        ).values_list("activity_id", "party_id", "role")
    }


def raci_matrix(partnership: Partnership) -> Matrix:
    """The matrix with each row's problems and the idle parties: three queries."""
    parties = list(parties_of(partnership))
    activities = list(PlanActivity.objects.filter(partnership=partnership))
    cells = raci_cells(partnership)
    check = check_matrix([a.pk for a in activities], [p.pk for p in parties], cells)
    rows = []
    for activity in activities:
        row_cells = []
        for party in parties:
            role = cells.get((activity.pk, party.pk), "")
            base = f"{activity.title} – {party.organisation.name}"
            row_cells.append(
                Cell(party, role, cell_field_name(party), f"{base}: {role_label(role)}", base)
            )
        rows.append(Row(activity, row_cells, check.rows[activity.pk]))
    idle = set(check.idle_parties)
    columns = [Column(party, party.pk in idle) for party in parties]
    return Matrix(parties, rows, columns, check)


# Risks ---------------------------------------------------------------------------------------


def risks_of(partnership: Partnership) -> QuerySet[Risk]:
    return Risk.objects.filter(partnership=partnership).select_related("owner__organisation")


def removed_risks(partnership: Partnership) -> QuerySet[Risk]:
    return Risk.all_objects.filter(partnership=partnership, removed_at__isnull=False).order_by(
        "-removed_at"
    )


@dataclass
class GridCell:
    likelihood: int
    consequence: int
    level: str
    level_label: str
    risks: list[Risk]


def risk_grid(risks: list[Risk]) -> list[tuple[int, list[GridCell]]]:
    """The 3 × 3 grid as rows of consequence (high first), each with a cell per likelihood
    (low first), each cell with its level and its risks. No query: `risks` are loaded."""
    from .rules import risk_level

    rows = []
    for consequence in reversed(RISK_SCALE):
        cells = []
        for likelihood in RISK_SCALE:
            level = risk_level(likelihood, consequence)
            cells.append(
                GridCell(
                    likelihood,
                    consequence,
                    level,
                    str(RISK_LEVEL_NAMES[level]),
                    [
                        r
                        for r in risks
                        if r.likelihood == likelihood and r.consequence == consequence
                    ],
                )
            )
        rows.append((consequence, cells))
    return rows


def ways_of_working(partnership: Partnership) -> WaysOfWorking:
    """The partnership's ways of working; an unsaved empty one before the first save."""
    found = WaysOfWorking.objects.filter(partnership=partnership).first()
    return found if found is not None else WaysOfWorking(partnership=partnership)
