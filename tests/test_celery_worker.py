"""The invitation email task: in-process, and through a real Celery worker over Redis."""

from __future__ import annotations

import email
import os
import re
import smtplib
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from email.message import Message
from pathlib import Path
from typing import Any
from unittest import mock
from urllib.parse import quote

import pytest
from celery.exceptions import Retry
from django.conf import settings
from django.core import mail
from django.db import connection
from django.urls import resolve
from django.utils import timezone

from config.celery import app as celery_app
from partnerships.models import Invitation
from partnerships.tasks import send_invitation_email
from partnerships.tokens import invitation_from_token

from .conftest import REQUIRE_SERVICES, skip_or_fail
from .factories import InvitationFactory, PartnershipFactory, UserFactory

BASE_DIR = Path(__file__).resolve().parent.parent
WORKER_TIMEOUT = 60  # seconds
WORKER_COMMAND = [sys.executable, "-m", "celery", "-A", "config", "worker", "--pool=solo"]
WORKER_COMMAND += ["--loglevel=INFO", "--without-gossip", "--without-mingle", "--without-heartbeat"]


def invitation_in(body: str) -> Invitation:
    """The invitation the signed link in a mail body opens (the link is checked, not assumed)."""
    site = settings.SITE_URL.rstrip("/")
    found = re.search(re.escape(site) + r"(/\S+)", body)
    assert found, f"no link to {site} in the mail:\n{body}"
    match = resolve(found.group(1))
    assert match.url_name == "invitation_accept"
    return invitation_from_token(match.kwargs["token"])


def new_invitation(**fields: Any) -> Invitation:
    # No municipality: transactional tests cannot count on the rows the migrations loaded.
    partnership = PartnershipFactory(title="Unga vuxna i arbete", municipality=None)
    return InvitationFactory(
        partnership=partnership, invited_by=UserFactory(name="Karin Lund"), **fields
    )


# In-process (eager) runs ------------------------------------------------------------------


@pytest.fixture
def eager() -> Iterator[None]:
    with task_always_eager(True):
        yield


@contextmanager
def task_always_eager(value: bool) -> Iterator[None]:
    """The Celery app read its settings at start-up, so switch its own config."""
    before = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = value
    try:
        yield
    finally:
        celery_app.conf.task_always_eager = before


@pytest.mark.django_db
def test_sends_one_mail_with_a_link_that_opens_the_invitation(eager: None) -> None:
    invitation = new_invitation(email="ny@example.org")

    send_invitation_email.delay(invitation.pk)

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["ny@example.org"]
    assert "Unga vuxna i arbete" in message.body
    assert invitation_in(message.body).pk == invitation.pk
    invitation.refresh_from_db()
    assert invitation.sent_at is not None


@pytest.mark.django_db
def test_a_second_run_sends_nothing(eager: None) -> None:
    invitation = new_invitation()

    send_invitation_email.delay(invitation.pk)
    send_invitation_email.delay(invitation.pk)

    assert len(mail.outbox) == 1


@pytest.mark.django_db
def test_a_revoked_invitation_is_not_sent(eager: None) -> None:
    invitation = new_invitation(revoked_at=timezone.now())

    send_invitation_email.delay(invitation.pk)

    assert mail.outbox == []
    invitation.refresh_from_db()
    assert invitation.sent_at is None


@pytest.mark.django_db
def test_a_deleted_invitation_is_skipped_quietly(eager: None) -> None:
    invitation = new_invitation()
    invitation_id = invitation.pk
    invitation.delete()

    assert send_invitation_email.delay(invitation_id).get() is False
    assert mail.outbox == []


@pytest.mark.django_db
def test_a_failed_smtp_send_leaves_the_invitation_unsent(eager: None) -> None:
    """The claim is released and a retry is scheduled, so the invitation can still go out."""
    invitation = new_invitation()
    refused = smtplib.SMTPServerDisconnected("connection lost")

    with mock.patch("partnerships.mail.send_mail", side_effect=refused):
        with pytest.raises(Retry):
            send_invitation_email.delay(invitation.pk)

    invitation.refresh_from_db()
    assert invitation.sent_at is None


# A real worker over Redis ------------------------------------------------------------------


@pytest.fixture
def redis_url() -> str:
    url = os.environ.get("REDIS_URL", "")
    if not url:
        skip_or_fail("REDIS_URL is not set: no broker for a real Celery worker", REQUIRE_SERVICES)
    import redis

    try:
        redis.Redis.from_url(url, socket_connect_timeout=2).ping()
    except redis.RedisError as error:
        skip_or_fail(f"Redis at {url} is unreachable: {error}", REQUIRE_SERVICES)
    return url


