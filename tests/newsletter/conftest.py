import pytest


@pytest.fixture(autouse=True)
def fresh_rate_limits(empty_cache):
    """Each test starts with empty sign-up counters: the rate limit lives in the cache."""
