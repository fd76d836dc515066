"""HTML to PDF with WeasyPrint: the template of each kind of document, tagged PDF/UA-1."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation

from .kinds import KINDS
from .models import GeneratedDocument


def document_html(kind: str, data: dict[str, Any], *, number: int, language: str) -> str:
    """The document's HTML in its own language (whatever the worker's or the user's is)."""
    with translation.override(language):
        return render_to_string(
            KINDS[kind].template,
            {"data": data, "number": number, "language": language, "spec": KINDS[kind]},
        )


def html_to_pdf(html: str) -> bytes:
    """WeasyPrint, tagged (PDF/UA-1): the title and language come from <title> and <html lang>."""
    from weasyprint import HTML

    return HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf(pdf_variant="pdf/ua-1")


def render_pdf(document: GeneratedDocument) -> bytes:
    return html_to_pdf(
        document_html(
            document.kind, document.data, number=document.number, language=document.language
        )
    )
