"""Typed requests for views: django-htmx's details and, behind login_required, our user."""

from __future__ import annotations

from django.http import HttpRequest
from django_htmx.middleware import HtmxDetails

from accounts.models import User


class HtmxRequest(HttpRequest):
    htmx: HtmxDetails


class AuthedRequest(HtmxRequest):
    """A request behind `login_required`: the user is signed in."""

    user: User
