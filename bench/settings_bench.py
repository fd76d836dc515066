"""Production settings for the load benchmark, served over plain HTTP on 127.0.0.1.

Everything production does (DEBUG off, the same middleware, templates and password hasher)
except what needs TLS or a collectstatic run: whitenoise serves straight from the finders.
"""

from __future__ import annotations

import os

# production.py refuses to start without these; the bench is local and throw-away.
os.environ.setdefault("SECRET_KEY", "bench-only-fixed-secret-key-0123456789abcdefghijklmnop")
os.environ.setdefault("ALLOWED_HOSTS", "127.0.0.1")
os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/samverkan_bench")
# The cache is Redis in production (shared by the gunicorn workers); a database of its own here.
os.environ.setdefault("REDIS_URL", "redis://127.0.0.1:6379/15")

from config.settings.production import *  # noqa: E402, F403
from config.settings.production import DATABASES, MIDDLEWARE, env  # noqa: E402

DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1"]
SECURE_SSL_REDIRECT = False
SECURE_HSTS_SECONDS = 0
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "http"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
# Outermost, so it times everything Django does for the request (see bench/middleware.py).
MIDDLEWARE = ["bench.middleware.CpuTimeMiddleware", *MIDDLEWARE]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# As production (persistent connections, 60 s); BENCH_CONN_MAX_AGE=0 measures a new connection
# per request without editing production.
DATABASES["default"]["CONN_MAX_AGE"] = env.int(
    "BENCH_CONN_MAX_AGE", default=DATABASES["default"]["CONN_MAX_AGE"]
)
# The load generator's sign-in must not be locked out by axes or allauth's rate limits.
ACCOUNT_RATE_LIMITS = False
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}
# No collectstatic: whitenoise finds the files through the finders (WHITENOISE_USE_FINDERS).
STATIC_ROOT = None
