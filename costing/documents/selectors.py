"""Reads of the document pipeline and the memo draft, each in a fixed number of queries."""

from __future__ import annotations

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from partnerships.models import Partnership, Party

from .models import GeneratedDocument, MemoDraft

MEMO = GeneratedDocument.Kind.TJANSTEUTLATANDE


def _split_organisation(name: str) -> tuple[str, str]:
    """ "Eskilstuna kommun, Arbetsmarknadsförvaltningen" -> (the municipality, the unit)."""
    head, _sep, tail = name.partition(",")
    return head.strip(), tail.strip()


def default_committee(administration: str) -> str:
    """The committee usually named after the administration: -förvaltningen -> -nämnden."""
    for ending in ("förvaltningen", "förvaltning"):
        if administration.lower().endswith(ending):
            return administration[: -len(ending)] + "nämnden"
    return ""


def memo_for(partnership: Partnership) -> MemoDraft:
    """The partnership's memo draft, or an unsaved one prefilled from the records (saved on the
    first edit): the subject from the title, the administration and committee from the lead
    municipality party."""
    memo = MemoDraft.objects.filter(partnership=partnership).first()
    if memo is not None:
        memo.partnership = partnership
        return memo
    lead = (
        Party.objects.filter(partnership=partnership, part=Party.Part.LEAD_MUNICIPALITY)
        .select_related("organisation")
        .first()
    )
    administration = ""
    if lead is not None:
        municipality, unit = _split_organisation(lead.organisation.name)
        administration = unit or municipality
    return MemoDraft(
        partnership=partnership,
        subject=_("Continued collaboration: %(title)s") % {"title": partnership.title},
        administration=administration,
        committee=default_committee(administration),
        memo_date=timezone.localdate(),
    )


def documents_of(partnership: Partnership, kind: str = MEMO) -> QuerySet[GeneratedDocument]:
    """The versions of one kind of document, newest first, with their decision (one query)."""
    return (
        GeneratedDocument.objects.filter(partnership=partnership, kind=kind)
        .select_related("decision", "created_by")
        .defer("data")
        .order_by("-number")
    )


def document_by_number(
    partnership: Partnership, number: int, kind: str = MEMO
) -> GeneratedDocument | None:
    return GeneratedDocument.objects.filter(
        partnership=partnership, kind=kind, number=number
    ).first()
