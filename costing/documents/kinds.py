"""The kinds of generated document, declared once: what each freezes, how it renders, where its
versions are listed and what its file is called. The views, the versions list, the renderer and
the download name read this table, so a kind of document is one entry, not a copy of views.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.urls import reverse
from django.utils.functional import Promise
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from partnerships.models import Partnership

from .attachment_data import plan_data, toc_data
from .memo_data import memo_data
from .models import GeneratedDocument

Kind = GeneratedDocument.Kind


def _memo(partnership: Partnership, options: dict[str, Any]) -> dict[str, Any]:
    return memo_data(partnership)


@dataclass(frozen=True)
class DocumentKind:
    kind: str
    # URL names are "costing:<slug>_generate", _versions, _download, _retry.
    slug: str
    # Where its routes live under the partnership's address.
    path: str
    template: str
    # The page that lists the versions (one `key` argument) and the section's id on it.
    page: str
    anchor: str
    file_stem: str
    data: Callable[[Partnership, dict[str, Any]], dict[str, Any]]
    # What the PDF calls itself in its masthead and running head.
    title: Promise
    heading: Promise
    # A fixed language (the memo goes to a Swedish committee), else the user's language.
    language: str = ""
    # The committee's decision is recorded on memo versions only.
    decisions: bool = False
    # Paper sizes offered when generating (the first is the default); empty: none to choose.
    paper_sizes: tuple[tuple[str, Promise], ...] = ()

    def url_name(self, action: str) -> str:
        return f"costing:{self.slug}_{action}"

    @property
    def generate_url(self) -> str:
        return self.url_name("generate")

    @property
    def versions_url(self) -> str:
        return self.url_name("versions")

    @property
    def download_url(self) -> str:
        return self.url_name("download")

    @property
    def retry_url(self) -> str:
        return self.url_name("retry")

    def page_url(self, partnership: Partnership) -> str:
        return reverse(self.page, kwargs={"key": partnership.key}) + f"#{self.anchor}"

    def reference(self, data: dict[str, Any]) -> str:
        """What tells versions of different matters apart in a file name: the memo's
        registration number, else the partnership's title."""
        if self.decisions:
            return slugify(data.get("memo", {}).get("registration_number", "")).upper()
        return slugify(data.get("partnership", {}).get("title", ""))[:60]


KINDS: dict[str, DocumentKind] = {
    spec.kind: spec
    for spec in (
        DocumentKind(
            kind=Kind.TJANSTEUTLATANDE,
            slug="memo",
            path="memo/",
            template="costing/memo_pdf.html",
            page="costing:memo",
            anchor="versions",
            file_stem="Tjansteutlatande",
            data=_memo,
            title=_("Decision memo"),
            heading=_("DECISION MEMO"),
            language="sv",
            decisions=True,
        ),
        DocumentKind(
            kind=Kind.THEORY_OF_CHANGE,
            slug="toc_pdf",
            path="documents/theory-of-change/",
            template="costing/toc_pdf.html",
            page="theory_of_change:page",
            anchor="pdf-versions",
            file_stem="Forandringsteori",
            data=toc_data,
            title=_("Theory of change"),
            heading=_("THEORY OF CHANGE"),
            paper_sizes=(("A4", _("A4 landscape")), ("A3", _("A3 landscape"))),
        ),
        DocumentKind(
            kind=Kind.COLLABORATION_PLAN,
            slug="plan_pdf",
            path="documents/collaboration-plan/",
            template="costing/plan_pdf.html",
            page="partnerships:plan",
            anchor="pdf-versions",
            file_stem="Samverkansplan",
            data=plan_data,
            title=_("Collaboration plan"),
            heading=_("COLLABORATION PLAN"),
        ),
    )
}
