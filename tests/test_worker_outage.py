"""The task worker outlives a database outage (core/management/commands/db_worker.py):
the real `manage.py db_worker` in a subprocess, its database reached through a relay that
is cut, then restored."""

import os
import subprocess
import sys
import time

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.test import override_settings
from django_tasks_db.models import DBTaskResult

from tests.live_servers import BASE_DIR, TcpRelay
from tests.test_app_servers import database_url

pytestmark = pytest.mark.django_db(transaction=True)

QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def wait_until(condition, timeout=20):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.1)
    return False


def e_mail_sent(subject):
    return DBTaskResult.objects.filter(
        status="SUCCESSFUL", args_kwargs__args__0__subject=subject
    ).exists()


def test_the_worker_waits_out_a_database_outage_and_runs_what_was_queued_meanwhile(
    postgres_only, tmp_path
):
    relay = TcpRelay("127.0.0.1", int(connection.settings_dict["PORT"] or 5432))
    relay.restore()
    worker = subprocess.Popen(
        [
            *(sys.executable, "manage.py", "db_worker", "--no-reload"),
            *("--interval", "0.1", "--no-startup-delay", "--outage-pause", "0.2"),
        ],
        cwd=BASE_DIR,
        env={
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "config.settings.dev",
            "DATABASE_URL": database_url(relay.port),
            "EMAIL_FILE_PATH": str(tmp_path),
        },
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        with override_settings(TASKS=QUEUE):
            mail.send_mail("Before the outage", "Body.", None, ["before@example.com"])
            assert wait_until(lambda: e_mail_sent("Before the outage"))

            relay.cut()
            time.sleep(1.5)  # the worker looks for tasks every 0.1 s: it meets the outage
            assert worker.poll() is None, "the worker stopped"
            mail.send_mail("During the outage", "Body.", None, ["during@example.com"])
            relay.restore()

            assert wait_until(lambda: e_mail_sent("During the outage"))
            assert worker.poll() is None
    finally:
        worker.terminate()
        output = worker.communicate(timeout=30)[0]
        relay.cut()

    assert "the database is unavailable" in output
    # Development's backend writes each e-mail to a folder and says so in one line.
    assert "E-mail to during@example.com, “During the outage”" in output
    assert len(list(tmp_path.iterdir())) == 2


def test_a_task_left_running_by_an_outage_runs_again_once_the_database_is_back(settings):
    settings.TASKS = QUEUE
    mail.send_mail("Interrupted", "Body.", None, ["reader@example.com"])
    task = DBTaskResult.objects.get()
    task.claim("worker-1")  # claimed, and the database went away before it finished
    other = DBTaskResult.objects.create(
        task_path=task.task_path,
        args_kwargs=task.args_kwargs,
        backend_name=task.backend_name,
        run_after=task.run_after,
        status="RUNNING",
        worker_ids=["worker-2"],
    )

    from core.management.commands.db_worker import OutageTolerantWorker

    worker = OutageTolerantWorker(
        queue_names=["default"],
        excluded_queue_names=[],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="worker-1",
        outage_pause=0,
    )
    worker.wait_for_database()
    call_command("db_worker", "--batch", "--no-startup-delay", "--worker-id", "worker-1")

    assert [message.subject for message in mail.outbox] == ["Interrupted"]
    assert DBTaskResult.objects.get(pk=task.pk).status == "SUCCESSFUL"
    assert DBTaskResult.objects.get(pk=other.pk).status == "RUNNING"  # another worker's
