"""The sitemap: every live page of every language, each with its translations (`hreflang`),
and every author's page of articles."""

from collections import defaultdict

from django.conf import settings
from django.db.models import Max
from wagtail.contrib.sitemaps import Sitemap
from wagtail.models import Page

from core.addresses import page_address
from home.models import public_pages


def _live_pages(queryset):
    return public_pages(queryset.live()).select_related("locale")


def entry(item, urls_by_language, language, lastmod):
    """The sitemap's entry for `item` in `language`; `urls_by_language` holds the full
    address of each of its translations, the alternates."""
    return {
        "item": item,
        "location": urls_by_language[language],
        "lastmod": lastmod,
        "alternates": [
            {"lang_code": code, "location": urls_by_language[code]}
            for code, _name in settings.LANGUAGES
            if code in urls_by_language and len(urls_by_language) > 1
        ],
    }


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
                page_address(translation, self.request)
            )
        urls = [
            entry(
                item,
                translations[item.translation_key],
                item.locale.language_code,
                self.lastmod(item),
            )
            for item in pages
        ]
        lastmods = [url["lastmod"] for url in urls]
        if lastmods and None not in lastmods:
            self.latest_lastmod = max(lastmods)
        return urls


class AuthorSitemap(Sitemap):
    """The page of each author in each language's article index (an address of the index,
    not a page of its own), wherever the author signs a live, public article of it; its
    alternates are the same author's pages in the other languages."""

    def items(self):
        from articles.models import ArticleIndexPage, ArticlePage, Author

        indexes = ArticleIndexPage.objects.none()
        for home in self.get_wagtail_site().root_page.get_translations(inclusive=True):
            indexes |= ArticleIndexPage.objects.descendant_of(home)
        items = []
        for index in public_pages(indexes.live()).select_related("locale").order_by("path"):
            articles = public_pages(ArticlePage.objects.live().child_of(index))
            authors = (
                Author.objects.filter(locale_id=index.locale_id, article_links__page__in=articles)
                .annotate(lastmod=Max("article_links__page__last_published_at"))
                .order_by("name")
            )
            items.extend((index, author) for author in authors)
        return items

    def _urls(self, page, protocol, domain):
        locations = defaultdict(dict)
        for index, author in self.paginator.object_list:
            locations[author.translation_key][index.locale.language_code] = index.author_url(
                author, self.request, index.locale.language_code, full=True
            )
        return [
            entry(
                author,
                locations[author.translation_key],
                index.locale.language_code,
                author.lastmod,
            )
            for index, author in self.paginator.page(page).object_list
        ]
