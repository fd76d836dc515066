"""Revisions of the theory of change: make one, read an earlier one, compare two."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from config.http import AuthedRequest
from partnerships.access import get_partnership_for_user

from .. import selectors, services
from ..chain import Chain
from ..compare import compare
from ..diagram import render_outline, render_svg
from ..forms import CompareForm, RevisionForm
from ..serialise import chain_from_snapshot
from .workspace import picture_rows

CURRENT = "current"


@login_required
@require_safe
def revision_list(request: AuthedRequest, key: str) -> HttpResponse:
    access = get_partnership_for_user(request.user, key)
    partnership = access.partnership
    revisions = list(selectors.revisions_of(partnership))
    return render(
        request,
        "theory_of_change/revision_list.html",
        {"partnership": partnership, "access": access, "revisions": revisions},
    )


@login_required
def revision_create(request: AuthedRequest, key: str) -> HttpResponse:
    access = get_partnership_for_user(request.user, key, need="edit")
    partnership = access.partnership
    form = RevisionForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        revision = services.revision_create(
            partnership=partnership, user=request.user, **form.cleaned_data
        )
        messages.success(
            request,
            _("Revision %(number)s was saved. It keeps the theory of change as it is today.")
            % {"number": revision.number},
        )
        return redirect(revision)
    return render(
        request,
        "theory_of_change/revision_form.html",
        {"partnership": partnership, "access": access, "form": form},
        status=400 if form.errors else 200,
    )


@login_required
@require_safe
def revision_detail(request: AuthedRequest, key: str, number: int) -> HttpResponse:
    access = get_partnership_for_user(request.user, key)
    partnership = access.partnership
    revision = selectors.revision_by_number(partnership, number)
    if revision is None:
        raise Http404
    chain = chain_from_snapshot(revision.snapshot)
    smart = chain.smart_results()
    nodes = sorted(chain.nodes, key=lambda n: (n.level, n.order, n.id))
    return render(
        request,
        "theory_of_change/revision_detail.html",
        {
            "partnership": partnership,
            "access": access,
            "revision": revision,
            "chain": chain,
            "picture_rows": picture_rows(chain.picture),
            "picture_documents": chain.document_titles(chain.picture_documents),
            "goals": [(node, smart[node.id]) for node in nodes if node.id in smart],
            "indicator_rows": [(node, item) for node in nodes for item in node.indicators],
            "svg": render_svg(
                chain,
                title=_("Theory of change of %(title)s, revision %(number)s")
                % {"title": partnership.title, "number": revision.number},
                id_prefix="revision-diagram",
            ),
            "outline": render_outline(chain),
        },
    )


@login_required
@require_safe
def revision_compare(request: AuthedRequest, key: str) -> HttpResponse:
    """Compare two revisions, or a revision with the theory of change as it is now."""
    access = get_partnership_for_user(request.user, key)
    partnership = access.partnership
    revisions = list(selectors.revisions_of(partnership))
    choices = [(CURRENT, _("Now (not yet a revision)"))] + [
        (
            str(revision.number),
            _("Revision %(number)s, %(date)s")
            % {"number": revision.number, "date": revision.revised_on},
        )
        for revision in revisions
    ]
    context = {
        "partnership": partnership,
        "access": access,
        "revisions": revisions,
        "comparison": None,
    }
    if not revisions:
        return render(request, "theory_of_change/revision_compare.html", {**context, "form": None})
    initial = {
        "a": str(revisions[1].number) if len(revisions) > 1 else str(revisions[0].number),
        "b": str(revisions[0].number) if len(revisions) > 1 else CURRENT,
    }
    form = CompareForm(
        request.GET if "a" in request.GET else None, choices=choices, initial=initial
    )
    chosen = form.cleaned_data if form.is_bound and form.is_valid() else initial
    status = 400 if form.is_bound and not form.is_valid() else 200

    def load(choice: str) -> tuple[Chain, str]:
        if choice == CURRENT:
            return selectors.load_chain(partnership), _("now")
        revision = selectors.revision_by_number(partnership, int(choice))
        if revision is None:
            raise Http404
        return chain_from_snapshot(revision.snapshot), _("revision %(number)s") % {
            "number": revision.number
        }

    old, old_label = load(chosen["a"])
    new, new_label = load(chosen["b"])
    return render(
        request,
        "theory_of_change/revision_compare.html",
        {
            **context,
            "form": form,
            "comparison": compare(old, new),
            "old_label": old_label,
            "new_label": new_label,
        },
        status=status,
    )


@login_required
def revision_restore(request: AuthedRequest, key: str, number: int) -> HttpResponse:
    """GET shows what a restore changes (counts now and in the revision); POST confirm=1 does
    it, after keeping the current state as a new revision."""
    access = get_partnership_for_user(request.user, key, need="edit")
    partnership = access.partnership
    revision = selectors.revision_by_number(partnership, number)
    if revision is None:
        raise Http404
    errors: list[str] = []
    if request.method == "POST" and request.POST.get("confirm") == "1":
        try:
            kept = services.revision_restore(
                partnership=partnership, revision=revision, user=request.user
            )
        except ValidationError as error:
            errors = error.messages
        else:
            messages.success(
                request,
                _(
                    "Revision %(number)s was restored. The theory of change as it was before is "
                    "kept as revision %(kept)s: restore that one to undo."
                )
                % {"number": revision.number, "kept": kept.number},
            )
            return redirect("theory_of_change:page", key=partnership.key)
    now = services.chain_counts(selectors.load_chain(partnership))
    then = services.chain_counts(chain_from_snapshot(revision.snapshot))
    rows = [
        (_("Nodes"), now["nodes"], then["nodes"]),
        (_("Links"), now["links"], then["links"]),
        (_("Indicators"), now["indicators"], then["indicators"]),
    ]
    return render(
        request,
        "theory_of_change/revision_restore.html",
        {
            "partnership": partnership,
            "access": access,
            "revision": revision,
            "rows": rows,
            "errors": errors,
        },
        status=400 if request.method == "POST" else 200,
    )
