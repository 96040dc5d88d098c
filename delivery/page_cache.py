"""Whole-page cache for anonymous readers, shared by every app server through the cache.

A page is stored under a key made of the scheme, host, path, query string (without
tracking parameters: core/middleware.py) and language of the request and the release
(delivery/release.py), with the cache *generation* it was rendered in; a hit reads the page
and the current generation together, in one round trip to the cache. Publishing,
unpublishing, moving or deleting a page, or saving any snippet, image, document or site
setting, replaces the generation (see delivery/signals.py): every stored page is invalidated
at once, on every app server, since they share the cache. It is the simplest scheme that
is always right — a page shows its translations, its ancestors, listings and snippets,
and no dependency has to be tracked — at the price of re-rendering the whole site after
any change, which costs one render per page actually visited and is cheap for a magazine
that publishes a few times a day.

Each process also keeps the pages it served lately in its own memory (`HotPages`): a hit
on a hot page then costs no round trip to the cache at all.

Never cached: anything but GET/HEAD; the admin and document downloads; any request
that carries a session or messages cookie or an Authorization header (logged-in
editors, previews, readers with a pending message); any response that is not a 200,
streams, sets a cookie (a CSRF token was used) or says it is private or not to be cached.
"""

import hashlib
import logging
import os
import threading
import time
import uuid
from collections import OrderedDict

from django.conf import settings
from django.core.cache import caches
from django.core.exceptions import DisallowedHost
from django.http import HttpResponse
from django.utils.translation import get_language_from_request

from delivery.release import release

logger = logging.getLogger(__name__)

GENERATION_KEY = "page-cache:generation"
FRAGMENTS_GENERATION_KEY = "page-cache:fragments-generation"
# Where every new generation is announced, to the processes keeping hot pages.
CHANGES_CHANNEL = "page-cache:changes"
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
    if cache.add(key, uuid.uuid4().hex, None):
        announce_change(cache)
    return cache.get(key)


def invalidate_all_pages(fragments=True):
    """Start a new generation: every page stored so far is out of date.

    With `fragments`, so is every fragment kept per publication (delivery/fragments.py): the
    change may show on pages other than its own.
    """
    generations = {GENERATION_KEY: uuid.uuid4().hex}
    if fragments:
        generations[FRAGMENTS_GENERATION_KEY] = uuid.uuid4().hex
    cache = page_cache()
    cache.set_many(generations, None)
    announce_change(cache)


def announce_change(cache):
    """Tell every process that hot pages are out of date, if the cache can (Redis)."""
    if hasattr(cache, "publish"):
        cache.publish(CHANGES_CHANNEL)


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
            release(),
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


