"""The history of a partnership, and restoring from it."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from accounts.models import User
from config.forms import parse_int
from config.http import AuthedRequest

from ..access import get_partnership_for_user
from ..history import mark_restorable, partnership_history
from ..history_forms import HistoryFilterForm
from ..models import Membership
from ..restore import RecordNotFound, history_restore, is_restorable, restore_preview

PER_PAGE = 50


@login_required
@require_safe
def history(request: AuthedRequest, key: str) -> HttpResponse:
    access = get_partnership_for_user(request.user, key)
    partnership = access.partnership
    page = min(max(1, parse_int(request.GET.get("page", "1")) or 1), 200)
    # People who are or were members, from the membership history: one query.
    people = list(
        User.objects.filter(
            pk__in=Membership.history.filter(partnership_id=partnership.pk).values("user_id")
        ).order_by("name", "email")
    )
    form = HistoryFilterForm(request.GET or None, people=people)
    filters = form.filters() if form.is_bound else {}
    result = partnership_history(partnership, page=page, per_page=PER_PAGE, **filters)
    if access.can_edit:
        mark_restorable(result.entries, is_restorable)
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "partnerships/history.html",
        {
            "partnership": partnership,
            "access": access,
            "entries": result.entries,
            "page": page,
            "has_next": result.has_next,
            "form": form,
            "filtered": bool(filters and any(filters.values())),
            "query": query.urlencode(),
        },
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def history_restore_view(
    request: AuthedRequest, key: str, model: str, history_id: int
) -> HttpResponse:
    """Ask first, saying what will come back; restore on POST; refuse readably."""
    access = get_partnership_for_user(request.user, key, need="edit")
    partnership = access.partnership
    try:
        plan = restore_preview(partnership=partnership, model_label=model, history_id=history_id)
    except RecordNotFound as missing:
        raise Http404 from missing
    status = 200
    if request.method == "POST" and plan.possible:
        try:
            history_restore(
                partnership=partnership, model_label=model, history_id=history_id, user=request.user
            )
        except ValidationError as error:
            plan.refusal = " ".join(error.messages)
            status = 409
        else:
            if plan.kind == "deleted":
                message = _("“%(what)s” was restored.")
            else:
                message = _("The earlier version of “%(what)s” was restored.")
            messages.success(request, message % {"what": plan.what})
            return redirect("partnerships:history", key=partnership.key)
    elif request.method == "POST":
        status = 409
    return render(
        request,
        "partnerships/history_restore.html",
        {"partnership": partnership, "access": access, "plan": plan},
        status=status,
    )
