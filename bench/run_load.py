"""Load benchmark: 20 concurrent signed-in users against a local gunicorn, three pages.

Signs in once as the bench user, then sends a fixed, shuffled list of requests for the floor
page (the layout only), the dashboard and the overview of the 30-member partnership from
`--users` threads, and reports median and p95 latency per page and each page's median as a
multiple of the floor's. Traffic goes to 127.0.0.1 only; every request has a timeout.

When gunicorn writes an access log with the request time and the X-Bench header
(see run.sh), the server-side time per page is reported too: under saturation the client
sees mostly queueing, which is the same for every page and squeezes the ratios towards 1.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import platform
import random
import re
import statistics
import sys
import threading
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from html import unescape
from pathlib import Path
from urllib.parse import urlencode

HOST = "127.0.0.1"
BENCH_EMAIL = "bench@bench.example"
BIG_TITLE = "Bench stor samverkan med 30 medlemmar"  # bench_data.BIG_TITLE
TARGET_RATIO = 2.0


@dataclass
class Session:
    port: int
    timeout: float
    cookies: dict[str, str] = field(default_factory=dict)

    def request(
        self, method: str, path: str, body: str | None = None, headers: dict[str, str] | None = None
    ) -> tuple[int, dict[str, str], str]:
        """One request on a fresh connection (gunicorn's sync workers close after each)."""
        connection = http.client.HTTPConnection(HOST, self.port, timeout=self.timeout)
        try:
            all_headers = {"Host": f"{HOST}:{self.port}", **(headers or {})}
            if self.cookies:
                all_headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
            connection.request(method, path, body=body, headers=all_headers)
            response = connection.getresponse()
            text = response.read().decode("utf-8", "replace")
            for name, value in response.getheaders():
                if name.lower() == "set-cookie":
                    cookie_name, _, rest = value.partition("=")
                    self.cookies[cookie_name.strip()] = rest.split(";", 1)[0]
            return response.status, {k.lower(): v for k, v in response.getheaders()}, text
        finally:
            connection.close()


def sign_in(session: Session, password: str) -> None:
    """POST the allauth login form with its CSRF token, as a browser would."""
    status, _headers, html = session.request("GET", "/accounts/login/")
    match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
    if status != 200 or match is None:
        sys.exit(f"Login page did not load (status {status}).")
    body = urlencode(
        {"csrfmiddlewaretoken": match.group(1), "login": BENCH_EMAIL, "password": password}
    )
    status, headers, _html = session.request(
        "POST",
        "/accounts/login/",
        body=body,
        headers={
            "Content-Type": "application/x-www-form-urlencoded",
            "Referer": f"http://{HOST}:{session.port}/accounts/login/",
        },
    )
    if status != 302 or "sessionid" not in session.cookies:
        sys.exit(f"Sign-in as {BENCH_EMAIL} failed (status {status}); run bench_data first.")


def find_big_partnership(session: Session) -> str:
    status, _headers, html = session.request("GET", "/partnerships/")
    match = re.search(r'href="/partnerships/p/([^/"]+)/">' + re.escape(BIG_TITLE), unescape(html))
    if status != 200 or match is None:
        sys.exit("The 30-member bench partnership is not on the bench user's dashboard.")
    return match.group(1)


@dataclass
class Page:
    name: str
    path: str
    marker: str  # text the page shows only when it rendered for the signed-in bench user


def check_pages(session: Session, pages: list[Page]) -> None:
    for page in pages:
        status, _headers, html = session.request("GET", page.path)
        if status != 200 or page.marker not in unescape(html) or BENCH_EMAIL not in html:
            sys.exit(
                f"{page.name} ({page.path}) did not render for the bench user (status {status})."
            )


def percentile(values: list[float], fraction: float) -> float:
    """Nearest-rank percentile."""
    ordered = sorted(values)
    rank = max(1, round(fraction * len(ordered) + 0.5))
    return ordered[min(rank, len(ordered)) - 1]


def run(
    session: Session, pages: list[Page], *, users: int, per_page: int, phase: str, seed: int
) -> dict[str, list[float]]:
    """Send per_page requests to every page from `users` threads; latencies in ms per page."""
    jobs = [page for page in pages for _ in range(per_page)]
    random.Random(seed).shuffle(jobs)  # interleaved, so every page sees the same load
    lock = threading.Lock()
    latencies: dict[str, list[float]] = {page.name: [] for page in pages}
    errors: list[str] = []

    def worker() -> None:
        own = Session(session.port, session.timeout, dict(session.cookies))
        while True:
            with lock:
                if not jobs:
                    return
                page = jobs.pop()
            started = time.perf_counter()
            try:
                status, _headers, _html = own.request(
                    "GET", page.path, headers={"X-Bench": f"{phase}-{page.name}"}
                )
            except OSError as error:
                with lock:
                    errors.append(f"{page.name}: {error}")
                continue
            elapsed = (time.perf_counter() - started) * 1000
            with lock:
                if status == 200:
                    latencies[page.name].append(elapsed)
                else:
                    errors.append(f"{page.name}: HTTP {status}")

    threads = [threading.Thread(target=worker, daemon=True) for _ in range(users)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if errors:
        sys.exit(f"{len(errors)} requests failed in the {phase} phase, e.g. {errors[:3]}")
    return latencies


def summarise(latencies: dict[str, list[float]], floor: str) -> dict[str, dict[str, float]]:
    floor_median = statistics.median(latencies[floor])
    summary = {}
    for name, values in latencies.items():
        median = statistics.median(values)
        summary[name] = {
            "requests": len(values),
            "median_ms": round(median, 2),
            "p95_ms": round(percentile(values, 0.95), 2),
            "mean_ms": round(statistics.fmean(values), 2),
            "max_ms": round(max(values), 2),
            "ratio_to_floor": round(median / floor_median, 2),
        }
    return summary


def server_times(
    access_log: Path, phase: str
) -> tuple[dict[str, list[float]], dict[str, list[float]]]:
    """Wall and CPU time (ms) per page from gunicorn's log.

    Each line is '<path> <status> <wall µs> <x-bench> <cpu µs>' (run.sh's --access-logformat).
    """
    wall: dict[str, list[float]] = {}
    cpu: dict[str, list[float]] = {}
    for line in access_log.read_text().splitlines():
        parts = line.split()
        if len(parts) >= 4 and parts[3].startswith(f"{phase}-") and parts[1] == "200":
            page = parts[3].removeprefix(f"{phase}-")
            wall.setdefault(page, []).append(int(parts[2]) / 1000)
            if len(parts) == 5 and parts[4].isdigit():
                cpu.setdefault(page, []).append(int(parts[4]) / 1000)
    return wall, cpu


def machine() -> dict[str, str | int | None]:
    cpu = ""
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        found = re.search(r"model name\s*:\s*(.+)", cpuinfo.read_text())
        cpu = found.group(1).strip() if found else ""
    return {
        "cores": os.cpu_count(),
        "cpu": cpu,
        "system": f"{platform.system()} {platform.release()}",
        "python": platform.python_version(),
        # Other work shares the two cores: how busy the machine was (after includes this run).
        "load_average_1m_after": round(os.getloadavg()[0], 2),
    }


def print_table(title: str, summary: dict[str, dict[str, float]]) -> None:
    print(f"\n{title}")
    print(
        f"{'page':12} {'n':>5} {'median ms':>10} {'p95 ms':>9} {'× floor':>8}  target ≤ {TARGET_RATIO}×"
    )
    for name, row in summary.items():
        verdict = (
            "floor"
            if name == "floor"
            else ("met" if row["ratio_to_floor"] <= TARGET_RATIO else "MISSED")
        )
        print(
            f"{name:12} {row['requests']:>5} {row['median_ms']:>10.1f} {row['p95_ms']:>9.1f} "
            f"{row['ratio_to_floor']:>8.2f}  {verdict}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=8001)
    parser.add_argument("--users", type=int, default=20, help="concurrent users (threads)")
    parser.add_argument("--requests-per-page", type=int, default=500)
    parser.add_argument("--warmup-per-page", type=int, default=40)
    parser.add_argument("--timeout", type=float, default=30.0, help="seconds per request")
    parser.add_argument("--password", default=os.environ.get("DEMO_PASSWORD", "samverkan-demo"))
    parser.add_argument("--access-log", type=Path, help="gunicorn access log for server-side times")
    parser.add_argument(
        "--queries", type=Path, help="query_profile.py's JSON, to keep with the results"
    )
    parser.add_argument("--server", default="", help="how the server ran, for the results file")
    parser.add_argument("--out", type=Path, help="write the results as JSON here")
    args = parser.parse_args()

    load_before = round(os.getloadavg()[0], 2)
    session = Session(args.port, args.timeout)
    sign_in(session, args.password)
    key = find_big_partnership(session)
    pages = [
        Page("floor", "/accessibility/", "WCAG 2.1"),
        Page("dashboard", "/partnerships/", BIG_TITLE),
        Page("overview", f"/partnerships/p/{key}/", BIG_TITLE),
    ]
    check_pages(session, pages)
    # Warm-up: every worker process imports, compiles templates and loads translations once.
    run(session, pages, users=args.users, per_page=args.warmup_per_page, phase="warmup", seed=1)
    started = time.perf_counter()
    latencies = run(
        session, pages, users=args.users, per_page=args.requests_per_page, phase="measure", seed=2
    )
    duration = time.perf_counter() - started

    total = sum(len(values) for values in latencies.values())
    client = summarise(latencies, "floor")
    print(
        f"{total} requests from {args.users} concurrent users in {duration:.1f} s ({total / duration:.0f} req/s)"
    )
    print_table("Client-side latency (includes waiting for a free worker)", client)
    results: dict[str, object] = {
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": {**machine(), "load_average_1m_before": load_before},
        "server": args.server,
        "command": os.environ.get("BENCH_INVOKED", ""),
        "load_generator": " ".join([Path(sys.argv[0]).as_posix(), *sys.argv[1:]]),
        "concurrent_users": args.users,
        "requests_per_page": args.requests_per_page,
        "duration_s": round(duration, 2),
        "throughput_rps": round(total / duration, 1),
        "pages": {page.name: page.path for page in pages},
        "target_ratio": TARGET_RATIO,
        "client": client,
    }
    if args.access_log and args.access_log.exists():
        time.sleep(1)  # a worker writes its log line just after the client has the response
        wall, cpu = server_times(args.access_log, "measure")
        names = {page.name for page in pages}
        if set(wall) == names:
            server = summarise({page.name: wall[page.name] for page in pages}, "floor")
            print_table("Server-side time in the gunicorn worker (no queueing)", server)
            results["server_side"] = server
        if set(cpu) == names:
            cpu_summary = summarise({page.name: cpu[page.name] for page in pages}, "floor")
            print_table("CPU time of the worker per request (steady under other load)", cpu_summary)
            results["server_cpu"] = cpu_summary
    if args.queries and args.queries.exists():
        results["queries_per_page"] = json.loads(args.queries.read_text())
    results["targets_met"] = all(
        row["ratio_to_floor"] <= TARGET_RATIO
        for table in ("client", "server_side")
        for row in results.get(table, {}).values()  # type: ignore[union-attr]
    )
    print(
        f"\nTargets (every page ≤ {TARGET_RATIO}× the floor's median): {'met' if results['targets_met'] else 'MISSED'}"
    )
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n")
        print(f"Results written to {args.out}")


if __name__ == "__main__":
    main()
