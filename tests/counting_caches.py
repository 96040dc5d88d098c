"""Cache backends that count their reads, one per round trip a real cache would make."""

from django.core.cache.backends.locmem import LocMemCache

from core.cache_backends import ResilientRedisCache


class CountingCache(LocMemCache):
    """Django's local-memory cache, counting the reads asked of it (a `get_many` is one
    round trip to Redis, however many keys it asks for)."""

    reads = 0
    in_get_many = False

    def get(self, *args, **kwargs):
        if not self.in_get_many:
            CountingCache.reads += 1
        return super().get(*args, **kwargs)

    def get_many(self, *args, **kwargs):
        CountingCache.reads += 1
        self.in_get_many = True
        try:
            return super().get_many(*args, **kwargs)
        finally:
            self.in_get_many = False


class CountingRedisCache(ResilientRedisCache):
    """The Redis cache, counting its reads (one round trip each)."""

    reads = 0

    def get(self, *args, **kwargs):
        CountingRedisCache.reads += 1
        return super().get(*args, **kwargs)

    def get_many(self, *args, **kwargs):
        CountingRedisCache.reads += 1
        return super().get_many(*args, **kwargs)
