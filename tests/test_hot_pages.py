"""Each process keeps the pages it served lately in its memory, told of every change
through Redis (delivery/page_cache.py, HotPages): a hot page costs no cache read, and any
change, or a lost line to Redis, is seen by the next request."""

import time

import pytest
import redis
from django.core.cache import caches

from delivery.page_cache import GENERATION_KEY, invalidate_all_pages
from home.models import HomePage
from tests.conftest import REDIS_URL
from tests.counting_caches import CountingRedisCache

pytestmark = pytest.mark.django_db


@pytest.fixture
def redis_pages(settings, redis_prefix):
    """Pages cached in Redis, under a prefix (and so hot pages) of the test's own."""
    settings.CACHES = {
        **settings.CACHES,
        "pages": {
            "BACKEND": "tests.counting_caches.CountingRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": redis_prefix,
        },
    }
    settings.PAGE_CACHE_ALIAS = "pages"
    settings.PAGE_CACHE_SECONDS = 600
    return caches["pages"]


def change_without_signals(page, **changes):
    """Change the database behind the cache's back, to tell cached pages from fresh ones."""
    HomePage.objects.filter(pk=page.pk).update(**changes)


def reads_for(client, path):
    """The response to a GET of `path`, and how many times it read the shared cache."""
    CountingRedisCache.reads = 0
    response = client.get(path)
    return response, CountingRedisCache.reads


def test_a_hot_page_costs_no_cache_read(client, homes, redis_pages):
    first = client.get("/fr/")  # It also starts and announces the cache's first generation…
    from_redis, redis_reads = reads_for(client, "/fr/")  # … so this one reads Redis again.
    hot, hot_reads = reads_for(client, "/fr/")

    assert first["X-Cache"] == "MISS"
    assert (from_redis["X-Cache"], redis_reads) == ("HIT", 1)
    assert (hot["X-Cache"], hot_reads) == ("HIT", 0)
    assert hot.content == first.content
    assert "Un magazine sur l’intelligence artificielle." in hot.content.decode()


def test_a_page_read_from_the_shared_cache_becomes_hot(client, homes, redis_pages, settings):
    hot_bytes, settings.PAGE_CACHE_HOT_BYTES = settings.PAGE_CACHE_HOT_BYTES, 0
    client.get("/en/")  # Stored in Redis by a process that keeps no hot pages.
    settings.PAGE_CACHE_HOT_BYTES = hot_bytes

    from_redis, redis_reads = reads_for(client, "/en/")
    hot, hot_reads = reads_for(client, "/en/")

    assert (from_redis["X-Cache"], redis_reads) == ("HIT", 1)
    assert (hot["X-Cache"], hot_reads) == ("HIT", 0)


def test_a_change_announced_by_any_process_is_seen_at_once(client, homes, redis_pages):
    home_fr, _home_en = homes
    client.get("/fr/"), client.get("/fr/")
    change_without_signals(home_fr, intro="<p>Un nouveau numéro.</p>")

    invalidate_all_pages()
    response, reads = reads_for(client, "/fr/")

    assert (response["X-Cache"], reads) == ("MISS", 1)
    assert "Un nouveau numéro." in response.content.decode()


def test_a_publication_empties_hot_pages(client, homes, redis_pages, publish):
    home_fr, _home_en = homes
    client.get("/fr/"), client.get("/fr/")

    publish(home_fr, intro="<p>Publié à l’instant.</p>")
    response = client.get("/fr/")

    assert response["X-Cache"] == "MISS"
    assert "Publié à l’instant." in response.content.decode()


def test_a_lost_subscription_forgets_hot_pages(client, homes, redis_pages):
    home_fr, _home_en = homes
    client.get("/fr/"), client.get("/fr/")
    change_without_signals(home_fr, intro="<p>Changé pendant la coupure.</p>")

    # Redis drops this process's subscription, and a change is made meanwhile, unheard.
    redis.Redis.from_url(REDIS_URL).client_kill_filter(_type="pubsub")
    redis_pages.set(GENERATION_KEY, "made-while-unheard", None)
    response = client.get("/fr/")

    assert response["X-Cache"] == "MISS"
    assert "Changé pendant la coupure." in response.content.decode()
    assert client.get("/fr/")["X-Cache"] == "HIT"


def test_hot_pages_check_the_shared_cache_every_so_often(client, homes, redis_pages, settings):
    settings.PAGE_CACHE_HOT_CHECK_SECONDS = 1
    home_fr, _home_en = homes
    client.get("/fr/"), client.get("/fr/")
    change_without_signals(home_fr, intro="<p>Changé sans annonce.</p>")

    # A change that no announcement tells, as if the message had been lost in transit.
    redis_pages.set(GENERATION_KEY, "unannounced", None)
    within, within_reads = reads_for(client, "/fr/")
    time.sleep(1.1)
    after, after_reads = reads_for(client, "/fr/")

    assert (within["X-Cache"], within_reads) == ("HIT", 0)
    assert "Changé sans annonce." not in within.content.decode()
    assert (after["X-Cache"], after_reads) == ("MISS", 1)
    assert "Changé sans annonce." in after.content.decode()


def test_hot_pages_make_room_within_their_size(client, homes, redis_pages, settings):
    settings.PAGE_CACHE_HOT_BYTES = 0
    page_size = len(client.get("/fr/").content)
    settings.PAGE_CACHE_HOT_BYTES = page_size + page_size // 2  # Room for one page.
    client.get("/fr/"), client.get("/en/")

    french, french_reads = reads_for(client, "/fr/")
    english, english_reads = reads_for(client, "/en/")

    assert (french["X-Cache"], french_reads) == ("HIT", 1)
    assert (english["X-Cache"], english_reads) == ("HIT", 1)
    assert reads_for(client, "/en/")[1] == 0


def test_no_hot_pages_when_turned_off(client, homes, redis_pages, settings):
    settings.PAGE_CACHE_HOT_BYTES = 0
    client.get("/fr/"), client.get("/fr/")

    response, reads = reads_for(client, "/fr/")

    assert (response["X-Cache"], reads) == ("HIT", 1)
