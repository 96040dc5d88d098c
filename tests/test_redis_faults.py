"""A Redis that answers with errors costs readers and editors nothing.

Each test runs a `redis-server` of its own on a free port: one full (a tiny `maxmemory`
with `noeviction`, so every write answers OOM), one read-only (a replica whose primary
is gone, so every write answers READONLY). Pages are served uncached, editors log in,
readers sign up and comment; nothing answers 5xx.
"""

import contextlib
import shutil
import subprocess
import time

import pytest
import redis

from comments.models import Comment
from newsletter.models import Subscriber
from tests.comments.conftest import post_comment
from tests.live_servers import free_port
from tests.newsletter.helpers import sign_up

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(not shutil.which("redis-server"), reason="needs redis-server"),
]


@contextlib.contextmanager
def redis_server(*arguments):
    port = free_port()
    process = subprocess.Popen(
        ["redis-server", "--port", str(port), "--bind", "127.0.0.1", "--save", "", *arguments],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    client = redis.Redis(port=port)
    try:
        for _attempt in range(100):
            with contextlib.suppress(redis.ConnectionError):
                client.ping()
                break
            time.sleep(0.05)
        yield client, f"redis://127.0.0.1:{port}/0"
    finally:
        process.terminate()
        process.wait(timeout=10)


@pytest.fixture
def full_redis():
    with redis_server("--maxmemory", "2mb", "--maxmemory-policy", "noeviction") as (client, url):
        with contextlib.suppress(redis.exceptions.OutOfMemoryError):
            for number in range(100_000):
                client.set(f"filler:{number}", "x" * 1024)
        with pytest.raises(redis.exceptions.OutOfMemoryError):
            client.set("one-more", "x" * 1024)
        yield url


@pytest.fixture
def read_only_redis():
    with redis_server("--replicaof", "127.0.0.1", str(free_port())) as (client, url):
        with pytest.raises(redis.exceptions.ReadOnlyError):
            client.set("anything", "x")
        yield url


@pytest.fixture(params=["full", "read-only"])
def failing_redis(request, settings):
    url = request.getfixturevalue("full_redis" if request.param == "full" else "read_only_redis")
    redis = {"BACKEND": "core.cache_backends.ResilientRedisCache", "LOCATION": url}
    settings.CACHES = {
        "default": redis,
        "template_fragments": {**redis, "KEY_PREFIX": "fragments"},
    }
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
    return url


def test_pages_are_served(client, magazine, failing_redis):
    answers = [
        client.get(path)
        for path in ("/fr/", "/en/", magazine.fr.article.url, magazine.en.article.url)
    ]

    assert [answer.status_code for answer in answers] == [200] * 4
    assert magazine.fr.article.title in answers[2].content.decode()


def test_editors_log_in_and_work(client, admin_user, failing_redis):
    login = client.post("/admin/login/", {"username": "admin", "password": "password"})

    assert login.status_code == 302
    assert client.get("/admin/").status_code == 200
    assert client.get("/admin/pages/").status_code == 200


def test_readers_sign_up_and_comment(client, magazine, failing_redis, mailoutbox):
    signed_up = sign_up(client, "fr", email="lecteur@example.com")
    commented = post_comment(client, magazine.fr.article, text="Malgré Redis.")

    assert signed_up.status_code == 302
    assert Subscriber.objects.filter(email="lecteur@example.com").exists()
    assert len(mailoutbox) == 1
    assert commented.status_code == 303
    assert Comment.objects.filter(text="Malgré Redis.").exists()


def test_the_health_check_says_degraded(client, failing_redis):
    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.json()["status"] == "degraded"
