"""Writes on candidate partners: add, assess, talk, choose (which makes a party), decline,
remove and restore.

The assessment (`scores`) and the conversation answers (`answers`) are JSON fields merged key
by key, as the glossary's meanings are merged party by party: two people scoring different
criteria at once both keep their work; only the same criterion changed differently by both is
a conflict, shown side by side."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ..concurrency import create_validated, update_versioned
from ..history import RESTORED_REASON
from ..models import Organisation, Partnership, Party
from ..services import _only, party_add
from .models import CANDIDATE_FIELDS, Candidate, clean_answers, clean_scores

PUBLIC_KINDS = (Organisation.Kind.MUNICIPALITY, Organisation.Kind.REGION)


def default_side(organisation: Organisation) -> str:
    """A municipality or a region is a public partner; anyone else is on the side of the
    social entrepreneur (or other actor)."""
    return (
        Candidate.Side.PUBLIC if organisation.kind in PUBLIC_KINDS else Candidate.Side.ENTREPRENEUR
    )


def part_for(candidate: Candidate) -> str:
    """The part a chosen candidate plays as a party: the lead municipality for a municipality
    on the public side, the social entrepreneur for the entrepreneur's side, otherwise other."""
    if candidate.side == Candidate.Side.PUBLIC:
        if candidate.organisation.kind == Organisation.Kind.MUNICIPALITY:
            return Party.Part.LEAD_MUNICIPALITY
        return Party.Part.OTHER
    return Party.Part.SOCIAL_ENTREPRENEUR


def _lock(partnership_id: Any) -> None:
    """Lock the partnership row: "one active candidate per organisation" counts rows."""
    Partnership.objects.select_for_update().filter(pk=partnership_id).first()


def _already_candidate(
    partnership_id: Any, organisation: Organisation, exclude: Any = None
) -> None:
    if (
        Candidate.objects.filter(partnership_id=partnership_id, organisation=organisation)
        .exclude(pk=exclude)
        .exists()
    ):
        raise ValidationError(
            _("%(organisation)s is already a candidate in this partnership.")
            % {"organisation": organisation}
        )


def candidate_create(
    *,
    partnership: Partnership,
    organisation: Organisation,
    side: str = "",
    status: str = Candidate.Status.IDENTIFIED,
    notes: str = "",
) -> Candidate:
    """Add an organisation as a candidate; its side defaults from its kind."""
    if status == Candidate.Status.CHOSEN:
        raise ValidationError(
            _("A candidate is chosen with the Choose button, which makes it a party.")
        )
    with transaction.atomic():
        _lock(partnership.pk)
        _already_candidate(partnership.pk, organisation)
        return create_validated(
            Candidate(
                partnership=partnership,
                organisation=organisation,
                side=side or default_side(organisation),
                status=status,
                notes=notes.strip(),
            )
        )


def _history_record(candidate: Candidate, version: int) -> Any:
    return (
        Candidate.history.filter(id=candidate.pk, version=version)
        .order_by("-history_date", "-history_id")
        .first()
    )


def merge_keyed(base: dict[str, Any], theirs: dict[str, Any], yours: dict[str, Any]) -> Any:
    """Three mappings merged key by key: a key only one side changed takes that side's value;
    None when both changed one key differently (the field-level merge then shows a conflict)."""
    merged: dict[str, Any] = {}
    for key in sorted(set(base) | set(theirs) | set(yours)):
        start, them, you = base.get(key), theirs.get(key), yours.get(key)
        if you == start:
            value = them
        elif them in (start, you):
            value = you
        else:
            return None
        if value:
            merged[key] = value
    return merged


