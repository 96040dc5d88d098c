"""The sitemap: every live page of every language, each with its translations (`hreflang`)."""

from collections import defaultdict

from django.conf import settings
from wagtail.contrib.sitemaps import Sitemap
from wagtail.models import Page

from home.models import public_pages


def _live_pages(queryset):
    return public_pages(queryset.live()).select_related("locale")


class CarnetSitemap(Sitemap):
    """Wagtail's sitemap lists the pages under the site's root page, which is the French
    home page only; this one lists every language's pages, with their alternates."""

    def items(self):
        site = self.get_wagtail_site()
        pages = Page.objects.none()
        for home in site.root_page.get_translations(inclusive=True):
            pages |= Page.objects.descendant_of(home, inclusive=True)
        return _live_pages(pages).order_by("path")

    def _urls(self, page, protocol, domain):
        pages = list(self.paginator.page(page).object_list)
        translations = defaultdict(dict)
        for translation in _live_pages(
            Page.objects.filter(translation_key__in={item.translation_key for item in pages})
        ):
            translations[translation.translation_key][translation.locale.language_code] = (
                translation.get_full_url(self.request)
            )
        urls = []
        for item in pages:
            urls_by_language = translations[item.translation_key]
            urls.append(
                {
                    "item": item,
                    "location": item.get_full_url(self.request),
                    "lastmod": self.lastmod(item),
                    "alternates": [
                        {"lang_code": code, "location": urls_by_language[code]}
                        for code, _name in settings.LANGUAGES
                        if code in urls_by_language and len(urls_by_language) > 1
                    ],
                }
            )
        lastmods = [url["lastmod"] for url in urls]
        if lastmods and None not in lastmods:
            self.latest_lastmod = max(lastmods)
        return urls
