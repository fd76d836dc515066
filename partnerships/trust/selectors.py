"""Reads of step 2's perspectives and organisational contexts, side by side.

Each page reads the active parties (one query, organisations joined) and the rows of those
parties (one query), whatever their number; everything else is computed from those rows.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..models import Partnership, Party
from ..selectors import partnership_parties
from . import matching
from .models import OrganisationalContext, PartyAnswers, Perspective
from .shape import Question


@dataclass
class Column:
    """One party's answers (empty texts when it has written none)."""

    party: Party
    record: PartyAnswers | None
    answers: dict[str, str]

    @property
    def unanswered(self) -> int:
        return sum(1 for text in self.answers.values() if not text)

    @property
    def name(self) -> str:
        return self.party.organisation.name


@dataclass
class Table:
    questions: tuple[Question, ...]
    columns: list[Column]
    rows: list[tuple[Question, list[str]]] = field(default_factory=list)

    @property
    def incomplete(self) -> list[Column]:
        """Parties with questions left, most unanswered first (then in the party order)."""
        return sorted(
            (column for column in self.columns if column.unanswered),
            key=lambda column: -column.unanswered,
        )


def side_by_side(
    partnership: Partnership, model: type[Perspective] | type[OrganisationalContext]
) -> Table:
    """The active parties' answers of `model`, a column per party and a row per question."""
    parties = list(partnership_parties(partnership))
    records: dict[Any, PartyAnswers] = {
        record.party_id: record
        for record in model._default_manager.filter(
            partnership=partnership, party__in=[party.pk for party in parties]
        )
    }
    questions = model.questions
    columns = []
    for party in parties:
        record = records.get(party.pk)
        answers = record.answers() if record else {q.field: "" for q in questions}
        columns.append(Column(party, record, answers))
    rows = [(q, [column.answers[q.field] for column in columns]) for q in questions]
    return Table(questions, columns, rows)


def party_answers(
    partnership: Partnership,
    party: Party,
    model: type[Perspective] | type[OrganisationalContext],
) -> PartyAnswers:
    """The party's row, or a new unsaved one (version 1, the empty start) to fill in."""
    record = model._default_manager.filter(partnership=partnership, party=party).first()
    return record if record is not None else model(partnership=partnership, party=party)


def needs_and_offers(table: Table) -> list[matching.Need]:
    return matching.match_needs(
        (column.party, column.answers["needs"], column.answers["brings"])
        for column in table.columns
    )


def said(table: Table, name: str) -> list[tuple[Column, str]]:
    """What each party answered to one question, for the parties that answered it."""
    return [(column, column.answers[name]) for column in table.columns if column.answers[name]]


@dataclass
class SharedWork:
    first: Column
    second: Column
    words: list[str]


def shared_work(table: Table) -> list[SharedWork]:
    """Pairs of parties whose descriptions of their current work share meaningful words: a
    hint of activities that may overlap, for the parties to look at together."""
    found = []
    columns = [column for column in table.columns if column.answers["current_work"]]
    for index, first in enumerate(columns):
        for second in columns[index + 1 :]:
            words = matching.shared_words(
                first.answers["current_work"], second.answers["current_work"]
            )
            if words:
                found.append(SharedWork(first, second, words))
    return found
