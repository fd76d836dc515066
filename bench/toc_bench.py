"""Step 3 benchmark: the theory-of-change page and its diagram for a chain of 60 nodes.

Measures, against PostgreSQL with production settings (bench/settings_bench.py):
  - queries of the theory-of-change page for chains of 5, 20 and 60 nodes (must not grow);
  - diagram generation: reading the chain and laying out the SVG, median of repeats;
  - in-process time of the page, the diagram file and the floor page (/accessibility/);
  - with --load: 20 concurrent users against gunicorn over the floor page, the page and the
    diagram, reported like bench/run_load.py (client, server-side and CPU time, × floor).
The data lives in its own database (samverkan_bench_toc, created and migrated when missing), so
it never disturbs bench/run.sh's database.

Usage: .venv/bin/python bench/toc_bench.py [--load] [--users 20] [--requests-per-page 200]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DATABASE = "samverkan_bench_toc"
os.environ.setdefault("DATABASE_URL", f"postgres://postgres@127.0.0.1:5432/{DATABASE}")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings_bench")


def ensure_database() -> None:
    """Create the bench database if it is missing (before Django connects to it)."""
    import psycopg2

    connection = psycopg2.connect(host="127.0.0.1", user="postgres", dbname="postgres")
    connection.autocommit = True
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [DATABASE])
        if cursor.fetchone() is None:
            cursor.execute(f'CREATE DATABASE "{DATABASE}"')
    connection.close()


if os.environ["DATABASE_URL"].endswith(f"/{DATABASE}"):
    ensure_database()

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.cache import cache  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.urls import reverse  # noqa: E402

from accounts.models import User  # noqa: E402
from partnerships.models import (  # noqa: E402
    Membership,
    Municipality,
    Organisation,
    Partnership,
    Party,
    Role,
    SteeringDocument,
    SteeringDocumentUse,
)
from theory_of_change.diagram import render_svg  # noqa: E402
from theory_of_change.models import (  # noqa: E402
    Indicator,
    Level,
    Link,
    Node,
    TargetGroupNeed,
    TheoryOfChange,
)
from theory_of_change.selectors import load_chain  # noqa: E402

EMAIL = "toc-bench@bench.example"
TITLE = "Bench förändringsteori"
SIZES = (5, 20, 60)
INDICATORS = {5: 3, 20: 13, 60: 40}
# Nodes per level for the 60-node chain; smaller chains take the same shares.
SHARES = {
    Level.ACTIVITY: 12,
    Level.OUTPUT: 12,
    Level.SHORT_TERM: 12,
    Level.MEDIUM_TERM: 10,
    Level.LONG_TERM: 8,
    Level.IMPACT: 6,
}
REPEATS = 30
PORT = 8002


def build_chain(
    partnership: Partnership, size: int, party: Party, document: SteeringDocument
) -> None:
    """A layered chain of `size` nodes: each node leads to one or two in the next levels."""
    levels: list[int] = []
    for level, share in SHARES.items():
        levels += [level] * max(1, round(share * size / 60))
    levels = sorted(levels[:size] + [Level.IMPACT] * max(0, size - len(levels)))
    nodes = []
    for index, level in enumerate(levels):
        outcome = level in (Level.SHORT_TERM, Level.MEDIUM_TERM, Level.LONG_TERM)
        nodes.append(
            Node(
                partnership=partnership,
                level=level,
                order=index,
                title=f"Steg {index + 1}: unga i området får stöd att närma sig arbete",
                description="Beskrivning av vad som görs och för vem, i ett par meningar.",
                goal_statement="Deltagarna har fått arbetslivserfarenhet." if outcome else "",
                addresses_target_group=outcome,
                achievability="Metoden har fungerat för tidigare grupper." if index % 2 else "",
            )
        )
    Node.objects.bulk_create(nodes)
    by_level: dict[int, list[Node]] = {}
    for node in nodes:
        by_level.setdefault(node.level, []).append(node)
    links = []
    for node in nodes:
        later = [level for level in by_level if level > node.level]
        if not later:
            continue
        targets = by_level[later[0]]
        position = by_level[node.level].index(node)
        chosen = {targets[position % len(targets)], targets[(position + 1) % len(targets)]}
        if len(later) > 1 and position % 3 == 0:
            chosen.add(by_level[later[1]][0])  # some links skip a level
        links += [
            Link(partnership=partnership, source=node, target=target, assumptions="Ett antagande.")
            for target in chosen
        ]
    Link.objects.bulk_create(links)
    outcomes = [node for node in nodes if node.goal_statement]
    indicators = [
        Indicator(
            partnership=partnership,
            node=outcomes[index % len(outcomes)],
            name=f"Andel deltagare i arbete eller studier {index + 1}",
            unit="%",
            baseline_value=Decimal("0"),
            baseline_date=date(2024, 1, 1),
            target_value=Decimal("40"),
            target_date=date(2025, 6, 30) if index % 3 else None,
            data_source="Uppföljning",
            frequency=Indicator.Frequency.QUARTERLY,
            responsible_party=party,
        )
        for index in range(INDICATORS[size])
    ]
    Indicator.objects.bulk_create(indicators)
    need = TargetGroupNeed.objects.create(partnership=partnership, need="Arbetslivserfarenhet")
    for node in outcomes:
        node.needs.add(need)
    for node in outcomes[::3]:
        node.steering_documents.add(document)


def prepare() -> tuple[User, dict[int, Partnership]]:
    """The bench user and one partnership per chain size, made afresh every run."""
    call_command("migrate", verbosity=0)
    user = User.objects.filter(email=EMAIL).first()
    if user is None:
        user = User.objects.create_user(
            EMAIL, settings.DEMO_PASSWORD, name="Bench Förändringsteori"
        )
        from allauth.account.models import EmailAddress

        EmailAddress.objects.create(user=user, email=EMAIL, verified=True, primary=True)
    Partnership.objects.filter(title__startswith=TITLE).delete()
    organisation, _created = Organisation.objects.get_or_create(
        name="Bench socialt företag", defaults={"kind": Organisation.Kind.SOCIAL_ENTREPRENEUR}
    )
    partnerships = {}
    for size in SIZES:
        partnership = Partnership.objects.create(
            title=f"{TITLE} {size} noder",
            challenge="Unga som varken arbetar eller studerar.",
            municipality=Municipality.objects.filter(code="0484").first(),
        )
        Membership.objects.create(user=user, partnership=partnership, role=Role.OWNER)
        party = Party.objects.create(
            partnership=partnership, organisation=organisation, part=Party.Part.SOCIAL_ENTREPRENEUR
        )
        document = SteeringDocument.objects.create(
            partnership=partnership, title="Kommunens budget", kind=SteeringDocument.Kind.BUDGET
        )
        SteeringDocumentUse.objects.create(partnership=partnership, document=document)
        toc = TheoryOfChange.objects.create(
            partnership=partnership,
            problem_statement="Många unga står utanför arbete och studier.",
            target_group="Unga 16–24 år",
        )
        toc.steering_documents.add(document)
        build_chain(partnership, size, party, document)
        partnerships[size] = partnership
    return user, partnerships


def median_ms(function: Any, repeats: int = REPEATS) -> float:
    function()  # warm: templates compiled, translations loaded
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        function()
        times.append((time.perf_counter() - started) * 1000)
    return round(statistics.median(times), 2)


def in_process(user: User, partnerships: dict[int, Partnership]) -> dict[str, Any]:
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(user)

    def page(partnership: Partnership) -> str:
        return reverse("theory_of_change:page", kwargs={"key": partnership.key})

    queries = {}
    for size, partnership in partnerships.items():
        client.get(page(partnership))
        with CaptureQueriesContext(connection) as captured:
            response = client.get(page(partnership))
        assert response.status_code == 200
        queries[size] = len(captured.captured_queries)
    big = partnerships[60]
    chain = load_chain(big)
    diagram_path = reverse("theory_of_change:diagram", kwargs={"key": big.key})
    return {
        "queries_by_nodes": queries,
        "queries_constant": len(set(queries.values())) == 1,
        "chain": {
            "nodes": len(chain.nodes),
            "links": len(chain.links),
            "indicators": sum(len(node.indicators) for node in chain.nodes),
        },
        "diagram_generation_ms": {
            "read_chain": median_ms(lambda: load_chain(big)),
            "layout_and_svg": median_ms(lambda: render_svg(chain, title=big.title)),
            "svg_kb": round(len(render_svg(chain, title=big.title)) / 1024, 1),
        },
        "median_ms": {
            "floor": median_ms(lambda: client.get("/accessibility/")),
            # Unopened nodes come from the fragment cache once a page has been shown...
            "toc_page": median_ms(lambda: client.get(page(big))),
            # ...and are all rendered afresh the first time (or after every node changed).
            "toc_page_cold_cache": median_ms(lambda: (cache.clear(), client.get(page(big)))),
            "diagram_svg": median_ms(lambda: client.get(diagram_path)),
        },
        "html_kb": round(len(client.get(page(big)).content) / 1024, 1),
    }


def under_load(partnerships: dict[int, Partnership], users: int, per_page: int) -> dict[str, Any]:
    """gunicorn with production settings, `users` concurrent users, like bench/run_load.py."""
    from bench import run_load

    big = partnerships[60]
    logs = Path(tempfile.mkdtemp(prefix="toc-bench-"))
    access_log = logs / "access.log"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    server = subprocess.Popen(
        [
            str(ROOT / ".venv" / "bin" / "gunicorn"),
            "config.wsgi:application",
            "--bind",
            f"127.0.0.1:{PORT}",
            "--workers",
            "4",
            "--access-logfile",
            str(access_log),
            "--access-logformat",
            "%(U)s %(s)s %(D)s %({x-bench}i)s %({x-bench-cpu-us}o)s",
            "--error-logfile",
            str(logs / "gunicorn.log"),
        ],
        cwd=ROOT,
        env=env,
    )
    try:
        session = run_load.Session(PORT, 30.0)
        for _ in range(60):
            try:
                session.request("GET", "/accessibility/")
                break
            except OSError:
                time.sleep(0.5)
        run_load.BENCH_EMAIL = EMAIL  # sign in as this benchmark's user
        run_load.sign_in(session, settings.DEMO_PASSWORD)
        pages = [
            run_load.Page("floor", "/accessibility/", "WCAG 2.1"),
            run_load.Page(
                "toc_page", reverse("theory_of_change:page", kwargs={"key": big.key}), big.title
            ),
            run_load.Page(
                "diagram", reverse("theory_of_change:diagram", kwargs={"key": big.key}), "<svg"
            ),
        ]
        run_load.run(session, pages, users=users, per_page=20, phase="warmup", seed=1)
        started = time.perf_counter()
        latencies = run_load.run(
            session, pages, users=users, per_page=per_page, phase="measure", seed=2
        )
        duration = time.perf_counter() - started
        time.sleep(1)
        wall, cpu = run_load.server_times(access_log, "measure")
    finally:
        server.terminate()
        server.wait(timeout=30)
        shutil.rmtree(logs, ignore_errors=True)
    results = {
        "concurrent_users": users,
        "requests_per_page": per_page,
        "duration_s": round(duration, 2),
        "client": run_load.summarise(latencies, "floor"),
        "server_side": run_load.summarise(wall, "floor"),
        "server_cpu": run_load.summarise(cpu, "floor"),
    }
    for title, table in (
        ("Client-side latency (includes waiting for a free worker)", "client"),
        ("Server-side time in the gunicorn worker (no queueing)", "server_side"),
        ("CPU time of the worker per request", "server_cpu"),
    ):
        run_load.print_table(title, results[table])
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--load", action="store_true", help="also run the load test (gunicorn)")
    parser.add_argument("--users", type=int, default=20)
    parser.add_argument("--requests-per-page", type=int, default=200)
    parser.add_argument(
        "--out", type=Path, help="results JSON (default bench/results/toc-<time>.json)"
    )
    args = parser.parse_args()

    load_before = round(os.getloadavg()[0], 2)
    user, partnerships = prepare()
    results: dict[str, Any] = {
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "command": " ".join([Path(sys.argv[0]).as_posix(), *sys.argv[1:]]),
        "revision": subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, cwd=ROOT
        ).stdout.strip(),
        "machine": {"cores": os.cpu_count(), "load_average_1m_before": load_before},
        "in_process": in_process(user, partnerships),
    }
    found = results["in_process"]
    print(f"Chain: {found['chain']}")
    print(
        f"Queries of the page by number of nodes: {found['queries_by_nodes']} "
        f"({'constant' if found['queries_constant'] else 'GROWING'})"
    )
    print(f"Diagram generation (ms, median of {REPEATS}): {found['diagram_generation_ms']}")
    print(f"In-process median (ms): {found['median_ms']}, page {found['html_kb']} kB")
    if args.load:
        load = results["load"] = under_load(partnerships, args.users, args.requests_per_page)
        # The project's target: the page's median at most 2x the floor's, client and server.
        results["targets"] = {
            "queries_constant": found["queries_constant"],
            **{
                f"{table}_toc_page_within_2x": load[table]["toc_page"]["ratio_to_floor"] <= 2.0
                for table in ("client", "server_side", "server_cpu")
            },
        }
        print("\nTargets (page ≤ 2× the floor's median; queries constant):")
        for name, met in results["targets"].items():
            print(f"  {name:32} {'met' if met else 'MISSED'}")
    results["machine"]["load_average_1m_after"] = round(os.getloadavg()[0], 2)
    out = args.out or ROOT / "bench" / "results" / f"toc-{datetime.now(UTC):%Y%m%dT%H%M%SZ}.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n")
    print(f"Results written to {out}")


if __name__ == "__main__":
    main()
