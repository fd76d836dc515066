"""Reads of candidate partners: lists and the comparison, in a constant number of queries."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import QuerySet

from accounts.models import User

from ..access import organisations_visible_to
from ..models import Organisation, Partnership
from . import criteria as c
from .models import Assessment, Candidate


def candidates(partnership: Partnership, side: str = "") -> QuerySet[Candidate]:
    """The partnership's candidates (one query), public partners first, then by name."""
    rows = Candidate.objects.filter(partnership=partnership).select_related("organisation", "party")
    if side:
        rows = rows.filter(side=side)
    return rows.order_by("-side", "organisation__name")


def removed_candidates(partnership: Partnership) -> QuerySet[Candidate]:
    return (
        Candidate.all_objects.filter(partnership=partnership, removed_at__isnull=False)
        .select_related("organisation")
        .order_by("-removed_at")
    )


def organisations_to_pick(user: User, partnership: Partnership) -> QuerySet[Organisation]:
    """Organisations the user may see that are not a candidate in the partnership yet."""
    taken = Candidate.objects.filter(partnership=partnership).values("organisation")
    return organisations_visible_to(user).exclude(pk__in=taken).order_by("name")


@dataclass(frozen=True)
class ComparisonRow:
    """One criterion across the compared candidates: an assessment per candidate, or None
    where the criterion does not apply to the candidate's side."""

    criterion: c.Criterion
    cells: list[Assessment | None]


def comparison_rows(rows: list[Candidate]) -> list[ComparisonRow]:
    """Criteria as rows, candidates as columns; only the criteria that apply to at least one
    of the candidates (the first criterion depends on the side)."""
    sides = {candidate.side for candidate in rows}
    shown = [criterion for criterion in c.CRITERIA if criterion.side in ("", *sides)]
    return [
        ComparisonRow(
            criterion,
            [
                candidate.assessment_for(criterion) if criterion in candidate.criteria else None
                for candidate in rows
            ],
        )
        for criterion in shown
    ]
