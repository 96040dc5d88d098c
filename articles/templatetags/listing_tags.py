"""The article listings other apps' templates show: the home page's latest articles and
topics, and its feed link."""

from django import template

from home.models import public_pages

from ..listings import HOME_ARTICLES, article_cards
from ..models import ArticleIndexPage, ArticlePage, TopicIndexPage

register = template.Library()


def article_index(home):
    return ArticleIndexPage.objects.live().child_of(home).first()


@register.inclusion_tag("articles/tags/home_listings.html", takes_context=True)
def home_listings(context, home):
    """The latest articles of `home`'s language, its topics, and its “see all” page."""
    latest = article_cards(ArticlePage.objects.filter(locale_id=home.locale_id))
    topics = public_pages(TopicIndexPage.objects.live().filter(locale_id=home.locale_id))
    return {
        "request": context.get("request"),
        "latest_articles": list(latest[:HOME_ARTICLES]),
        "topics": list(topics.order_by("path")),
        "article_index": article_index(home),
    }


@register.simple_tag(takes_context=True)
def home_feeds(context, home):
    """The feed of `home`'s language, as (title, address) pairs for `<link>` elements."""
    index = article_index(home)
    return [(index.title, index.feed_url(context.get("request")))] if index else []