class HotPages:
    """The pages one process served lately, kept in its memory; see `hot_pages()`.

    A hot copy is only as good as the generation it was stored in, so the process must
    learn of every new generation at once. It listens on `CHANGES_CHANNEL`, where each one
    is announced, and reads what it heard, without waiting, before each request; hearing
    anything, or losing the subscription, forgets every hot copy and the generation. A
    copy is served only while:

    - the generation was read from the shared cache after the last announcement heard and
      less than PAGE_CACHE_HOT_CHECK_SECONDS ago, so that a subscription that dies without
      a word cannot hide a change for longer;
    - the copy was stored in that generation and is younger than PAGE_CACHE_SECONDS.

    The copies hold at most PAGE_CACHE_HOT_BYTES of content; the least recently served
    ones make room for new ones.
    """

    def __init__(self, capacity, check_seconds):
        self.capacity = capacity
        self.check_seconds = check_seconds
        self.lock = threading.Lock()
        self.subscription = None
        self.subscribe_after = 0.0
        self.pages = OrderedDict()
        self.size = 0
        self.generation = None
        self.checked_at = 0.0
        # How many times everything was forgotten: a generation read before the last
        # time is not confirmed (another thread may have heard of a newer one meanwhile).
        self.forgotten = 0

    def get(self, cache, key):
        """The hot copy of the page at `key` or None, and the count to `confirm` with."""
        with self.lock:
            self.listen(cache)
            stored = self.pages.get(key)
            if stored is None or time.monotonic() - self.checked_at > self.check_seconds:
                return None, self.forgotten
            if stored["generation"] != self.generation or stored["expires"] < time.time():
                self.drop(key)
                return None, self.forgotten
            self.pages.move_to_end(key)
            return stored, self.forgotten

    def confirm(self, generation, forgotten):
        """The generation the shared cache holds, read after the `get` that said `forgotten`."""
        with self.lock:
            if self.subscription is None or forgotten != self.forgotten:
                return
            if generation != self.generation:
                self.forget()
                self.generation = generation
            self.checked_at = time.monotonic()

    def keep(self, key, stored):
        """Keep a copy of a page just read from the shared cache or stored in it."""
        size = len(stored["content"])
        with self.lock:
            if stored["generation"] != self.generation or size > self.capacity:
                return
            if stored.get("expires", 0) < time.time():
                return  # Stored by an older Carnet, without its expiry.
            self.drop(key)
            while self.size + size > self.capacity:
                self.drop(next(iter(self.pages)))
            self.pages[key] = stored
            self.size += size

    def listen(self, cache):
        if self.subscription is None:
            if time.monotonic() < self.subscribe_after:
                return
            self.subscription = cache.subscribe(CHANGES_CHANNEL)
            if self.subscription is None:
                self.subscribe_after = time.monotonic() + self.check_seconds
            self.forget()
            return
        heard = cache.heard(self.subscription)
        if heard is None:
            self.subscription = None
        if heard is not False:
            self.forget()

    def forget(self):
        self.pages.clear()
        self.size = 0
        self.generation = None
        self.forgotten += 1

    def drop(self, key):
        stored = self.pages.pop(key, None)
        if stored is not None:
            self.size -= len(stored["content"])


_hot_pages = {}


def hot_pages(cache):
    """This process's hot pages for `cache`, or None if they are off or `cache` cannot
    announce changes to every process (only Redis can).

    One set per process: a worker forked from a master that had one starts its own.
    """
    if not settings.PAGE_CACHE_HOT_BYTES or not hasattr(cache, "subscribe"):
        return None
    identity = (os.getpid(), cache.location, cache.make_key(CHANGES_CHANNEL))
    hot = _hot_pages.get(identity)
    if hot is None:
        hot = _hot_pages.setdefault(
            identity,
            HotPages(settings.PAGE_CACHE_HOT_BYTES, settings.PAGE_CACHE_HOT_CHECK_SECONDS),
        )
    return hot


class PageCacheMiddleware:
    """Serve anonymous readers from the shared page cache; see the module docstring.

    Goes right after WhiteNoise, before the session and locale middleware: a hit costs
    one cache read and nothing else, none for a hot page. The key holds the language
    LocaleMiddleware will choose, found the same way (the address's prefix, else the
    reader's preferences). Adds `X-Cache: HIT` or `MISS` to the responses it serves or
    stores.
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
        cache = page_cache()
        hot = hot_pages(cache)
        if hot is not None:
            stored, forgotten = hot.get(cache, key)
            if stored is not None:
                return hit(stored)
        found = cache.get_many([GENERATION_KEY, key])
        generation = found.get(GENERATION_KEY) or new_generation()
        if generation is None:
            return self.get_response(request)
        if hot is not None:
            hot.confirm(generation, forgotten)
        stored = found.get(key)
        if stored is not None and stored["generation"] == generation:
            if hot is not None:
                hot.keep(key, stored)
            return hit(stored)
        response = self.get_response(request)
        if request.method == "GET" and is_cacheable_response(response):
            stored = {
                **freeze(response),
                "generation": generation,
                "expires": time.time() + settings.PAGE_CACHE_SECONDS,
            }
            cache.set(key, stored, settings.PAGE_CACHE_SECONDS)
            if hot is not None:
                hot.keep(key, stored)
            response["X-Cache"] = "MISS"
        return response


def hit(stored):
    response = thaw(stored)
    response["X-Cache"] = "HIT"
    return response