def candidate_update(*, candidate: Candidate, expected_version: int, **fields: Any) -> Candidate:
    """Change a candidate, merged with what others saved since `expected_version`; the
    assessment and the answers are merged criterion by criterion and question by question.
    A score without a justification is refused (ValidationError, nothing saved)."""
    changes = dict(_only(fields, CANDIDATE_FIELDS, "candidate_update"))
    if changes.get("status") == Candidate.Status.CHOSEN and candidate.party_id is None:
        raise ValidationError(
            _("A candidate is chosen with the Choose button, which makes it a party.")
        )
    cleaners: dict[str, Callable[[Any], dict[str, Any]]] = {
        "scores": clean_scores,
        "answers": clean_answers,
    }
    for name, clean in cleaners.items():
        if name in changes:
            try:
                changes[name] = clean(changes[name])
            except ValidationError as error:
                raise ValidationError(error.messages) from error
    with transaction.atomic():
        current = Candidate.all_objects.select_for_update().get(pk=candidate.pk)
        merged: dict[str, Any] = {}
        if current.version != expected_version:
            record = _history_record(candidate, expected_version)
            for name, clean in cleaners.items():
                if name not in changes or record is None:
                    continue
                result = merge_keyed(
                    clean(getattr(record, name) or {}),
                    clean(getattr(current, name) or {}),
                    changes[name],
                )
                if result is not None:
                    changes.pop(name)
                    merged[name] = result

        def with_merged(row: Candidate) -> None:
            for name, value in merged.items():
                setattr(row, name, value)
            row.full_clean()

        return update_versioned(
            candidate, expected_version=expected_version, changes=changes, validate=with_merged
        )


def _set_removed(pk: int, removed: bool) -> Candidate:
    with transaction.atomic():
        row = Candidate.all_objects.select_for_update().get(pk=pk)
        if (row.removed_at is not None) == removed:
            return row
        if not removed:
            _lock(row.partnership_id)
            _already_candidate(row.partnership_id, row.organisation, exclude=row.pk)
            row._change_reason = RESTORED_REASON  # type: ignore[attr-defined]
        row.removed_at = timezone.now() if removed else None
        row.version += 1
        row.save()
        return row


def candidate_remove(*, candidate: Candidate) -> Candidate:
    """Remove a candidate, softly: its assessment and answers come back with it. A party made
    from it stays a party (removing a party is done on the Parties page)."""
    return _set_removed(candidate.pk, removed=True)


def candidate_restore(*, candidate: Candidate) -> Candidate:
    """Bring a removed candidate back, unless the organisation is a candidate again."""
    return _set_removed(candidate.pk, removed=False)


def candidate_choose(*, candidate: Candidate) -> Candidate:
    """Choose the candidate: its organisation becomes a party (through `party_add`, which also
    brings back a party removed earlier), or, when it already is one, the candidate is linked
    to that party. Choosing twice changes nothing the second time."""
    with transaction.atomic():
        _lock(candidate.partnership_id)
        row = (
            Candidate.objects.select_for_update()
            .select_related("organisation")
            .get(pk=candidate.pk)
        )
        if row.is_chosen and Party.objects.filter(pk=row.party_id or 0).exists():
            return row  # chosen before, and still a party
        party = Party.objects.filter(
            partnership_id=row.partnership_id, organisation_id=row.organisation_id
        ).first()
        if party is None:
            party = party_add(
                partnership=row.partnership,
                organisation=row.organisation,
                part=part_for(row),
                contribution="",
            )
        row.party = party
        row.status = Candidate.Status.CHOSEN
        row.version += 1
        row.full_clean(validate_unique=False)
        row.save()
        return row


def candidate_decline(*, candidate: Candidate) -> Candidate:
    """Mark the candidate declined (not chosen this time); its assessment is kept."""
    with transaction.atomic():
        row = Candidate.objects.select_for_update().get(pk=candidate.pk)
        if row.status == Candidate.Status.DECLINED:
            return row
        if row.is_chosen and Party.objects.filter(pk=row.party_id or 0).exists():
            raise ValidationError(
                _(
                    "%(organisation)s was chosen and is a party. Remove the party on the "
                    "Parties page first if it should not take part."
                )
                % {"organisation": row.organisation}
            )
        row.status = Candidate.Status.DECLINED
        row.version += 1
        row.save()
        return row
