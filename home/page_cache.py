"""Whole-page cache for anonymous readers, shared by every app server through the cache.

A page is stored under a key made of the scheme, host, path, query string and language
of the request, with the cache *generation* it was rendered in; a hit reads the page and
the current generation together, in one round trip to the cache. Publishing,
unpublishing, moving or deleting a page, or saving any snippet, image, document or site
setting, replaces the generation (see home/signals.py): every stored page is invalidated
at once, on every app server, since they share the cache. It is the simplest scheme that
is always right — a page shows its translations, its ancestors, listings and snippets,
and no dependency has to be tracked — at the price of re-rendering the whole site after
any change, which costs one render per page actually visited and is cheap for a magazine
that publishes a few times a day.

Never cached: anything but GET/HEAD; the admin and document downloads; any request
that carries a session or messages cookie or an Authorization header (logged-in
editors, previews, readers with a pending message); any response that is not a 200,
streams, sets a cookie (a CSRF token was used) or says it is private or not to be cached.
"""

import hashlib
import logging
import uuid

from django.conf import settings
from django.core.cache import caches
from django.core.exceptions import DisallowedHost
from django.http import HttpResponse
from django.utils.translation import get_language_from_request

logger = logging.getLogger(__name__)

GENERATION_KEY = "page-cache:generation"
FRAGMENTS_GENERATION_KEY = "page-cache:fragments-generation"
# The cookie set by django.contrib.messages' cookie storage.
MESSAGES_COOKIE = "messages"
UNCACHEABLE_DIRECTIVES = {"private", "no-cache", "no-store"}
# Headers that belong to one response, never to be replayed from the cache.
UNSTORED_HEADERS = {"set-cookie", "x-cache"}


def page_cache():
    return caches[settings.PAGE_CACHE_ALIAS]


def new_generation(key=GENERATION_KEY):
    """A generation token for a cache that has none yet; None if the cache is down."""
    cache = page_cache()
    cache.add(key, uuid.uuid4().hex, None)
    return cache.get(key)


def invalidate_all_pages(fragments=True):
    """Start a new generation: every page stored so far is out of date.

    With `fragments`, so is every fragment kept per publication (home/fragments.py): the
    change may show on pages other than its own.
    """
    generations = {GENERATION_KEY: uuid.uuid4().hex}
    if fragments:
        generations[FRAGMENTS_GENERATION_KEY] = uuid.uuid4().hex
    page_cache().set_many(generations, None)


def bypass_cookies():
    return {settings.SESSION_COOKIE_NAME, MESSAGES_COOKIE, *settings.PAGE_CACHE_BYPASS_COOKIES}


def is_cacheable_request(request):
    if request.method not in ("GET", "HEAD"):
        return False
    if request.path.startswith(tuple(settings.PAGE_CACHE_EXCLUDED_PATHS)):
        return False
    if "HTTP_AUTHORIZATION" in request.META:
        return False
    return not bypass_cookies().intersection(request.COOKIES)


def is_cacheable_response(response):
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    cache_control = {
        directive.split("=")[0].strip().lower()
        for directive in response.get("Cache-Control", "").split(",")
    }
    return not UNCACHEABLE_DIRECTIVES.intersection(cache_control)


def cache_key(request):
    parts = "\n".join(
        [
            request.scheme,
            request.get_host(),
            request.get_full_path(),
            get_language_from_request(request, check_path=True),
        ]
    )
    return "page-cache:page:" + hashlib.sha256(parts.encode()).hexdigest()


def freeze(response):
    headers = [
        (name, value) for name, value in response.items() if name.lower() not in UNSTORED_HEADERS
    ]
    return {"status": response.status_code, "headers": headers, "content": response.content}


def thaw(stored):
    response = HttpResponse(stored["content"], status=stored["status"])
    for name, value in stored["headers"]:
        response[name] = value
    return response


class PageCacheMiddleware:
    """Serve anonymous readers from the shared page cache; see the module docstring.

    Goes right after WhiteNoise, before the session and locale middleware: a hit costs
    one cache read and nothing else. The key holds the language LocaleMiddleware will
    choose, found the same way (the address's prefix, else the reader's preferences).
    Adds `X-Cache: HIT` or `MISS` to the responses it serves or stores.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not settings.PAGE_CACHE_SECONDS or not is_cacheable_request(request):
            return self.get_response(request)
        try:
            key = cache_key(request)
        except DisallowedHost:
            return self.get_response(request)  # the view answers 400.
        found = page_cache().get_many([GENERATION_KEY, key])
        generation = found.get(GENERATION_KEY) or new_generation()
        if generation is None:
            return self.get_response(request)
        stored = found.get(key)
        if stored is not None and stored["generation"] == generation:
            response = thaw(stored)
            response["X-Cache"] = "HIT"
            return response
        response = self.get_response(request)
        if request.method == "GET" and is_cacheable_response(response):
            page_cache().set(
                key, {**freeze(response), "generation": generation}, settings.PAGE_CACHE_SECONDS
            )
            response["X-Cache"] = "MISS"
        return response
