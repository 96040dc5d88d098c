"""Purging what shows a change: a task on the queue, retried until every cache agrees.

`purge_later(tags)` enqueues `purge_proxies` with Django's Tasks API. With the database
backend (django_tasks_db) the task is a row written in the transaction of the change that
calls for it: it exists exactly when the change is committed, and the worker
(`manage.py db_worker`) runs it once it is. A publication never waits for a cache.

The task first renews the versions of the tags in the shared cache, so that no template
fragment showing them is read again (delivery/fragments.py), then sends `BAN /` with
`X-Purge-Tags: <tags>` to each proxy of CACHE_PROXY_URLS (the proxy drops every object
whose `X-Cache-Tags` holds one of them and answers 200); in that order, so that a proxy
never keeps a page made of fragments it should have dropped. What fails is tried again
by a new task after a delay that doubles with each attempt (CACHE_PURGE_RETRY_SECONDS,
at most CACHE_PURGE_RETRY_MAX_SECONDS): a proxy that did not answer 2xx, for that proxy
alone; the cache, for the cache and then every proxy again. Each failure is logged.
"""

import datetime
import logging
import urllib.error
import urllib.request

from django.conf import settings
from django.utils import timezone
from django_tasks import task

from delivery.caching import valid_tags
from delivery.fragments import fragments_enabled, renew_versions

logger = logging.getLogger(__name__)

PURGE_TAGS_HEADER = "X-Purge-Tags"


def purge_later(tags):
    """Have every cached response and fragment showing any of `tags` purged, once the
    current transaction commits; nothing when no tag is given, or nothing is cached
    (no proxy configured, no fragments kept)."""
    tags = valid_tags(tags)
    fragments = fragments_enabled()
    if tags and (settings.CACHE_PROXY_URLS or fragments):
        purge_proxies.enqueue(tags, list(settings.CACHE_PROXY_URLS), 1, fragments)


def ban(proxy_url, tags):
    """Ask the proxy at `proxy_url` to drop what shows `tags`; whether it answered 2xx."""
    request = urllib.request.Request(
        proxy_url.rstrip("/") + "/",
        method="BAN",
        headers={PURGE_TAGS_HEADER: " ".join(tags)},
    )
    try:
        with urllib.request.urlopen(request, timeout=settings.CACHE_PURGE_TIMEOUT) as response:
            status = response.status
    except urllib.error.HTTPError as error:
        status = error.code
    except OSError as error:
        logger.warning("Purge of %s at %s failed: %s", " ".join(tags), proxy_url, error)
        return False
    if 200 <= status < 300:
        return True
    logger.warning("Purge of %s at %s answered %s", " ".join(tags), proxy_url, status)
    return False


def retry_delay(attempt):
    """Seconds before the attempt after `attempt` (1 for the first)."""
    delay = settings.CACHE_PURGE_RETRY_SECONDS * 2 ** (attempt - 1)
    return min(delay, settings.CACHE_PURGE_RETRY_MAX_SECONDS)


# Readers wait for purges; other work on the queue (Wagtail's reference index, e-mails)
# does not: the worker takes purges first.
PURGE_PRIORITY = 50


@task(priority=PURGE_PRIORITY)
def purge_proxies(tags, proxy_urls, attempt=1, fragments=False):
    """Purge `tags` from the fragments (when `fragments`), then from each of `proxy_urls`;
    enqueue a later attempt for what failed."""
    fragments_failed = fragments and not renew_versions(tags)
    failed = [url for url in proxy_urls if not ban(url, tags)]
    if not failed and not fragments_failed:
        return attempt
    if fragments_failed:
        # Pages made before the cache takes the new versions may be in any proxy.
        failed = list(proxy_urls)
    run_after = timezone.now() + datetime.timedelta(seconds=retry_delay(attempt))
    logger.warning(
        "Purge of %s failed at %s (attempt %d); trying again after %s.",
        " ".join(tags),
        ", ".join([*failed, *(["the fragment cache"] if fragments_failed else [])]),
        attempt,
        run_after.isoformat(),
    )
    if not purge_proxies.get_backend().supports_defer:
        # A backend that runs tasks at once (tests, development) cannot wait: give up.
        logger.error("Purge of %s abandoned: the task backend cannot defer.", " ".join(tags))
        return attempt
    purge_proxies.using(run_after=run_after).enqueue(tags, failed, attempt + 1, fragments_failed)
    return attempt
