"""A small breadth-first crawler over the site's own links, shared by the crawler and axe tests."""

from __future__ import annotations

from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urldefrag, urljoin, urlsplit

# Links whose GET is an action rather than a page, or leads outside the product.
SKIP_PREFIXES = ("/admin/", "/i18n/")


class _LinkParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.assets: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "a" and values.get("href"):
            self.links.append(values["href"] or "")
        elif tag in ("link", "script", "img") and (values.get("href") or values.get("src")):
            self.assets.append(values.get("href") or values.get("src") or "")


@dataclass
class Response:
    status: int
    content_type: str
    body: str
    location: str = ""


@dataclass
class CrawlResult:
    pages: dict[str, int] = field(default_factory=dict)  # url -> status, HTML pages reached
    problems: list[str] = field(default_factory=list)
    checked_assets: set[str] = field(default_factory=set)


def _internal(base: str, href: str) -> str | None:
    href = href.strip()
    if not href or href.startswith(("mailto:", "tel:", "javascript:", "#")):
        return None
    url = urldefrag(urljoin(base, href)).url
    parts = urlsplit(url)
    if parts.scheme not in ("", "http", "https") or (parts.netloc and parts.netloc != "testserver"):
        return None
    path = parts.path + (f"?{parts.query}" if parts.query else "")
    return path


def crawl(fetch: Callable[[str], Response], start: str, *, limit: int = 400) -> CrawlResult:
    """Follow every internal link from `start`; report 4xx/5xx on pages, links and assets."""
    result = CrawlResult()
    queue: deque[tuple[str, str]] = deque([(start, "(start)")])
    seen = {start}
    while queue and len(result.pages) < limit:
        url, referrer = queue.popleft()
        response = fetch(url)
        if response.status >= 400:
            result.problems.append(f"{url} -> {response.status} (linked from {referrer})")
            continue
        if 300 <= response.status < 400:
            target = _internal(url, response.location)
            if target and target not in seen and not target.startswith(SKIP_PREFIXES):
                seen.add(target)
                queue.append((target, url))
            continue
        if "text/html" not in response.content_type:
            continue
        result.pages[url] = response.status
        parser = _LinkParser()
        parser.feed(response.body)
        for asset in parser.assets:
            target = _internal(url, asset)
            if target and target not in result.checked_assets:
                result.checked_assets.add(target)
                asset_response = fetch(target)
                if asset_response.status >= 400:
                    result.problems.append(f"asset {target} -> {asset_response.status} (on {url})")
        for href in parser.links:
            target = _internal(url, href)
            if target and target not in seen and not target.startswith(SKIP_PREFIXES):
                seen.add(target)
                queue.append((target, url))
    return result


def client_fetcher(client: object) -> Callable[[str], Response]:
    """A fetch function over Django's test client (no redirects followed)."""

    def fetch(url: str) -> Response:
        response = client.get(url)  # type: ignore[attr-defined]
        body = ""
        content_type = response.get("Content-Type", "")
        if "text/html" in content_type:
            body = (
                response.content.decode("utf-8", "replace") if hasattr(response, "content") else ""
            )
        elif hasattr(response, "streaming_content"):
            b"".join(response.streaming_content)  # consume static file responses
        return Response(response.status_code, content_type, body, response.get("Location", ""))

    return fetch
