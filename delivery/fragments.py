"""Template fragments of pages, kept in the cache every app server shares, and dropped by
the same tags as the caching proxy's copies (docs/caching.md).

A page's template wraps what is costly to render, and shared by every reader, in
`{% page_fragment "name" %}…{% endpage_fragment %}` (delivery/templatetags/fragments.py).
The fragment's key holds the page's state (Wagtail's `Page.cache_key`: id, path and
last publication), the request's host, scheme, path and language, and the version of
each cache tag the page's response carries (`BasePage.cache_tags`). A purge
(delivery/purges.py) renews the versions of its tags before it purges the proxies: every
fragment that shows what changed gets a new key, and the old entries expire unread.

Fragments live in the `template_fragments` cache, which must be shared by the app servers
and the task worker (Redis): without `REDIS_URL` it is Django's dummy cache, and pages
are rendered whole. When the cache cannot be read, a page is rendered whole too: a
fragment is never read nor written without the versions of its tags.

The site's own frame (the header's links, the footer: the same on every page of a language)
is kept once per language and host, `{% site_fragment "name" %}…{% endsite_fragment %}`,
on every page and view alike; its key holds the version of `all`, which whatever the frame
shows purges (home and information pages, the site's settings).
"""

import hashlib
import uuid

from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.dummy import DummyCache
from django.core.exceptions import DisallowedHost
from django.utils.translation import get_language
from wagtail.models import Page

from delivery.caching import valid_tags

CACHE_ALIAS = "template_fragments"
ALL = "all"


def fragment_cache():
    return caches[CACHE_ALIAS]


def fragments_enabled():
    """Whether fragments are kept: only in a cache the app servers and the worker share."""
    return not isinstance(fragment_cache(), DummyCache)


def version_key(tag):
    return f"tag-version:{tag}"


def tag_versions(tags):
    """The current version of each of `tags` (a new one for a tag not seen yet), as one
    string; None when the cache does not answer."""
    cache = fragment_cache()
    keys = [version_key(tag) for tag in valid_tags(tags)]
    found = cache.get_many(keys)
    missing = [key for key in keys if key not in found]
    if missing:
        for key in missing:
            cache.add(key, uuid.uuid4().hex, None)
        found.update(cache.get_many(missing))
    if len(found) < len(keys):
        return None
    return ".".join(found[key] for key in keys)


def renew_versions(tags):
    """Give each of `tags` a new version, so that no fragment showing them is read again;
    whether the cache took them all."""
    versions = {version_key(tag): uuid.uuid4().hex for tag in valid_tags(tags)}
    return not fragment_cache().set_many(versions, None)


def digest(parts):
    return hashlib.md5("\n".join(parts).encode(), usedforsecurity=False).hexdigest()


def fragment_version(context):
    """What a fragment of the page being rendered depends on, as a short string; None
    when the fragment must be rendered, not cached: no page, a response not meant to be
    shared (a page that names no tag), fragments not kept, or the cache not answering."""
    request, page = context.get("request"), context.get("page")
    if request is None or not isinstance(page, Page) or not fragments_enabled():
        return None
    cache_tags = getattr(page, "cache_tags", None)
    tags = cache_tags(request) if cache_tags is not None else None
    if not tags:
        return None
    versions = tag_versions([ALL, *tags])
    if versions is None:
        return None
    parts = [page.cache_key, request.scheme, request.get_host(), request.path, get_language()]
    parts.append(versions)
    return digest(parts)


def site_fragment_version(context):
    """What a fragment of the site's frame depends on, as a short string; None when
    fragments are not kept, the cache does not answer, or the request names a host the
    site does not serve (its error page is rendered whole)."""
    request = context.get("request")
    if request is None or not fragments_enabled():
        return None
    try:
        host = request.get_host()
    except DisallowedHost:
        return None
    versions = tag_versions([ALL])
    if versions is None:
        return None
    return digest([request.scheme, host, get_language(), versions])


def fragment_seconds():
    return settings.FRAGMENT_CACHE_SECONDS
