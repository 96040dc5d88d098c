"""The article lists readers see: cards of an index or topic, recent articles, the home page.

Each list costs a fixed number of queries whatever its length: bodies are left out,
hero images come with their renditions and articles with their topics, in bulk.
"""

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.core.paginator import Page as PaginatorPage
from django.db.models import Prefetch
from django.http import Http404
from wagtail.images import get_image_model

from home.models import public_pages

from .models import ArticlePage, ArticlePageTopic

ARTICLES_PER_PAGE = 12
RECENT_ARTICLES = 3
HOME_ARTICLES = 6
CARD_IMAGE_SPECS = ("fill-480x270", "fill-960x540")


def live_articles(queryset):
    """Live articles readers may see, newest first."""
    return public_pages(queryset.live()).order_by("-date_published", "-pk")


def article_cards(queryset):
    """Live articles with what a card shows: hero image and its renditions, topics.

    `queryset` must not repeat an article (select through a relation with `pk__in`, not
    a join): a DISTINCT would make PostgreSQL sort every article to show the first few.
    """
    renditions = get_image_model().get_rendition_model().objects
    return (
        live_articles(queryset)
        .defer_streamfields()
        .select_related("hero_image")
        .prefetch_related(
            Prefetch(
                "hero_image__renditions",
                queryset=renditions.filter(filter_spec__in=CARD_IMAGE_SPECS),
            ),
            Prefetch(
                "topic_links",
                queryset=ArticlePageTopic.objects.filter(topic__live=True).select_related("topic"),
            ),
        )
    )


class CardPaginator(Paginator):
    """Pages of article cards that cost about the same far from the first page.

    To skip the articles of the pages before it, the database sorts them; sorting whole
    cards made page 500 of 10,000 articles cost 1.7 times page 1. Here only their ids
    are sorted and skipped, and the cards of the page are read by id.
    """

    def page(self, number):
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        shown = self.object_list.prefetch_related(None).values("pk")[
            bottom : bottom + self.per_page
        ]
        return PaginatorPage(self.object_list.filter(pk__in=shown), number, self)


def page_number(request):
    """The page number a listing was asked for: `?page=`, 1 if it is not a number.

    The only query parameter a listing reads: any other one changes nothing.
    """
    try:
        return int(request.GET.get("page", "1"))
    except ValueError:
        return 1


def paginate(request, queryset):
    """One page of `queryset`; a number past the last page or below 1 is a 404 (the first
    page of an empty listing exists)."""
    paginator = CardPaginator(queryset, ARTICLES_PER_PAGE)
    try:
        return paginator.page(page_number(request))
    except (EmptyPage, PageNotAnInteger) as error:
        raise Http404(str(error)) from error


def recent_articles(article):
    """The latest articles of the same language, this one excluded."""
    others = ArticlePage.objects.filter(locale_id=article.locale_id).exclude(pk=article.pk)
    return list(live_articles(others).defer_streamfields()[:RECENT_ARTICLES])
