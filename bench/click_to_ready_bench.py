"""Click-to-ready with a real worker: from the "Generate PDF" request to the version being
ready, through Redis and a `celery worker` subprocess, as a user waits for it.

    DJANGO_SETTINGS_MODULE=config.settings.local DATABASE_URL=sqlite:////tmp/click-bench.sqlite3 \
        MEDIA_ROOT=/tmp/click-bench-media REDIS_URL=redis://127.0.0.1:6379/0 \
        .venv/bin/python bench/click_to_ready_bench.py [--renders 20] [--kinds memo,toc_pdf,plan_pdf]

Migrates and seeds the demo into that database when it is empty, starts one worker
(`--pool=solo`, as the Docker image's worker runs one render at a time) on a queue of its own,
renders one warm-up version, then for each kind clicks "Generate PDF" `--renders` times, one
after the other (the next click when the previous version is ready, as one officer would), and
measures per click:

- click to ready: before the POST until the version's row says "ready" (polled every 10 ms);
- the request itself (freeze, number, enqueue after commit);
- the wait in the queue (created → claimed by the worker) and the render (claimed → ready).

Target: p95 of click to ready ≤ 3 s for the demo tjänsteutlåtande. Writes
bench/results/click-to-ready-<UTC timestamp>.json and prints it.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")
os.environ.setdefault("REDIS_URL", "redis://127.0.0.1:6379/0")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402
from django.urls import reverse  # noqa: E402

from config.celery import app as celery_app  # noqa: E402
from costing.documents.kinds import KINDS  # noqa: E402
from costing.documents.models import GeneratedDocument  # noqa: E402
from partnerships.demo import ESKILSTUNA  # noqa: E402
from partnerships.models import Partnership  # noqa: E402

Status = GeneratedDocument.Status
SLUGS = {spec.slug: spec for spec in KINDS.values()}
TIMEOUT = 120.0


def percentile(values: list[float], share: float) -> float:
    """Nearest-rank percentile (share 0.95: the value 95 % of the clicks were at or under)."""
    ordered = sorted(values)
    rank = max(1, round(share * len(ordered) + 0.499999))
    return ordered[min(rank, len(ordered)) - 1]


def wait_ready(partnership: Partnership, kind: str, number: int) -> GeneratedDocument:
    deadline = time.monotonic() + TIMEOUT
    while time.monotonic() < deadline:
        document = GeneratedDocument.objects.filter(
            partnership=partnership, kind=kind, number=number
        ).first()
        if document is not None and document.status in (Status.READY, Status.FAILED):
            return document
        time.sleep(0.01)
    raise TimeoutError(f"{kind} v{number} was not ready within {TIMEOUT} s")


def start_worker(queue: str, log_path: Path) -> subprocess.Popen[bytes]:
    command = [sys.executable, "-m", "celery", "-A", "config", "worker", "--pool=solo"]
    command += ["--queues", queue, "--hostname", f"{queue}@%h", "--loglevel=WARNING"]
    command += ["--without-gossip", "--without-mingle", "--without-heartbeat"]
    with log_path.open("w") as log:
        return subprocess.Popen(  # noqa: S603 (fixed argv)
            command, cwd=BASE_DIR, env=dict(os.environ), stdout=log, stderr=subprocess.STDOUT
        )


def click(client: Client, partnership: Partnership, slug: str) -> dict[str, float | int | str]:
    spec = SLUGS[slug]
    last = (
        GeneratedDocument.objects.filter(partnership=partnership, kind=spec.kind)
        .order_by("-number")
        .values_list("number", flat=True)
        .first()
    ) or 0
    url = reverse(spec.generate_url, kwargs={"key": partnership.key})
    started = time.perf_counter()
    response = client.post(url)
    requested = time.perf_counter()
    assert response.status_code == 302, response.status_code
    document = wait_ready(partnership, spec.kind, last + 1)
    ready = time.perf_counter()
    assert document.status == Status.READY, document.error
    assert document.started_at and document.rendered_at
    return {
        "click_to_ready_s": ready - started,
        "request_ms": (requested - started) * 1000,
        "queue_wait_s": (document.started_at - document.created_at).total_seconds(),
        "render_s": (document.rendered_at - document.started_at).total_seconds(),
        "attempts": document.attempts,
    }


def summary(rows: list[dict[str, float | int | str]]) -> dict[str, float | int]:
    def values(key: str) -> list[float]:
        return [float(row[key]) for row in rows]

    ready = values("click_to_ready_s")
    return {
        "clicks": len(rows),
        "click_to_ready_median_s": round(statistics.median(ready), 3),
        "click_to_ready_p95_s": round(percentile(ready, 0.95), 3),
        "click_to_ready_max_s": round(max(ready), 3),
        "request_median_ms": round(statistics.median(values("request_ms")), 1),
        "queue_wait_median_s": round(statistics.median(values("queue_wait_s")), 3),
        "render_median_s": round(statistics.median(values("render_s")), 3),
        "retried": sum(int(row["attempts"]) - 1 for row in rows),
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--renders", type=int, default=20)
    parser.add_argument("--kinds", default="memo")
    args = parser.parse_args()
    slugs = [slug.strip() for slug in args.kinds.split(",") if slug.strip()]
    assert settings.REDIS_URL and not celery_app.conf.task_always_eager, "set REDIS_URL"
    call_command("migrate", verbosity=0)
    if not Partnership.objects.filter(title=ESKILSTUNA).exists():
        # Seeding renders the demo memo: in-process, before the worker exists.
        celery_app.conf.task_always_eager = True
        call_command("seed_demo", stdout=open(os.devnull, "w"))  # noqa: SIM115
        celery_app.conf.task_always_eager = False
    partnership = Partnership.objects.get(title=ESKILSTUNA)
    owner = partnership.memberships.filter(role="owner").select_related("user").first()
    assert owner is not None
    client = Client(HTTP_HOST="localhost")
    client.force_login(owner.user)

    # A queue of its own, so that no other worker on the shared Redis takes these renders.
    queue = f"samverkan-bench-{os.getpid()}"
    celery_app.conf.task_default_queue = queue
    log_path = Path(f"/tmp/{queue}.log")
    worker = start_worker(queue, log_path)
    results: dict[str, object] = {
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
        "database": settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1],
        "worker": "celery --pool=solo, 1 process",
        "load_1min_before": round(os.getloadavg()[0], 2),
    }
    try:
        click(client, partnership, slugs[0])  # warm-up: the worker imports, fonts load
        for slug in slugs:
            rows = [click(client, partnership, slug) for _ in range(args.renders)]
            results[slug] = summary(rows)
            results[f"{slug}_clicks_s"] = [round(float(row["click_to_ready_s"]), 3) for row in rows]
    finally:
        worker.terminate()
        try:
            worker.wait(timeout=15)
        except subprocess.TimeoutExpired:
            worker.kill()
        import redis

        client_redis = redis.Redis.from_url(settings.REDIS_URL)
        leftovers = [queue, *client_redis.scan_iter(match=f"_kombu.binding*.{queue}")]
        client_redis.delete(*leftovers)
    results["load_1min_after"] = round(os.getloadavg()[0], 2)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    out = BASE_DIR / "bench" / "results" / f"click-to-ready-{stamp}.json"
    out.write_text(json.dumps(results, indent=2) + "\n")
    print(json.dumps(results, indent=2))
    print(f"written to {out.relative_to(BASE_DIR)}")


if __name__ == "__main__":
    main()
