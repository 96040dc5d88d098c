"""The purge queue with the real worker: a purge the proxy could not take is retried
until it does (delivery/purges.py). The proxy is a small HTTP server of the test's own,
which records the BAN requests it answers."""

import http.server
import socket
import threading
import time

import pytest
from django.core.management import call_command
from django.test import override_settings
from django_tasks_db.models import DBTaskResult

pytestmark = pytest.mark.django_db(transaction=True)


class RecordingProxy(http.server.ThreadingHTTPServer):
    """Answers `BAN /` with 200 and keeps the tags of each one."""

    allow_reuse_address = True

    def __init__(self, port):
        self.bans = []
        super().__init__(("127.0.0.1", port), BanHandler)


class BanHandler(http.server.BaseHTTPRequestHandler):
    def do_BAN(self):  # noqa: N802 (the HTTP method's name)
        self.server.bans.append((self.path, self.headers["X-Purge-Tags"]))
        self.send_response(200)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args):
        pass


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def proxy_port():
    return free_port()


def run_worker():
    """The real worker, until no task is ready to run."""
    call_command("db_worker", "--batch", "--no-startup-delay")


def test_an_unpublication_made_while_the_proxy_is_down_is_purged_once_it_is_back(
    client, magazine, proxy_port
):
    article = magazine.fr.article
    url = article.url
    assert client.get(url).status_code == 200
    queue = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    with override_settings(
        TASKS=queue,
        CACHE_PROXY_URLS=[f"http://127.0.0.1:{proxy_port}"],
        CACHE_PURGE_RETRY_SECONDS=1,
        CACHE_PURGE_TIMEOUT=2,
    ):
        article.unpublish()  # nothing listens on the proxy's port: refused.
        run_worker()
        waiting = DBTaskResult.objects.filter(status="READY")
        assert waiting.count() == 1  # the retry, for a second later
        assert waiting.get().args_kwargs["args"][2] == 2  # second attempt
        time.sleep(1.2)

        proxy = RecordingProxy(proxy_port)
        serving = threading.Thread(target=proxy.serve_forever, daemon=True)
        serving.start()
        try:
            run_worker()
        finally:
            proxy.shutdown()
            proxy.server_close()

    assert len(proxy.bans) == 1
    path, purged = proxy.bans[0]
    assert path == "/"
    assert f"page-{article.pk}" in purged.split()
    assert not DBTaskResult.objects.filter(status="READY").exists()
    assert client.get(url).status_code == 404


def test_a_purge_reaches_every_proxy_and_retries_only_the_one_that_failed(magazine):
    up_port, down_port = free_port(), free_port()
    proxy = RecordingProxy(up_port)
    serving = threading.Thread(target=proxy.serve_forever, daemon=True)
    serving.start()
    try:
        with override_settings(
            TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}},
            CACHE_PROXY_URLS=[f"http://127.0.0.1:{up_port}", f"http://127.0.0.1:{down_port}"],
            CACHE_PURGE_RETRY_SECONDS=60,
        ):
            magazine.fr.older.unpublish()
            run_worker()
    finally:
        proxy.shutdown()
        proxy.server_close()
    assert len(proxy.bans) == 1
    retry = DBTaskResult.objects.get(status="READY")
    assert retry.args_kwargs["args"][1] == [f"http://127.0.0.1:{down_port}"]
    assert retry.run_after > retry.enqueued_at  # later, not at once
