"""A Redis cache that the site survives losing.

django-redis keeps one Redis client per backend (Django's own Redis backend builds a new
one for every call), but raises as soon as Redis cannot be reached or refuses a command
(out of memory, a read-only replica…), which would turn every page into an error; its
IGNORE_EXCEPTIONS option would instead wait for the time-out on every call while Redis
hangs. This backend treats every Redis error as an empty cache: reads miss, writes are
dropped, and the site keeps serving (slower) from the database. After a failure it leaves
Redis alone for a few seconds, so a Redis that hangs does not add a time-out to every cache
call of every request.
"""

import functools
import logging
import threading
import time

from django_redis.cache import RedisCache
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)


def fail_soft(fallback):
    """Run a cache method, or answer `fallback(*args, **kwargs)` when Redis fails."""

    def decorator(method):
        @functools.wraps(method)
        def wrapper(self, *args, **kwargs):
            if self.is_paused():
                return fallback(*args, **kwargs)
            try:
                return method(self, *args, **kwargs)
            except RedisError as error:
                self.pause(error)
                return fallback(*args, **kwargs)

        return wrapper

    return decorator


def missing_key(*args, **kwargs):
    raise ValueError("Key not found: the cache is unavailable.")


class ResilientRedisCache(RedisCache):
    """django-redis's backend, failing soft: see the module docstring.

    `FAILURE_PAUSE` (seconds, default 5) in the cache's settings sets how long Redis is
    left alone after a failure.
    """

    # Shared by the threads of one process: Django gives each thread its own backend.
    paused_until = {}
    lock = threading.Lock()

    def __init__(self, server, params):
        super().__init__(server, params)
        self.failure_pause = float(params.get("FAILURE_PAUSE", 5))
        self.location = server if isinstance(server, str) else ",".join(server)

    def is_paused(self):
        return time.monotonic() < self.paused_until.get(self.location, 0)

    def pause(self, error):
        with self.lock:
            if not self.is_paused():
                logger.warning(
                    "Redis cache failed (%s); serving without it for %s s.",
                    error,
                    self.failure_pause,
                )
            self.paused_until[self.location] = time.monotonic() + self.failure_pause

    def ping(self):
        """Ask Redis directly, ignoring any pause: raises if it does not answer, or
        refuses a write (full, read-only)."""
        super().set("healthz:ping", 1, 10)

    @fail_soft(lambda key, default=None, *args, **kwargs: default)
    def get(self, *args, **kwargs):
        return super().get(*args, **kwargs)

    @fail_soft(lambda *args, **kwargs: {})
    def get_many(self, *args, **kwargs):
        return super().get_many(*args, **kwargs)

    @fail_soft(lambda *args, **kwargs: False)
    def has_key(self, *args, **kwargs):
        return super().has_key(*args, **kwargs)

    @fail_soft(lambda *args, **kwargs: False)
    def add(self, *args, **kwargs):
        return super().add(*args, **kwargs)

    @fail_soft(lambda *args, **kwargs: None)
    def set(self, *args, **kwargs):
        return super().set(*args, **kwargs)

    @fail_soft(lambda data, *args, **kwargs: list(data))
    def set_many(self, data, *args, **kwargs):
        return super().set_many(data, *args, **kwargs)

    @fail_soft(lambda *args, **kwargs: False)
    def touch(self, *args, **kwargs):
        return super().touch(*args, **kwargs)

    @fail_soft(lambda *args, **kwargs: False)
    def delete(self, *args, **kwargs):
        return super().delete(*args, **kwargs)

    @fail_soft(lambda *args, **kwargs: None)
    def delete_many(self, *args, **kwargs):
        return super().delete_many(*args, **kwargs)

    @fail_soft(missing_key)
    def incr(self, *args, **kwargs):
        return super().incr(*args, **kwargs)

    @fail_soft(missing_key)
    def decr(self, *args, **kwargs):
        return super().decr(*args, **kwargs)

    @fail_soft(lambda *args, **kwargs: None)
    def clear(self):
        return super().clear()
