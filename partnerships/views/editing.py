"""The edit page every versioned record shares: show the form, save through a service."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from config.http import AuthedRequest

from ..concurrency import VersionedModelForm


def edit_page(
    request: AuthedRequest,
    form: VersionedModelForm,
    service: Callable[..., Any],
    *,
    template: str,
    context: dict[str, Any],
    success_url: Any,
    **service_kwargs: Any,
) -> HttpResponse:
    """GET shows `form`; a valid POST calls `service` through it (`form.submit`), so a conflict
    or a refused rule stays on the form with the user's input, and success redirects with
    "Saved.". Invalid input answers 400; a conflict 200 (nothing is wrong with the input)."""
    if request.method == "POST" and form.is_valid():
        if form.submit(service, **service_kwargs) is not None:
            messages.success(request, _("Saved."))
            return redirect(success_url)
    status = 400 if form.errors and not form.conflict else 200
    return render(request, template, {**context, "form": form}, status=status)
