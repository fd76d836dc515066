"""Writes of the document pipeline and the memo draft (the only place they are written).

Generating a version freezes the data and numbers it under a lock of the partnership row, so
two clicks at once get versions n and n+1; the view then hands the id to the Celery task
(`costing.tasks.enqueue_render`), which claims, renders and stores the file through
`document_store_pdf` below.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from partnerships.concurrency import create_validated, update_versioned
from partnerships.models import Partnership

from .models import (
    COMMITTEE_DECISION_FIELDS,
    MEMO_FIELDS,
    CommitteeDecision,
    GeneratedDocument,
    MemoDraft,
)

Status = GeneratedDocument.Status


def _only(fields: dict[str, Any], allowed: tuple[str, ...], what: str) -> dict[str, Any]:
    unknown = set(fields) - set(allowed)
    if unknown:
        raise TypeError(f"{what} cannot change {', '.join(sorted(unknown))}")
    return fields


# The memo draft ----------------------------------------------------------------------------


def memo_create(*, partnership: Partnership, **fields: Any) -> MemoDraft:
    """Save the partnership's first memo draft; a second one is refused (one per partnership)."""
    fields = _only(fields, MEMO_FIELDS, "memo_create")
    with transaction.atomic():
        Partnership.objects.select_for_update().filter(pk=partnership.pk).first()
        if MemoDraft.objects.filter(partnership=partnership).exists():
            raise ValidationError(
                _("Someone saved the draft at the same moment. Open it again to see their text.")
            )
        return create_validated(MemoDraft(partnership=partnership, **fields))


def memo_update(*, memo: MemoDraft, expected_version: int, **fields: Any) -> MemoDraft:
    """Change the draft, merged with what others saved since `expected_version`."""
    return update_versioned(
        memo, expected_version=expected_version, changes=_only(fields, MEMO_FIELDS, "memo_update")
    )


# Generated documents -----------------------------------------------------------------------


def document_generate(
    *,
    partnership: Partnership,
    kind: str,
    data: dict[str, Any],
    language: str,
    created_by: User | None,
) -> GeneratedDocument:
    """A new numbered version with `data` frozen in it, waiting to be rendered."""
    with transaction.atomic():
        Partnership.objects.select_for_update().filter(pk=partnership.pk).first()
        last = GeneratedDocument.objects.filter(partnership=partnership, kind=kind).aggregate(
            last=Max("number")
        )["last"]
        document = GeneratedDocument(
            partnership=partnership,
            kind=kind,
            number=(last or 0) + 1,
            data=data,
            language=language,
            created_by=created_by,
        )
        document.full_clean()
        document.save()
        return document


def document_retry(*, document: GeneratedDocument) -> bool:
    """Put a failed version back in the queue; False if it had not failed (nothing changes)."""
    return bool(
        GeneratedDocument.objects.filter(pk=document.pk, status=Status.FAILED).update(
            status=Status.QUEUED, error="", queue_error="", started_at=None
        )
    )


def document_store_pdf(*, document: GeneratedDocument, pdf: bytes) -> bool:
    """Save the rendered file through the storage API and mark the version ready, if it is
    still the one rendering it (a version swept back to the queue meanwhile is left alone and
    the file just written is deleted)."""
    name = f"{document.get_kind_display()}-v{document.number}.pdf"
    storage = GeneratedDocument._meta.get_field("file").storage
    stored = storage.save(
        GeneratedDocument.file.field.generate_filename(document, name), ContentFile(pdf)
    )
    marked = GeneratedDocument.objects.filter(
        pk=document.pk, status=Status.RENDERING, started_at=document.started_at
    ).update(status=Status.READY, file=stored, rendered_at=timezone.now(), error="")
    if not marked:
        storage.delete(stored)
    return bool(marked)


# The committee's decision ------------------------------------------------------------------


def decision_create(*, document: GeneratedDocument, **fields: Any) -> CommitteeDecision:
    """Record what the committee decided on a version (one decision per version)."""
    fields = _only(fields, COMMITTEE_DECISION_FIELDS, "decision_create")
    with transaction.atomic():
        GeneratedDocument.objects.select_for_update().filter(pk=document.pk).first()
        if CommitteeDecision.objects.filter(document=document).exists():
            raise ValidationError(
                _("Someone recorded the decision at the same moment. Open it again to see it.")
            )
        return create_validated(
            CommitteeDecision(partnership_id=document.partnership_id, document=document, **fields)
        )


def decision_update(
    *, decision: CommitteeDecision, expected_version: int, **fields: Any
) -> CommitteeDecision:
    return update_versioned(
        decision,
        expected_version=expected_version,
        changes=_only(fields, COMMITTEE_DECISION_FIELDS, "decision_update"),
    )
