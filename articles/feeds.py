"""Atom feeds of the latest articles: one per language (the article index), one per topic."""

from datetime import datetime, time

from django.contrib.syndication.views import Feed
from django.db.models import Prefetch
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed

from core.addresses import absolute_url, page_address

from .models import ArticlePageAuthor

FEED_LENGTH = 20


def _as_datetime(day):
    return timezone.make_aware(datetime.combine(day, time.min))


class ArticleFeed(Feed):
    feed_type = Atom1Feed

    def __call__(self, request, *args, **kwargs):
        self.request = request
        return super().__call__(request, *args, **kwargs)

    def get_object(self, request, page):
        return page

    def title(self, page):
        return f"{page.title} · Carnet"

    def subtitle(self, page):
        return page.intro

    def link(self, page):
        return page_address(page, self.request)

    def feed_url(self, page):
        return absolute_url(self.request.get_full_path(), self.request)

    def items(self, page):
        authors = ArticlePageAuthor.objects.select_related("author")
        return page.get_articles().prefetch_related(Prefetch("author_links", queryset=authors))[
            :FEED_LENGTH
        ]

    def item_title(self, article):
        return article.title

    def item_description(self, article):
        return article.intro

    def item_link(self, article):
        return page_address(article, self.request)

    def item_pubdate(self, article):
        return _as_datetime(article.date_published)

    def item_updateddate(self, article):
        return _as_datetime(article.last_modified)

    def item_author_name(self, article):
        return ", ".join(link.author.name for link in article.author_links.all())

    def item_categories(self, article):
        return [link.topic.title for link in article.topic_links.all()]
