"""Route a page request with one query before the page's own: the home page of its language.

Wagtail looks up, on every request, the site (one query), the active locale (one) and
the root page's translation into it, base then specific (two more). Sites and locales
change a few times in a site's life: they are kept in memory, in each worker, for
`ROUTING_CACHE_SECONDS`, and forgotten at once in the worker that saves or deletes one
(the others catch up within that time). The home page is read from the database on
every request, so its own edits show at once.
"""

import functools
import time

from django.db.models.signals import post_delete, post_save
from django.http import Http404
from django.http.request import split_domain_port
from django.utils.translation import get_language, override
from wagtail import views as wagtail_views
from wagtail.models import Locale, Page, Site

from home.prepared import PreparedQuery

ROUTING_CACHE_SECONDS = 60

_sites = {}
_locales = {}


def forget_sites_and_locales(**kwargs):
    """Empty this worker's memory of sites and locales."""
    _sites.clear()
    _locales.clear()


def _remembered(memory, key, compute):
    now = time.monotonic()
    found = memory.get(key)
    if found is None or found[0] < now:
        found = (now + ROUTING_CACHE_SECONDS, compute())
        memory[key] = found
    return found[1]


def site_for_request(request):
    """The site serving `request`, as Wagtail finds it, from this worker's memory."""
    hostname = split_domain_port(request._get_raw_host())[0]
    port = request.get_port()
    return _remembered(_sites, (hostname, port), lambda: Site._find_for_request(request))


def locale_for_language(language_code):
    """The Locale of `language_code` (or the default one), from this worker's memory."""

    def active_locale():
        with override(language_code):
            return Locale.get_active()

    return _remembered(_locales, language_code, active_locale)


def root_translations_query(model, root, root_locale, locale):
    """The page `root` and its translation into `locale`, with their privacy checks."""
    from home.models import view_restriction_exists

    key = Page.objects.filter(pk=root).values("translation_key")
    translations = model.objects.filter(
        translation_key__in=key, locale_id__in=[root_locale, locale]
    )
    return translations.annotate(has_view_restrictions=view_restriction_exists())


_root_translation_queries = {}


def localized_root(site, locale):
    """The site's root page in `locale`, specific, with its privacy check, in one query;
    the root itself when it has no live translation there (as Wagtail's `localized`)."""
    root = site.root_page
    model = root.specific_class
    if model is None:
        return root.specific
    query = _root_translation_queries.get(model)
    if query is None:
        query = _root_translation_queries[model] = PreparedQuery(
            functools.partial(root_translations_query, model),
            root=int,
            root_locale=int,
            locale=int,
        )
    translations = query(root=root.pk, root_locale=root.locale_id, locale=locale.pk)
    candidates = {page.locale_id: page for page in translations}
    translation = candidates.get(locale.pk)
    if translation is not None and translation.live:
        return translation
    return candidates.get(root.locale_id) or root.specific


class RoutingCacheMiddleware:
    """Find the site and the route of a page request with remembered sites and locales.

    Other views are left alone: `/healthz` must not touch the database before it means to.
    Goes after LocaleMiddleware. Wagtail's serve view then reuses the route it finds
    (`request._wagtail_route_for_request`), exactly as if it had found it itself.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if view_func is not wagtail_views.serve or hasattr(request, "_wagtail_route_for_request"):
            return None
        site = request._wagtail_site = site_for_request(request)
        route = None
        if site is not None:
            path = view_args[0] if view_args else view_kwargs.get("path", "")
            components = [component for component in path.split("/") if component]
            home = localized_root(site, locale_for_language(get_language()))
            try:
                route = home.route(request, components)
            except Http404:
                route = None
        request._wagtail_route_for_request = route
        return None


def connect_receivers():
    for model in (Site, Locale):
        post_save.connect(forget_sites_and_locales, sender=model, dispatch_uid=f"routing-{model}")
        post_delete.connect(
            forget_sites_and_locales, sender=model, dispatch_uid=f"routing-del-{model}"
        )