def worker_database_url() -> str:
    """The test database as a DATABASE_URL another process can open."""
    db = connection.settings_dict
    if connection.vendor == "sqlite":
        name = str(db["NAME"])
        if name == ":memory:" or name.startswith("file:"):
            pytest.fail("the worker needs the test database in a file, not in memory")
        return f"sqlite:///{name}"
    if connection.vendor == "postgresql":
        user = quote(db.get("USER") or "", safe="")
        password = quote(db.get("PASSWORD") or "", safe="")
        credentials = f"{user}:{password}@" if password else f"{user}@" if user else ""
        host = db.get("HOST") or "localhost"
        port = f":{db['PORT']}" if db.get("PORT") else ""
        return f"postgres://{credentials}{host}{port}/{quote(str(db['NAME']), safe='')}"
    pytest.fail(f"no worker database URL for {connection.vendor}")


def mailbox(directory: Path) -> list[Message]:
    """Every message the file-based email backend wrote (one file per connection)."""
    messages = []
    for path in sorted(directory.glob("*.log")):
        for chunk in path.read_bytes().split(b"-" * 79):
            if chunk.strip():
                messages.append(email.message_from_bytes(chunk.strip()))
    return messages


def body_of(message: Message) -> str:
    """The plain-text body (also when an HTML alternative is attached)."""
    part = next(p for p in message.walk() if p.get_content_type() == "text/plain")
    payload = part.get_payload(decode=True)
    assert isinstance(payload, bytes)
    return payload.decode(part.get_content_charset() or "utf-8")


@pytest.fixture
def worker(redis_url: str, transactional_db: None, tmp_path: Path) -> Iterator[dict[str, Any]]:
    """A `celery worker --pool=solo` subprocess on this test run's own queue and database."""
    queue = celery_app.conf.task_default_queue
    mail_dir = tmp_path / "mail"
    mail_dir.mkdir()
    log_path = tmp_path / "worker.log"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "DATABASE_URL": worker_database_url(),
        "REDIS_URL": redis_url,
        "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
        "EMAIL_FILE_PATH": str(mail_dir),
    }
    assert celery_app.conf.broker_url.startswith("redis"), celery_app.conf.broker_url
    with log_path.open("w") as log:
        process = subprocess.Popen(  # noqa: S603 (fixed argv)
            [*WORKER_COMMAND, "--queues", queue, "--hostname", f"{queue}@%h"],
            cwd=BASE_DIR,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    state = {"process": process, "mail_dir": mail_dir, "log": log_path}
    try:
        # .delay() now goes to the broker instead of running here.
        with task_always_eager(False):
            yield state
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=5)
        import redis

        # Leave nothing of this run's private queue (list and kombu bindings) in the shared Redis.
        client = redis.Redis.from_url(redis_url)
        leftovers = [queue, *client.scan_iter(match=f"_kombu.binding*.{queue}")]
        client.delete(*leftovers)


def wait_for(condition: Any, worker: dict[str, Any], what: str) -> Any:
    deadline = time.monotonic() + WORKER_TIMEOUT
    while time.monotonic() < deadline:
        if found := condition():
            return found
        if worker["process"].poll() is not None:
            break
        time.sleep(0.2)
    log = worker["log"].read_text()[-4000:]
    pytest.fail(f"{what} did not happen within {WORKER_TIMEOUT} s. Worker log:\n{log}")


@pytest.mark.services
def test_a_real_worker_sends_the_invitation_once(worker: dict[str, Any]) -> None:
    invitation = new_invitation(email="inbjuden@example.org")
    other = new_invitation(email="annan@example.org")

    send_invitation_email.delay(invitation.pk)

    def sent() -> bool:
        invitation.refresh_from_db()
        return invitation.sent_at is not None and any(
            m["To"] == "inbjuden@example.org" and settings.SITE_URL in body_of(m)
            for m in mailbox(worker["mail_dir"])
        )

    wait_for(sent, worker, "Sending the invitation")
    (message,) = mailbox(worker["mail_dir"])
    assert "Unga vuxna i arbete" in body_of(message)
    assert invitation_in(body_of(message)).pk == invitation.pk

    # The same task again, then another invitation: the solo worker takes them in order, so once
    # the second one has arrived the repeat has run too.
    send_invitation_email.delay(invitation.pk)
    send_invitation_email.delay(other.pk)
    wait_for(
        lambda: any(m["To"] == "annan@example.org" for m in mailbox(worker["mail_dir"])),
        worker,
        "Sending the second invitation",
    )
    recipients = sorted(m["To"] for m in mailbox(worker["mail_dir"]))
    assert recipients == ["annan@example.org", "inbjuden@example.org"]
