"""The Redis cache fails soft: an unreachable Redis, or one that refuses a command
(out of memory, a read-only replica), is an empty cache, never an error page."""

import socket
import subprocess
import time

import pytest
import redis
from django.core.cache import caches

from core.cache_backends import ResilientRedisCache

pytestmark = pytest.mark.django_db


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def refusing_redis(tmp_path):
    """A Redis server of the test's own that refuses every write: out of memory."""
    port = free_port()
    server = subprocess.Popen(
        [
            "redis-server",
            "--port", str(port),
            "--bind", "127.0.0.1",
            "--save", "",
            "--appendonly", "no",
            "--dir", str(tmp_path),
            "--maxmemory", "1",
            "--maxmemory-policy", "noeviction",
        ],
        stdout=subprocess.DEVNULL,
    )  # fmt: skip
    client = redis.Redis(port=port)
    for _attempt in range(50):
        try:
            client.ping()
            break
        except redis.ConnectionError:
            time.sleep(0.1)
    yield f"redis://127.0.0.1:{port}/0"
    server.terminate()
    server.wait(timeout=10)


def cache_at(location):
    return ResilientRedisCache(location, {"OPTIONS": {"SOCKET_TIMEOUT": 0.5}})


def test_a_redis_out_of_memory_drops_writes_and_misses(refusing_redis):
    cache = cache_at(refusing_redis)
    with pytest.raises(redis.ResponseError):  # what django-redis alone would raise
        redis.Redis.from_url(refusing_redis).set("key", "value")

    assert cache.set("key", "value") is None
    assert cache.add("other", "value") is False
    assert cache.get("key", "missing") == "missing"


def test_an_unreachable_redis_is_an_empty_cache():
    cache = cache_at(f"redis://127.0.0.1:{free_port()}/0")
    cache.set("key", "value")
    assert cache.get("key", "missing") == "missing"
    assert cache.get_many(["key"]) == {}
    with pytest.raises(ValueError):
        cache.incr("key")
    with pytest.raises(ValueError):  # django-redis's decr does not go through incr
        cache.decr("key")


def test_pages_are_served_while_redis_refuses_writes(client, homes, settings, refusing_redis):
    settings.CACHES = {
        **settings.CACHES,
        "default": {
            "BACKEND": "core.cache_backends.ResilientRedisCache",
            "LOCATION": refusing_redis,
        },
    }
    caches["default"].clear()
    response = client.get("/fr/")
    assert response.status_code == 200
