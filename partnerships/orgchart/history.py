"""The chart's records in the history.

A unit belongs to an organisation, shared by many partnerships: its changes are listed on the
organisation's chart page (authors named as on the organisation's own changes), not in one
partnership's history. Which documents a partnership uses is its own: registered here."""

from __future__ import annotations

from typing import Any


def register() -> None:
    from ..history import register_history
    from .models import SteeringDocumentUse

    register_history(SteeringDocumentUse, related=("document",), describe=_describe_use)


def _describe_use(record: Any) -> str:
    """The document's name; for a document deleted for good (the admin, not the pages, which
    remove softly), the name it last had: a rare extra query."""
    document = getattr(record, "document", None)
    if document is not None:
        return str(document)
    from ..models import SteeringDocument

    last = SteeringDocument.history.filter(id=record.document_id).order_by("-history_id").first()
    return last.title if last is not None else "—"
