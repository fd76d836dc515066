"""A real worker's memory over many renders of the demo tjänsteutlåtande, with
CELERY_WORKER_MAX_TASKS_PER_CHILD in place (config/settings/base.py).

    DJANGO_SETTINGS_MODULE=config.settings.local DATABASE_URL=sqlite:////tmp/worker-mem.sqlite3 \
        MEDIA_ROOT=/tmp/worker-mem-media REDIS_URL=redis://127.0.0.1:6379/0 \
        .venv/bin/python bench/worker_memory_bench.py [--renders 100]

bench/memo_bench.py measures memory inside one process calling the task directly, where
max-tasks-per-child cannot act. This starts the worker as docker-compose.yml runs it (the prefork
pool, which is the one that replaces its children; `--concurrency=1` so that one child takes
every task in order), on a queue of its own on the running Redis, queues `--renders` fresh
versions of the demo memo one after the other (the next when the previous is ready), and after
each reads the resident memory (VmRSS in /proc) of the child process that rendered it.

Per child process: its memory after its 10th render (warm: fonts and WeasyPrint's caches
filled, as bench/memo_bench.py warms up) against its last sample before it was replaced and
against its highest sample; target growth ≤ 10 %. Also after its 1st render, to show what the
warm-up itself takes. `--max-tasks-per-child 1000` runs every render in one child, for the
comparison without the setting.
Writes bench/results/worker-memory-<UTC timestamp>.json and prints it.
"""

from __future__ import annotations

import argparse
import json
import os
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
from django.utils import translation  # noqa: E402

from config.celery import app as celery_app  # noqa: E402
from costing.documents import services  # noqa: E402
from costing.documents.memo_data import memo_data  # noqa: E402
from costing.documents.models import GeneratedDocument  # noqa: E402
from costing.tasks import render_document  # noqa: E402
from partnerships.demo import ESKILSTUNA  # noqa: E402
from partnerships.models import Partnership  # noqa: E402

Status = GeneratedDocument.Status
MEMO = GeneratedDocument.Kind.TJANSTEUTLATANDE
TIMEOUT = 120.0
WARM_AFTER = 10


def rss_kb(pid: int) -> int | None:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except OSError:
        return None
    return None


def children(pid: int) -> list[int]:
    found: list[int] = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        text = (task / "children").read_text().split()
        found += [int(child) for child in text]
    return found


def start_worker(queue: str, log_path: Path, per_child: int) -> subprocess.Popen[bytes]:
    command = [sys.executable, "-m", "celery", "-A", "config", "worker", "--pool=prefork"]
    command += [f"--max-tasks-per-child={per_child}"]
    command += ["--concurrency=1", "--queues", queue, "--hostname", f"{queue}@%h"]
    command += ["--loglevel=INFO", "--without-gossip", "--without-mingle", "--without-heartbeat"]
    with log_path.open("w") as log:
        return subprocess.Popen(  # noqa: S603 (fixed argv)
            command, cwd=BASE_DIR, env=dict(os.environ), stdout=log, stderr=subprocess.STDOUT
        )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--renders", type=int, default=100)
    parser.add_argument(
        "--max-tasks-per-child",
        type=int,
        default=None,
        help="override the setting (e.g. 1000: one child for every render, as without it)",
    )
    args = parser.parse_args()
    assert settings.REDIS_URL and not celery_app.conf.task_always_eager, "set REDIS_URL"
    per_child = args.max_tasks_per_child or celery_app.conf.worker_max_tasks_per_child
    call_command("migrate", verbosity=0)
    if not Partnership.objects.filter(title=ESKILSTUNA).exists():
        celery_app.conf.task_always_eager = True
        call_command("seed_demo", stdout=open(os.devnull, "w"))  # noqa: SIM115
        celery_app.conf.task_always_eager = False
    partnership = Partnership.objects.get(title=ESKILSTUNA)
    with translation.override("sv"):
        data = memo_data(partnership)

    queue = f"samverkan-memory-bench-{os.getpid()}"
    celery_app.conf.task_default_queue = queue
    log_path = Path(f"/tmp/{queue}.log")
    worker = start_worker(queue, log_path, per_child)
    samples: list[dict[str, int | None]] = []
    load_before = round(os.getloadavg()[0], 2)
    try:
        for index in range(args.renders):
            document = services.document_generate(
                partnership=partnership, kind=MEMO, data=data, language="sv", created_by=None
            )
            render_document.delay(document.pk)
            deadline = time.monotonic() + TIMEOUT
            while True:
                document.refresh_from_db()
                if document.status in (Status.READY, Status.FAILED):
                    break
                if time.monotonic() > deadline or worker.poll() is not None:
                    raise TimeoutError(f"render {index + 1} not ready; see {log_path}")
                time.sleep(0.02)
            assert document.status == Status.READY, document.error
            # The child is read right after its task: the one that rendered it, unless it has
            # just been replaced (its last task), when the sample is skipped.
            time.sleep(0.05)
            pids = children(worker.pid)
            child = pids[0] if len(pids) == 1 else None
            samples.append(
                {"render": index + 1, "pid": child, "rss_kb": rss_kb(child) if child else None}
            )
    finally:
        worker.terminate()
        try:
            worker.wait(timeout=15)
        except subprocess.TimeoutExpired:
            worker.kill()
        import redis

        client = redis.Redis.from_url(settings.REDIS_URL)
        client.delete(queue, *client.scan_iter(match=f"_kombu.binding*.{queue}"))

    by_child: dict[int, list[int]] = {}
    for sample in samples:
        if sample["pid"] is not None and sample["rss_kb"] is not None:
            by_child.setdefault(int(sample["pid"]), []).append(int(sample["rss_kb"]))
    processes = []
    for pid, values in by_child.items():
        row: dict[str, object] = {"pid": pid, "samples": len(values), "rss_first_kb": values[0]}
        row["rss_last_kb"] = values[-1]
        row["growth_from_first_percent"] = round(100 * (values[-1] - values[0]) / values[0], 1)
        if len(values) > WARM_AFTER:
            warm = values[WARM_AFTER - 1]
            row["rss_after_10_kb"] = warm
            row["growth_warm_percent"] = round(100 * (values[-1] - warm) / warm, 1)
            # RSS moves up and down between renders: the highest sample after the warm-up too.
            peak = max(values[WARM_AFTER - 1 :])
            row["rss_peak_kb"] = peak
            row["growth_warm_to_peak_percent"] = round(100 * (peak - warm) / warm, 1)
        processes.append(row)
    results = {
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
        "what": "celery worker --pool=prefork --concurrency=1, demo tjänsteutlåtande",
        "database": settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1],
        "worker_max_tasks_per_child": per_child,
        "renders": args.renders,
        "load_1min_before": load_before,
        "load_1min_after": round(os.getloadavg()[0], 2),
        "children": processes,
        "samples": samples,
    }
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    out = BASE_DIR / "bench" / "results" / f"worker-memory-{stamp}.json"
    out.write_text(json.dumps(results, indent=2) + "\n")
    print(json.dumps({key: value for key, value in results.items() if key != "samples"}, indent=2))
    print(f"written to {out.relative_to(BASE_DIR)}")


if __name__ == "__main__":
    main()
