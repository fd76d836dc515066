"""allauth wiring: account emails speak as Samverkan, not as the host they were requested on."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings


@dataclass(frozen=True)
class ProductSite:
    """What allauth's email templates read as `current_site`.

    The sites framework is not installed, so allauth would fall back to the request's host
    ("Hej från 127.0.0.1:8000!"); the product's name and public address read better.
    """

    name: str
    domain: str
    url: str

    def __str__(self) -> str:
        return self.domain


def product_site() -> ProductSite:
    url = settings.SITE_URL.rstrip("/") + "/"
    return ProductSite(name="Samverkan", domain=urlsplit(url).netloc, url=url)


class AccountAdapter(DefaultAccountAdapter):
    def send_mail(self, template_prefix: str, email: str, context: dict[str, Any]) -> None:
        super().send_mail(template_prefix, email, {**context, "current_site": product_site()})
