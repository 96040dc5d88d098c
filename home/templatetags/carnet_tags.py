"""Site-wide template tags: home pages and language links, page metadata, dates."""

import json
import locale

from django import template
from django.conf import settings
from django.db.models import F
from django.templatetags.static import static
from django.urls import translate_url
from django.utils import formats
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, get_language_info, to_locale
from wagtail.models import Page

from core.addresses import absolute_url, page_address
from home.models import HomePage, SiteLinks

register = template.Library()

# The ordinal a language writes for the first day of a month, where it has one.
FIRST_DAY = {"fr": "1er"}
SHARE_IMAGE_SPEC = "fill-1200x630"
DEFAULT_SHARE_IMAGE = "img/carnet-share.png"


def opengraph_locale(language_code):
    """OpenGraph's `language_TERRITORY` for a language code: the territory a code names
    (`pt-br` → pt_BR), else the usual one from the C library's table (`fr` → fr_FR,
    `es` → es_ES, `en` → en_US), else the language alone."""
    name = to_locale(language_code)
    if "_" in name:
        return name
    normalised = locale.normalize(name).split(".")[0]
    return normalised if "_" in normalised else name


def _request_state(context):
    """A dict kept for the whole request, whatever the number of tags that read it."""
    request = context.get("request")
    if request is None:
        return {}
    if not hasattr(request, "_carnet_cache"):
        request._carnet_cache = {}
    return request._carnet_cache


def _current_page(context):
    page = context.get("page")
    return page if isinstance(page, Page) and page.pk else None


def _site_links(request):
    """The site's links setting (one query, with the pages it names), or None."""
    if request is None:
        return None
    try:
        return SiteLinks.for_request(request)
    except SiteLinks.DoesNotExist:
        return None


def _site_pages(context, navigation=False):
    """The live home page of each language and the live translations of the current page;
    with `navigation`, those of the pages the site links to in its header and footer too,
    and the site's links setting.

    One query, made once per request (the setting costs one more), or twice when the
    navigation is asked for after the rest: the header and footer are usually cached
    (`site_fragment`), and the language links alone need no setting. Home pages carry
    their `tagline`.
    """
    page = _current_page(context)
    request = context.get("request")

    def compute():
        links = _site_links(request) if navigation else None
        linked = links.linked_pages() if links is not None else {}
        # A union rather than conditions joined by OR, which would read every page.
        wanted = HomePage.objects.order_by().values("pk")
        keys = {linked_page.translation_key for linked_page in linked.values()}
        if page is not None:
            keys.add(page.translation_key)
        if keys:
            wanted = wanted.union(
                Page.objects.filter(translation_key__in=keys).order_by().values("pk")
            )
        pages = (
            Page.objects.live()
            .filter(pk__in=wanted)
            .select_related("locale")
            .annotate(tagline=F("homepage__tagline"))
        )
        homes, translations, by_key = {}, {}, {}
        for found in pages:
            code = found.locale.language_code
            if found.tagline is not None:
                homes[code] = found
            if page is not None and found.translation_key == page.translation_key:
                translations[code] = found
            by_key[found.translation_key, code] = found
        pages_by_language = {
            code: {
                name: by_key.get((linked_page.translation_key, code))
                or by_key.get((linked_page.translation_key, settings.LANGUAGE_CODE))
                for name, linked_page in linked.items()
            }
            for code, _name in settings.LANGUAGES
        }
        return homes, translations, pages_by_language if navigation else None, links

    state = _request_state(context)
    if "site_pages_and_navigation" not in state and (navigation or "site_pages" not in state):
        state["site_pages_and_navigation" if navigation else "site_pages"] = compute()
    return state.get("site_pages_and_navigation") or state["site_pages"]


@register.simple_tag(takes_context=True)
def site_home(context):
    """The live home page in the active language (or the default language's)."""
    homes = _site_pages(context)[0]
    return homes.get(get_language()) or homes.get(settings.LANGUAGE_CODE)


def _alternate_urls(context):
    """Where the current page is in each language it is live in: {code: (URL, full URL)}.

    A view that shows something other than the page itself (an author's articles, say)
    gives its own as `alternate_urls`.
    """
    if "alternate_urls" in context:
        return context["alternate_urls"]
    translations = _site_pages(context)[1]
    request = context.get("request")
    return {
        code: (translation.get_url(request), page_address(translation, request))
        for code, translation in translations.items()
    }


def _direction(code):
    return "rtl" if get_language_info(code)["bidi"] else "ltr"


