"""The municipality's portfolio: partnerships whose external money ends within six months
without a decided tjänsteutlåtande. Only the user's own partnerships are ever listed."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.views.decorators.http import require_safe

from config.http import AuthedRequest
from partnerships.models import Municipality

from ..decision import portfolio as selectors
from ..decision.forms import PortfolioDateForm


def _page(request: AuthedRequest, municipality: Municipality | None) -> HttpResponse:
    form = PortfolioDateForm(request.GET or None)
    today = timezone.localdate()
    on = today
    if request.GET and form.is_valid() and form.cleaned_data.get("on"):
        on = form.cleaned_data["on"]
    return render(
        request,
        "costing/portfolio.html",
        {
            "rows": selectors.portfolio(request.user, municipality, on),
            "municipality": municipality,
            "municipalities": selectors.municipalities_of(request.user),
            "form": form,
            "on": on,
            "is_today": on == today,
            "until": selectors.window_end(on),
            "months": selectors.WINDOW_MONTHS,
        },
    )


@login_required
@require_safe
def portfolio(request: AuthedRequest) -> HttpResponse:
    return _page(request, None)


@login_required
@require_safe
def portfolio_municipality(request: AuthedRequest, code: str) -> HttpResponse:
    """One municipality's part of the user's portfolio (the register of municipalities is
    public, so an unknown code is 404 and any known one answers, with the user's rows only)."""
    return _page(request, get_object_or_404(Municipality, code=code))
