"""The data of the documents an officer attaches to the memo: the theory of change and the
collaboration plan, read from the records as plain JSON (texts already formatted in the active
language) and frozen into a `GeneratedDocument` when someone clicks "Generate PDF".

Each part degrades to an empty value when its records are missing; the templates say so.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import formats
from django.utils.translation import gettext as _

from partnerships.models import Partnership, Party
from partnerships.plan import selectors as plan_selectors
from partnerships.plan.models import PlanActivity, Risk, WaysOfWorking
from theory_of_change.selectors import load_chain

from .memo_data import chain_parts, header

# Paper sizes of the theory of change (the diagram is wide: landscape, A3 for long chains).
PAPER_SIZES = ("A4", "A3")


def toc_data(partnership: Partnership, options: dict[str, Any]) -> dict[str, Any]:
    """The theory of change's PDF: the shared picture, the diagram, the steps per level and
    the indicators, on the paper size chosen."""
    parties = list(Party.objects.filter(partnership=partnership).select_related("organisation"))
    chain = load_chain(partnership)
    paper = options.get("paper") if options.get("paper") in PAPER_SIZES else PAPER_SIZES[0]
    return {
        **header(partnership, parties),
        **chain_parts(partnership, chain, id_prefix="pdf-toc"),
        "paper": paper,
        "outcomes": [
            {"title": node.title, "level": node.level_label, "goal": node.goal_statement}
            for node in sorted(chain.nodes, key=lambda n: (n.level, n.order, n.id))
            if node.goal_statement
        ],
    }


def _month(value: dt.date | None) -> str:
    return formats.date_format(value, "YEAR_MONTH_FORMAT") if value else ""


def _period(activity: PlanActivity) -> str:
    start, end = _month(activity.start_month), _month(activity.end_month)
    if start and end:
        return start if start == end else f"{start} – {end}"
    if start:
        return _("from %(month)s") % {"month": start}
    if end:
        return _("until %(month)s") % {"month": end}
    return ""


def _activity(activity: PlanActivity) -> dict[str, Any]:
    responsible = [
        str(activity.responsible_party.organisation) if activity.responsible_party else "",
        str(activity.responsible_person) if activity.responsible_person else "",
    ]
    return {
        "title": activity.title,
        "period": _period(activity),
        "status": activity.get_status_display(),
        "responsible": ", ".join(name for name in responsible if name),
        "participants": activity.planned_participants,
        "chain_activity": activity.node.title if activity.is_linked and activity.node else "",
        "description": activity.description,
        "what": activity.what,
        "who": activity.who,
        "how": activity.how,
    }


def _ways(ways: WaysOfWorking) -> dict[str, str] | None:
    if ways.pk is None:
        return None
    return {
        "channels": ways.channels,
        "operational_cadence": ways.get_operational_cadence_display(),
        "operational_participants": ways.operational_participants,
        "strategic_cadence": ways.get_strategic_cadence_display(),
        "strategic_participants": ways.strategic_participants,
        "conflict_process": ways.conflict_process,
        "decision_recording": ways.decision_recording,
    }


def _risk(risk: Risk) -> dict[str, Any]:
    return {
        "title": risk.title,
        "description": risk.description,
        "likelihood": risk.get_likelihood_display(),
        "consequence": risk.get_consequence_display(),
        "level": risk.level_label,
        "score": risk.likelihood * risk.consequence,
        "owner": str(risk.owner.organisation) if risk.owner else "",
        "mitigation": risk.mitigation,
    }


def plan_data(partnership: Partnership, options: dict[str, Any]) -> dict[str, Any]:
    """The collaboration plan's PDF: the activities, the RACI matrix, the ways of working and
    the risks (the most serious first)."""
    matrix = plan_selectors.raci_matrix(partnership)
    activities = list(plan_selectors.plan_activities(partnership))
    risks = sorted(
        (_risk(risk) for risk in plan_selectors.risks_of(partnership)),
        key=lambda risk: (-risk["score"], risk["title"]),
    )
    return {
        **header(partnership, matrix.parties),
        "activities": [_activity(activity) for activity in activities],
        "raci": {
            "parties": [str(party.organisation) for party in matrix.parties],
            "rows": [
                {
                    "activity": row.activity.title,
                    "roles": [cell.role for cell in row.cells],
                    "problems": [str(problem) for problem in row.problems],
                }
                for row in matrix.rows
            ],
            "idle": [str(column.party.organisation) for column in matrix.columns if column.idle],
        },
        "ways": _ways(plan_selectors.ways_of_working(partnership)),
        "risks": risks,
    }
