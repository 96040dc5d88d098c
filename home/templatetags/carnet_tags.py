"""Site-wide template tags: the home page of the reader's language and the language links."""

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils.translation import get_language
from wagtail.models import Page

register = template.Library()


def _request_cache(context, key, compute):
    """Compute a value once per request, whatever the number of tags that ask for it."""
    request = context.get("request")
    cache = getattr(request, "_carnet_cache", None) if request is not None else None
    if cache is None:
        cache = {}
        if request is not None:
            request._carnet_cache = cache
    if key not in cache:
        cache[key] = compute()
    return cache[key]


def _home_pages():
    """The live home page of each language, keyed by language code."""
    from home.models import HomePage

    homes = HomePage.objects.live().select_related("locale")
    return {home.locale.language_code: home for home in homes}


@register.simple_tag(takes_context=True)
def site_home(context):
    """The live home page in the active language (or the default language's)."""
    homes = _request_cache(context, "homes", _home_pages)
    return homes.get(get_language()) or homes.get(settings.LANGUAGE_CODE)


def _page_translations(page):
    """The live translations of a page, its own language included, keyed by language code."""
    translations = page.get_translations(inclusive=True).live().select_related("locale")
    return {translation.locale.language_code: translation for translation in translations}


@register.simple_tag(takes_context=True)
def language_links(context):
    """One link per language for the switcher.

    On a page, a language links to that page's live translation, or to that language's
    home page (with `translated` False, so the template can say so). Elsewhere, to the
    same view in that language.
    """
    request = context.get("request")
    page = context.get("page")
    current = get_language()
    homes = _request_cache(context, "homes", _home_pages)
    translations = {}
    on_page = isinstance(page, Page) and bool(page.pk)
    if on_page:
        translations = _request_cache(context, "translations", lambda: _page_translations(page))
    resolver_match = getattr(request, "resolver_match", None)
    routed_view = resolver_match is not None and resolver_match.url_name != "wagtail_serve"

    links = []
    for code, name in settings.LANGUAGES:
        url, translated = None, True
        if code in translations:
            url = translations[code].url
        elif routed_view:
            url = translate_url(request.get_full_path(), code)
        elif code in homes:
            url, translated = homes[code].url, not on_page
        if url is None:
            continue
        links.append(
            {
                "code": code,
                "name": name,
                "url": url,
                "is_current": code == current,
                "translated": translated,
            }
        )
    return links


@register.simple_tag(takes_context=True)
def hreflang_alternates(context):
    """The page's live translations as (language code, absolute URL) pairs, for `hreflang`."""
    page = context.get("page")
    request = context.get("request")
    if not isinstance(page, Page) or not page.pk:
        return []
    translations = _request_cache(context, "translations", lambda: _page_translations(page))
    return [
        (code, translations[code].get_full_url(request))
        for code, _name in settings.LANGUAGES
        if code in translations
    ]
