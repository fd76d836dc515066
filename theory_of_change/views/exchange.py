"""The diagram as a file, the export (spreadsheet, JSON) and the import of a chain."""

from __future__ import annotations

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from config.http import AuthedRequest
from partnerships.access import get_partnership_for_user
from partnerships.models import Partnership

from .. import selectors, services
from ..diagram import level_labels, render_svg
from ..export import chain_workbook
from ..forms import ImportForm
from ..serialise import chain_to_dict
from ..starting_points import STARTING_POINTS, starting_point
from .workspace import diagram_title, picture_rows


def _filename(partnership: Partnership, suffix: str) -> str:
    return f"{slugify(partnership.title)[:60] or 'samverkan'}-{suffix}"


def _attachment(response: HttpResponse, filename: str, *, inline: bool = False) -> HttpResponse:
    response["Content-Disposition"] = (
        f'{"inline" if inline else "attachment"}; filename="{filename}"'
    )
    return response


@login_required
@require_safe
def diagram(request: AuthedRequest, key: str) -> HttpResponse:
    access = get_partnership_for_user(request.user, key)
    partnership = access.partnership
    svg = render_svg(
        selectors.load_chain(partnership),
        title=diagram_title(partnership),
        id_prefix="toc",
        standalone=True,
    )
    response = HttpResponse(svg, content_type="image/svg+xml; charset=utf-8")
    return _attachment(response, _filename(partnership, "forandringsteori.svg"), inline=True)


@login_required
@require_safe
def export_json(request: AuthedRequest, key: str) -> HttpResponse:
    access = get_partnership_for_user(request.user, key)
    partnership = access.partnership
    data = chain_to_dict(selectors.load_chain(partnership), title=partnership.title)
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=2),
        content_type="application/json; charset=utf-8",
    )
    return _attachment(response, _filename(partnership, "forandringsteori.json"))


@login_required
@require_safe
def export_xlsx(request: AuthedRequest, key: str) -> HttpResponse:
    access = get_partnership_for_user(request.user, key)
    partnership = access.partnership
    content = chain_workbook(selectors.load_chain(partnership), title=partnership.title)
    response = HttpResponse(
        content, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    return _attachment(response, _filename(partnership, "forandringsteori.xlsx"))


def _imported_message(counts: dict[str, int]) -> str:
    return _(
        "Imported nodes: %(nodes)s, links: %(links)s, indicators: %(indicators)s. Empty fields "
        "of the shared picture filled: %(fields)s; nothing you had written was replaced."
    ) % {
        "nodes": counts["nodes"],
        "links": counts["links"],
        "indicators": counts["indicators"],
        "fields": counts["picture_fields"],
    }


@login_required
def import_chain(request: AuthedRequest, key: str) -> HttpResponse:
    access = get_partnership_for_user(request.user, key, need="edit")
    partnership = access.partnership
    form = ImportForm(request.POST if request.method == "POST" else None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            chain = services.parse_import(form.cleaned_data["file"].read())
            counts = services.chain_import(partnership=partnership, chain=chain)
        except ValidationError as error:
            for message in error.messages:
                form.add_error("file", message)
        else:
            messages.success(request, _imported_message(counts))
            return redirect("theory_of_change:page", key=partnership.key)
    return render(
        request,
        "theory_of_change/import.html",
        {
            "partnership": partnership,
            "access": access,
            "form": form,
            "has_chain": partnership.toc_nodes.exists(),
            "starting_points": STARTING_POINTS.values(),
        },
        status=400 if form.errors else 200,
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def template_preview(request: AuthedRequest, key: str, template: str) -> HttpResponse:
    """GET shows what a starting template contains; POST adds it to the partnership's chain."""
    access = get_partnership_for_user(request.user, key, need="edit")
    partnership = access.partnership
    point = starting_point(template)
    chain = point.chain()
    if request.method == "POST":
        counts = services.chain_import(partnership=partnership, chain=chain)
        messages.success(
            request,
            _(
                "“%(template)s” was added as a starting point. %(imported)s Adapt it to your partnership."
            )
            % {"template": point.title, "imported": _imported_message(counts)},
        )
        return redirect("theory_of_change:page", key=partnership.key)
    labels = level_labels()
    levels = [
        (labels[level], [node for node in chain.nodes if node.level == level])
        for level in sorted(labels)
    ]
    return render(
        request,
        "theory_of_change/template_preview.html",
        {
            "partnership": partnership,
            "access": access,
            "point": point,
            "picture": [(label, text) for label, text in picture_rows(chain.picture) if text],
            "levels": levels,
            "link_count": len(chain.links),
            "indicator_count": sum(len(node.indicators) for node in chain.nodes),
            "has_chain": partnership.toc_nodes.exists(),
        },
    )
