"""Where generated documents are kept under the production settings: local disk by default, an
S3-compatible bucket (django-storages) when S3_BUCKET is set."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

from .test_deploy import BASE_DIR, production_env

# Reads the settings and builds the default storage (boto3 connects lazily: no network here).
SCRIPT = """
import json
from django.conf import settings
from django.core.files.storage import default_storage
default_storage._setup()
storage = default_storage._wrapped
print(json.dumps({
    "storages": settings.STORAGES,
    "class": f"{type(storage).__module__}.{type(storage).__name__}",
    "attributes": {
        name: getattr(storage, name, None)
        for name in (
            "bucket_name", "endpoint_url", "region_name", "access_key", "secret_key",
            "querystring_auth", "default_acl", "file_overwrite", "location",
        )
    },
}))
"""


def production(tmp_path: Path, **env: str) -> dict[str, Any]:
    result = subprocess.run(  # noqa: S603 (fixed argv)
        [sys.executable, "-c", SCRIPT],
        cwd=BASE_DIR,
        env=production_env(tmp_path, **env),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_documents_go_to_local_disk_without_a_bucket(tmp_path: Path) -> None:
    found = production(tmp_path, MEDIA_ROOT=str(tmp_path / "media"))
    assert found["storages"]["default"] == {
        "BACKEND": "django.core.files.storage.FileSystemStorage"
    }
    assert found["class"] == "django.core.files.storage.filesystem.FileSystemStorage"


def test_documents_go_to_the_s3_bucket_when_one_is_configured(tmp_path: Path) -> None:
    found = production(
        tmp_path,
        S3_BUCKET="samverkan-dokument",
        S3_ENDPOINT_URL="https://s3.example.se",
        S3_REGION="eu-north-1",
        AWS_ACCESS_KEY_ID="nyckel-id",
        AWS_SECRET_ACCESS_KEY="hemlig-nyckel",
    )
    default = found["storages"]["default"]
    assert default["BACKEND"] == "storages.backends.s3.S3Storage"
    assert default["OPTIONS"] == {
        "bucket_name": "samverkan-dokument",
        "endpoint_url": "https://s3.example.se",
        "region_name": "eu-north-1",
        "access_key": "nyckel-id",
        "secret_key": "hemlig-nyckel",
        "location": "",
        "querystring_auth": True,
        "default_acl": None,
        "file_overwrite": False,
    }
    # The storage Django builds from them is django-storages' with exactly these options.
    assert found["class"] == "storages.backends.s3.S3Storage"
    assert found["attributes"] == default["OPTIONS"]


def test_the_aws_names_work_too_and_missing_credentials_are_left_to_boto3(
    tmp_path: Path,
) -> None:
    found = production(
        tmp_path, AWS_STORAGE_BUCKET_NAME="samverkan-dokument", AWS_S3_REGION_NAME="eu-north-1"
    )
    options = found["storages"]["default"]["OPTIONS"]
    assert found["class"] == "storages.backends.s3.S3Storage"
    assert options["bucket_name"] == "samverkan-dokument"
    assert options["region_name"] == "eu-north-1"
    # None: boto3 looks further (an instance role, ~/.aws), nothing empty is sent.
    assert options["endpoint_url"] is None
    assert options["access_key"] is None and options["secret_key"] is None
