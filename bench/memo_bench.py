"""The tjänsteutlåtande's PDF: what the task costs beside WeasyPrint alone, the enqueueing
request, and the worker's memory over many renders.

    DJANGO_SETTINGS_MODULE=config.settings.local DATABASE_URL=sqlite:////tmp/memo-bench.sqlite3 \
        MEDIA_ROOT=/tmp/memo-bench-media .venv/bin/python bench/memo_bench.py [--renders 100]

Migrates and seeds the demo into that database when it is empty, then measures in-process:

1. WeasyPrint alone on the demo memo's HTML, and on a one-page memo (medians of 5);
2. the whole task on a fresh version of the demo memo (claim, render, store, mark ready);
   target: at most 1.3 × WeasyPrint alone on the same HTML;
3. the "Generate PDF" request with the send to the broker left out (it goes after the
   commit): freezing the data and numbering the version; target ≤ 100 ms;
4. the process's resident memory before and after `--renders` renders (after ten to warm the
   caches); target: growth ≤ 10 %. In one process, so CELERY_WORKER_MAX_TASKS_PER_CHILD does not
   act here: bench/worker_memory_bench.py measures a real worker's children with it.

Click-to-ready with a real worker is measured by tests/costing/test_memo_worker.py's timing
(run it with REDIS_URL set); it is not repeated here.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path
from unittest import mock

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import reset_queries  # noqa: E402
from django.test import Client  # noqa: E402
from django.urls import reverse  # noqa: E402
from django.utils import translation  # noqa: E402

from costing.documents import services  # noqa: E402
from costing.documents.memo_data import memo_data  # noqa: E402
from costing.documents.models import GeneratedDocument  # noqa: E402
from costing.documents.render import document_html, html_to_pdf  # noqa: E402
from costing.tasks import render_document  # noqa: E402
from partnerships.demo import ESKILSTUNA  # noqa: E402
from partnerships.models import Partnership  # noqa: E402

MEMO = GeneratedDocument.Kind.TJANSTEUTLATANDE


def rss_kb() -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


def median_seconds(work: object, repeats: int = 5) -> float:
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        work()  # type: ignore[operator]
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--renders", type=int, default=100)
    args = parser.parse_args()
    call_command("migrate", verbosity=0)
    if not Partnership.objects.filter(title=ESKILSTUNA).exists():
        call_command("seed_demo", stdout=open(os.devnull, "w"))  # noqa: SIM115
    partnership = Partnership.objects.get(title=ESKILSTUNA)
    with translation.override("sv"):
        data = memo_data(partnership)
    # One page: the same memo with only its heading, summary and proposed decision.
    one_page = {
        **{key: type(value)() for key, value in data.items() if isinstance(value, (str, list))},
        "partnership": data["partnership"],
        "costs": None,
        "memo": {
            **{key: type(value)() for key, value in data["memo"].items()},
            "subject": data["memo"]["subject"],
            "summary": data["memo"]["summary"],
            "decision_points": data["memo"]["decision_points"],
        },
    }

    def version() -> GeneratedDocument:
        return services.document_generate(
            partnership=partnership, kind=MEMO, data=data, language="sv", created_by=None
        )

    html = document_html(MEMO, data, number=1, language="sv")
    one_html = document_html(MEMO, one_page, number=1, language="sv")
    html_to_pdf(html)  # fonts and caches warm, as in a running worker
    weasyprint_alone = median_seconds(lambda: html_to_pdf(html))
    one_page_alone = median_seconds(lambda: html_to_pdf(one_html))
    documents = [version() for _ in range(5)]
    task_times = []
    for document in documents:
        started = time.perf_counter()
        render_document.apply(args=(document.pk,))
        task_times.append(time.perf_counter() - started)
    whole_task = statistics.median(task_times)

    owner = partnership.memberships.filter(role="owner").select_related("user").first()
    client = Client(HTTP_HOST="localhost")
    client.force_login(owner.user)  # type: ignore[union-attr]
    url = reverse("costing:memo_generate", kwargs={"key": partnership.key})
    with mock.patch("costing.documents.views.tasks.enqueue_render"):
        assert client.post(url).status_code == 302
        enqueue = median_seconds(lambda: client.post(url), repeats=10)

    for _ in range(10):  # warm-up: the first renders fill WeasyPrint's and fontconfig's caches
        render_document.apply(args=(version().pk,))
    reset_queries()
    before = rss_kb()
    for _ in range(args.renders):
        document = version()
        render_document.apply(args=(document.pk,))
        reset_queries()  # DEBUG keeps every query of the process; a worker in production does not
    after = rss_kb()

    result = {
        "weasyprint_alone_s": round(weasyprint_alone, 3),
        "one_page_alone_s": round(one_page_alone, 3),
        "whole_task_s": round(whole_task, 3),
        "task_over_weasyprint": round(whole_task / weasyprint_alone, 2),
        "enqueue_request_ms": round(enqueue * 1000, 1),
        "renders": args.renders,
        "rss_before_kb": before,
        "rss_after_kb": after,
        "rss_growth_percent": round(100 * (after - before) / before, 1),
    }
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