@register.simple_tag(takes_context=True)
def language_links(context):
    """One link per language for the switcher.

    On a page, a language links to that page's live translation, or to that language's
    home page (with `translated` False, so the template can say so). Elsewhere, to the
    same view in that language. `direction` is set where a language is written the other
    way round from the page's (an Arabic name on a French page).
    """
    request = context.get("request")
    current = get_language()
    on_page = _current_page(context) is not None
    alternates = _alternate_urls(context) if on_page else {}
    resolver_match = getattr(request, "resolver_match", None)
    routed_view = resolver_match is not None and resolver_match.url_name != "wagtail_serve"

    links = []
    for code, name in settings.LANGUAGES:
        url, translated = None, True
        if code in alternates:
            url = alternates[code][0]
        elif routed_view:
            url = translate_url(request.get_full_path(), code)
        elif code in (homes := _site_pages(context)[0]):
            url, translated = homes[code].get_url(request), not on_page
        if url is None:
            continue
        links.append(
            {
                "code": code,
                "name": name,
                "direction": _direction(code) if _direction(code) != _direction(current) else "",
                "url": url,
                "is_current": code == current,
                "translated": translated,
            }
        )
    return links


@register.simple_tag(takes_context=True)
def site_navigation(context):
    """The header's and footer's links in the active language, as set in the admin
    (Settings › Site links): the addresses of "articles", "topics", "about", "legal",
    "privacy" and of the articles' "feed" (None where unset), and "social", a list of
    (network, address) pairs. A page not live in the active language is linked in the
    default language. No query of its own: see `_site_pages`.
    """
    request = context.get("request")
    _homes, _translations, navigation, links = _site_pages(context, navigation=True)
    pages = navigation.get(get_language()) or navigation.get(settings.LANGUAGE_CODE) or {}
    found = {name.removesuffix("_page"): pages.get(name) for name in SiteLinks.PAGES}
    result = {name: page.get_url(request) if page else None for name, page in found.items()}
    articles = found["articles"]
    feed_url = getattr(articles.specific_deferred, "feed_url", None) if articles else None
    result["feed"] = feed_url(request) if feed_url else None
    result["social"] = links.social_links() if links is not None else []
    return result


@register.simple_tag(takes_context=True)
def hreflang_alternates(context):
    """The page's live translations as (language code, absolute URL) pairs, for `hreflang`."""
    if _current_page(context) is None:
        return []
    alternates = _alternate_urls(context)
    return [
        (code, alternates[code][1]) for code, _name in settings.LANGUAGES if code in alternates
    ]


def _absolute(request, url):
    return absolute_url(url, request)


@register.simple_tag(takes_context=True)
def canonical_url(context):
    """The one address of what is shown: the view's own, or the page's."""
    if context.get("canonical_url"):
        return context["canonical_url"]
    page = _current_page(context)
    return page_address(page, context.get("request")) if page is not None else ""


@register.inclusion_tag("includes/social_meta.html", takes_context=True)
def social_meta(context):
    """Description, OpenGraph and Twitter card metadata of the current page."""
    request = context.get("request")
    page = _current_page(context)
    specific = page.specific_deferred if page is not None else None
    title = context.get("meta_title") or (
        (specific.seo_title or specific.title) if specific else "Carnet"
    )
    description = context.get("meta_description")
    if description is None and specific is not None and hasattr(specific, "get_meta_description"):
        description = specific.get_meta_description()
    description = " ".join(str(description or "").split())
    image = specific.get_meta_image() if hasattr(specific, "get_meta_image") else None
    image_alt = getattr(specific, "hero_alt_text", "") if image else ""
    if image is not None:
        rendition = image.get_rendition(SHARE_IMAGE_SPEC)
        image_url, width, height = rendition.url, rendition.width, rendition.height
    else:
        image_url, width, height = static(DEFAULT_SHARE_IMAGE), 1200, 630
        image_alt = "Carnet"
    language = get_language()
    return {
        "title": title,
        "description": description,
        "url": canonical_url(context),
        "og_type": getattr(specific, "og_type", "website"),
        "og_locale": opengraph_locale(language),
        "og_alternate_locales": [
            opengraph_locale(code)
            for code, _url in hreflang_alternates(context)
            if code != language
        ],
        "image_url": _absolute(request, image_url),
        "image_width": width,
        "image_height": height,
        "image_alt": image_alt,
        "page": specific,
    }


@register.filter
def long_date(value):
    """A date written out in the active language's DATE_FORMAT: “10 février 2025”,
    “10 February 2025”, “10 de febrero de 2025”.

    French writes the first day of a month “1er” (`FIRST_DAY`).
    """
    if not value:
        return ""
    text = formats.date_format(value, "DATE_FORMAT")
    first_day = FIRST_DAY.get(get_language())
    if first_day and value.day == 1:
        text = first_day + text[1:]
    return text


@register.simple_tag
def json_ld(data):
    """`data` as a JSON-LD script element, safe to put in HTML."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    for char, escaped in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026")):
        text = text.replace(char, escaped)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(text))
