"""Bench-only: the worker's CPU time per request, in a response header gunicorn logs.

Latency on a shared two-core machine moves with whatever else runs; the CPU time the worker
spent on a request barely does, so it shows what a page costs. Only bench/settings_bench.py
installs this.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse


class CpuTimeMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        started = time.thread_time()
        response = self.get_response(request)
        response["X-Bench-Cpu-Us"] = str(round((time.thread_time() - started) * 1_000_000))
        return response
