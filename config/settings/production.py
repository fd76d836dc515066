"""Production: refuses to start without SECRET_KEY and ALLOWED_HOSTS; SMTP from the environment."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import DATABASES, REDIS_URL, env

DEBUG = False
SECRET_KEY = env("SECRET_KEY", default="")
if not SECRET_KEY or SECRET_KEY.startswith("dev-only"):
    raise ImproperlyConfigured("Set SECRET_KEY in the environment to run production settings.")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=[])
if not ALLOWED_HOSTS:
    raise ImproperlyConfigured("Set ALLOWED_HOSTS in the environment to run production settings.")
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

# Redis carries the Celery queue and the cache that every gunicorn worker shares: sign-in rate
# limits and lockouts, and the theory-of-change page's rendered nodes. Without it each worker
# would keep its own, so a limit could be passed by landing on another worker.
if not REDIS_URL:
    raise ImproperlyConfigured("Set REDIS_URL in the environment to run production settings.")
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": env("CACHE_URL", default=REDIS_URL),
        "KEY_PREFIX": "samverkan",
        "TIMEOUT": 3600,
    }
}

# Generated documents go through Django's storage API: local disk (MEDIA_ROOT) by default, or an
# S3-compatible bucket (AWS S3, MinIO, Ceph, a cloud provider's object store) when S3_BUCKET is
# set, so that several web and worker machines read and write the same files. Credentials left
# unset fall back to boto3's own chain (an instance role, ~/.aws). Files are private: no ACL is
# set, any URL to one is signed and expires, and a name already taken gets a new one.
S3_BUCKET = env("S3_BUCKET", default="") or env("AWS_STORAGE_BUCKET_NAME", default="")
if S3_BUCKET:
    default_storage: dict[str, Any] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": S3_BUCKET,
            "endpoint_url": env("S3_ENDPOINT_URL", default="") or None,
            "region_name": env("S3_REGION", default="")
            or env("AWS_S3_REGION_NAME", default="")
            or None,
            "access_key": env("AWS_ACCESS_KEY_ID", default="") or None,
            "secret_key": env("AWS_SECRET_ACCESS_KEY", default="") or None,
            "location": env("S3_LOCATION", default=""),
            "querystring_auth": True,
            "default_acl": None,
            "file_overwrite": False,
        },
    }
else:
    default_storage = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
STORAGES = {
    "default": default_storage,
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
# Links in account emails; the plain-HTTP compose stack on a laptop sets "http".
ACCOUNT_DEFAULT_HTTP_PROTOCOL = env("ACCOUNT_DEFAULT_HTTP_PROTOCOL", default="https")

EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
EMAIL_HOST = env("EMAIL_HOST", default="localhost")
EMAIL_PORT = env.int("EMAIL_PORT", default=587)
EMAIL_HOST_USER = env("EMAIL_HOST_USER", default="")
EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD", default="")
EMAIL_USE_TLS = env.bool("EMAIL_USE_TLS", default=True)

# Keep database connections between requests: opening one costs more than a simple page.
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
