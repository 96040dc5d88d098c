"""Purging the caching proxies: a task on the queue, retried until every proxy agrees.

`purge_later(tags)` enqueues `purge_proxies` with Django's Tasks API. With the database
backend (django_tasks_db) the task is a row written in the transaction of the change that
calls for it: it exists exactly when the change is committed, and the worker
(`manage.py db_worker`) runs it once it is. A publication never waits for a proxy.

The task sends `BAN /` with `X-Purge-Tags: <tags>` to each proxy of CACHE_PROXY_URLS (the
proxy drops every object whose `X-Cache-Tags` holds one of them and answers 200). A proxy
that does not answer 2xx is tried again by a new task, for that proxy alone, after a
delay that doubles with each attempt (CACHE_PURGE_RETRY_SECONDS, at most
CACHE_PURGE_RETRY_MAX_SECONDS); each failure is logged.
"""

import datetime
import logging
import urllib.error
import urllib.request

from django.conf import settings
from django.utils import timezone
from django_tasks import task

from delivery.caching import valid_tags

logger = logging.getLogger(__name__)

PURGE_TAGS_HEADER = "X-Purge-Tags"


def purge_later(tags):
    """Have every cached response showing any of `tags` purged from the proxies, once the
    current transaction commits; nothing when no proxy is configured or no tag given."""
    tags = valid_tags(tags)
    if tags and settings.CACHE_PROXY_URLS:
        purge_proxies.enqueue(tags, list(settings.CACHE_PROXY_URLS))


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


@task()
def purge_proxies(tags, proxy_urls, attempt=1):
    """Purge `tags` from each of `proxy_urls`; enqueue a later attempt for those that failed."""
    failed = [url for url in proxy_urls if not ban(url, tags)]
    if not failed:
        return attempt
    run_after = timezone.now() + datetime.timedelta(seconds=retry_delay(attempt))
    logger.warning(
        "Purge of %s failed at %s (attempt %d); trying again after %s.",
        " ".join(tags),
        ", ".join(failed),
        attempt,
        run_after.isoformat(),
    )
    if not purge_proxies.get_backend().supports_defer:
        # A backend that runs tasks at once (tests, development) cannot wait: give up.
        logger.error("Purge of %s abandoned: the task backend cannot defer.", " ".join(tags))
        return attempt
    purge_proxies.using(run_after=run_after).enqueue(tags, failed, attempt + 1)
    return attempt
