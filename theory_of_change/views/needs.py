"""The needs of the target group: a list in the shared picture that goals pick from."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods

from config.http import AuthedRequest
from partnerships.access import Access, get_partnership_for_user

from .. import selectors, services
from ..forms import NeedForm
from ..models import TargetGroupNeed


def _page(access: Access) -> str:
    return reverse("theory_of_change:page", kwargs={"key": access.partnership.key}) + "#needs"


def _form_page(
    request: AuthedRequest, access: Access, form: NeedForm, heading: str
) -> HttpResponse:
    return render(
        request,
        "theory_of_change/need_form.html",
        {
            "partnership": access.partnership,
            "access": access,
            "form": form,
            "heading": heading,
            "page_url": _page(access),
        },
        status=400 if request.method == "POST" and form.errors and not form.conflict else 200,
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def need_add(request: AuthedRequest, key: str) -> HttpResponse:
    access = get_partnership_for_user(request.user, key, need="edit")
    form = NeedForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        need = services.need_create(partnership=access.partnership, **form.field_values())
        messages.success(request, _("The need “%(need)s” was added.") % {"need": need.need})
        return redirect(_page(access))
    return _form_page(request, access, form, _("Add a need of the target group"))


def _need(access: Access, pk: int) -> TargetGroupNeed:
    return get_object_or_404(selectors.needs_of(access.partnership), pk=pk)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def need_edit(request: AuthedRequest, key: str, pk: int) -> HttpResponse:
    access = get_partnership_for_user(request.user, key, need="edit")
    need = _need(access, pk)
    form = NeedForm(request.POST if request.method == "POST" else None, instance=need)
    if (
        request.method == "POST"
        and form.is_valid()
        and form.submit(services.need_update, target_group_need=need) is not None
    ):
        messages.success(request, _("The need “%(need)s” was saved.") % {"need": need.need})
        return redirect(_page(access))
    return _form_page(request, access, form, _("Edit a need of the target group"))


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def need_delete(request: AuthedRequest, key: str, pk: int) -> HttpResponse:
    """GET (or a POST without `confirm`) says which goals lose the need; POST confirm=1 deletes."""
    access = get_partnership_for_user(request.user, key, need="edit")
    need = _need(access, pk)
    goals = list(need.nodes.order_by("level", "order", "id").values_list("title", flat=True))
    if request.method != "POST" or request.POST.get("confirm") != "1":
        return render(
            request,
            "theory_of_change/need_delete.html",
            {
                "partnership": access.partnership,
                "access": access,
                "need": need,
                "goals": goals,
                "page_url": _page(access),
            },
            status=400 if request.method == "POST" else 200,
        )
    services.need_delete(target_group_need=need)
    messages.success(
        request,
        ngettext(
            "The need “%(need)s” was deleted; %(count)d goal no longer answers it. You can bring "
            "it back from the history page.",
            "The need “%(need)s” was deleted; %(count)d goals no longer answer it. You can bring "
            "it back from the history page.",
            len(goals),
        )
        % {"need": need.need, "count": len(goals)},
    )
    return redirect(_page(access))
