"""The article listings other apps' templates show: the home page's latest articles and
topics, and its feed link."""

from django import template
from django.db.models import BooleanField, Case, ExpressionWrapper, Q, When

from home.models import HomePage, public_pages

from ..listings import HOME_ARTICLES, article_cards, live_articles
from ..models import ArticleIndexPage, ArticlePage, TopicIndexPage

register = template.Library()


def article_index(home):
    return ArticleIndexPage.objects.live().child_of(home).first()


@register.inclusion_tag("articles/tags/home_listings.html", takes_context=True)
def home_listings(context, home):
    """The featured article and the latest others of `home`'s language, its topics, and
    its “see all” page.

    The featured article is the one chosen on this home page or, if none is, on one of
    its translations, in this language; it comes in the query of the latest articles.
    """
    in_language = ArticlePage.objects.filter(locale_id=home.locale_id)
    newest = live_articles(in_language).values("pk")[: HOME_ARTICLES + 1]
    choice = (
        HomePage.objects.filter(
            translation_key=home.translation_key, featured_article__isnull=False
        )
        .order_by(Case(When(pk=home.pk, then=0), default=1))
        .values("featured_article__translation_key")[:1]
    )
    chosen = Q(translation_key__in=choice)
    cards = in_language.filter(Q(pk__in=newest) | chosen).annotate(
        is_featured=ExpressionWrapper(chosen, output_field=BooleanField())
    )
    cards = list(article_cards(cards))
    featured = next((card for card in cards if card.is_featured), None)
    topics = public_pages(TopicIndexPage.objects.live().filter(locale_id=home.locale_id))
    return {
        "request": context.get("request"),
        "featured_article": featured,
        "latest_articles": [card for card in cards if card is not featured][:HOME_ARTICLES],
        "topics": list(topics.order_by("path")),
        "article_index": article_index(home),
    }


@register.simple_tag(takes_context=True)
def home_feeds(context, home):
    """The feed of `home`'s language, as (title, address) pairs for `<link>` elements."""
    index = article_index(home)
    return [(index.title, index.feed_url(context.get("request")))] if index else []
