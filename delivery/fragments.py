"""Fragments of a page kept in the cache for as long as the page's publication lasts.

The page cache (delivery/page_cache.py) serves whole pages to readers without a session,
and starts again from nothing after any publication. A reader with a session (one who
has commented or subscribed), and every reader after a publication, gets a page made
for them; most of it is the same until the page itself is published again. Those parts
are rendered once and kept, under a key made of:

- the page's `cache_key`: its id, address and last publication time (Wagtail's); an
  article adds its live translations, which its language links and metadata show;
- the request's scheme, host, path and query string (the sign-up forms bring the
  reader back to it), and the language;
- the release (delivery/release.py).

Each is stored with the *fragments generation* it was made in, and read with the current
one, in the same round trip. That generation is replaced, with the page cache's, by any
change that may show inside other pages' fragments (a topic's or an author's name, an
image, a site setting; see delivery/signals.py), and not by the publication of an article no
other page links to, which is what a magazine publishes most.

What changes with every comment or other article (comments, the comment form, recent
posts) is rendered outside them; a fragment holding a CSRF token is never kept. Previews
never use them. Pages that do not name their fragments render everything every time.
"""

import hashlib

from django.conf import settings
from django.utils.translation import get_language

from delivery.page_cache import FRAGMENTS_GENERATION_KEY, new_generation, page_cache
from delivery.release import release


class PublicationFragments:
    """The fragments `names` of `page` for `request`: those the cache has, read at once
    with the fragments generation (each is stored with the generation it was made in)."""

    def __init__(self, request, page, names):
        self.found = {}
        self.keys = {}
        if not settings.FRAGMENT_CACHE_SECONDS or getattr(request, "is_preview", False):
            return
        parts = [
            page.cache_key,
            request.scheme,
            request.get_host(),
            request.get_full_path(),
            get_language(),
            release(),
        ]
        identity = hashlib.sha256("\n".join(parts).encode()).hexdigest()
        keys = {name: f"page-cache:fragments:{name}:{identity}" for name in names}
        stored = page_cache().get_many([FRAGMENTS_GENERATION_KEY, *keys.values()])
        self.generation = stored.get(FRAGMENTS_GENERATION_KEY) or new_generation(
            FRAGMENTS_GENERATION_KEY
        )
        if self.generation is None:
            return  # the cache is down.
        self.keys = keys
        for name, key in keys.items():
            if key in stored and stored[key]["generation"] == self.generation:
                self.found[name] = stored[key]["html"]

    @property
    def complete(self):
        """Whether every fragment is in the cache: what only they show need not be read."""
        return bool(self.keys) and len(self.found) == len(self.keys)

    def get(self, name):
        return self.found.get(name)

    def store(self, name, html):
        if name in self.keys:
            fragment = {"generation": self.generation, "html": html}
            page_cache().set(self.keys[name], fragment, settings.FRAGMENT_CACHE_SECONDS)
            self.found[name] = html
