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
    document = getattr(record, "document", None)
    return str(document) if document is not None else "—"
