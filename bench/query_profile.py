"""Queries per page on the bench data: count, time in the database and the slowest statements.

Times are medians of REPEATS requests; the slowest statements are those of the last request.

Runs inside Django against the bench database (DJANGO_SETTINGS_MODULE=bench.settings_bench),
signed in as the bench user, so it explains a latency result without a profiler.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings_bench")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402

from accounts.models import User  # noqa: E402
from partnerships.management.commands.bench_data import BENCH_EMAIL, BIG_TITLE  # noqa: E402
from partnerships.models import Partnership  # noqa: E402

REPEATS = 20


class Timed:
    """Records every statement with its time (perf_counter, finer than connection.queries)."""

    def __init__(self) -> None:
        self.queries: list[dict[str, object]] = []

    def __call__(self, execute, sql, params, many, context):  # type: ignore[no-untyped-def]
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            self.queries.append({"sql": sql, "ms": (time.perf_counter() - started) * 1000})


def profile() -> dict[str, dict[str, object]]:
    user = User.objects.get(email=BENCH_EMAIL)
    key = Partnership.objects.get(title=BIG_TITLE).key
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(user)
    pages = {
        "floor": "/accessibility/",
        "dashboard": "/partnerships/",
        "overview": f"/partnerships/p/{key}/",
        "members": f"/partnerships/p/{key}/members/",
        "history": f"/partnerships/p/{key}/history/",
    }
    results: dict[str, dict[str, object]] = {}
    for name, path in pages.items():
        client.get(path)  # warm: templates compiled, translations loaded
        wall: list[float] = []
        db: list[float] = []
        for _ in range(REPEATS):
            timed = Timed()
            started = time.perf_counter()
            with connection.execute_wrapper(timed):
                response = client.get(path)
            wall.append((time.perf_counter() - started) * 1000)
            db.append(sum(float(q["ms"]) for q in timed.queries))  # type: ignore[arg-type]
            assert response.status_code == 200, (path, response.status_code)
        queries = timed.queries
        slowest = sorted(queries, key=lambda q: float(q["ms"]), reverse=True)[:3]  # type: ignore[arg-type]
        results[name] = {
            "path": path,
            "queries": len(queries),
            "median_db_ms": round(statistics.median(db), 2),
            "median_wall_ms": round(statistics.median(wall), 2),
            "html_kb": round(len(response.content) / 1024, 1),
            "slowest": [
                {"ms": round(float(q["ms"]), 2), "sql": str(q["sql"])[:300]} for q in slowest
            ],  # type: ignore[arg-type]
        }
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, help="write the profile as JSON here")
    parser.add_argument("--sql", action="store_true", help="print the slowest statements")
    args = parser.parse_args()
    results = profile()
    print(
        f"{'page':10} {'queries':>7} {'db ms':>7} {'wall ms':>8} {'html kB':>8}  (in-process, median of {REPEATS})"
    )
    for name, row in results.items():
        print(
            f"{name:10} {row['queries']:>7} {row['median_db_ms']:>7} {row['median_wall_ms']:>8} {row['html_kb']:>8}"
        )
        if args.sql:
            for query in row["slowest"]:  # type: ignore[attr-defined]
                print(f"    {query['ms']:>6} ms  {query['sql']}")
    if args.out:
        args.out.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
