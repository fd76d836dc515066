"""Fast settings for the test suite: MD5 hasher, locmem email, real services when given."""

from __future__ import annotations

import os

from .base import *  # noqa: F403
from .base import BASE_DIR, DATABASES, env

DEBUG = False
SECRET_KEY = "test-secret-key-not-for-production"  # noqa: S105
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# locmem by default; the real-worker test (tests/test_celery_worker.py) gives its worker files.
EMAIL_BACKEND = env("EMAIL_BACKEND", default="django.core.mail.backends.locmem.EmailBackend")
EMAIL_FILE_PATH = env("EMAIL_FILE_PATH", default=str(BASE_DIR / "var" / "test-mail"))
ALLOWED_HOSTS = ["*"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
MEDIA_ROOT = env.path("MEDIA_ROOT", default=str(BASE_DIR / "var" / "test-media"))
AXES_FAILURE_LIMIT = 5
ACCOUNT_RATE_LIMITS = False  # type: ignore[assignment]
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # A file (not :memory:) so that a real Celery worker process can share the test database.
    # One file per test process, so parallel runs on one machine do not share it.
    DATABASES["default"]["TEST"] = {"NAME": str(BASE_DIR / "var" / f"test-{os.getpid()}.sqlite3")}
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True
# Tasks run in-process even when REDIS_URL is set, so results do not depend on a worker. The
# real-worker test switches this off and uses a queue of its own: runs sharing one Redis never
# take each other's messages.
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=True)
CELERY_TASK_DEFAULT_QUEUE = f"samverkan-test-{os.getpid()}"
