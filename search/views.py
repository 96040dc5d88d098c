"""The reader's search: a results page and the header box's suggestions."""

import re
from dataclasses import dataclass

from django.core.paginator import Paginator
from django.db.models import Q
from django.http import JsonResponse
from django.template.response import TemplateResponse
from django.utils.translation import gettext
from django.views.decorators.http import require_GET
from wagtail.contrib.search_promotions.models import SearchPromotion
from wagtail.models import Locale, Page
from wagtail.rich_text import get_text_for_indexing
from wagtail.search.utils import normalise_query_string

from articles.models import ArticlePageTopic, TopicIndexPage
from home.models import public_pages
from search.highlight import marked_within, snippets
from search.models import MAX_QUERY_LENGTH, SearchTermHits

RESULTS_PER_PAGE = 10
WORD = re.compile(r"\w+")
SUGGESTIONS_LIMIT = 8


def clean_query(raw):
    """The reader's query without control characters or extra spaces, and whether it was cut
    to MAX_QUERY_LENGTH characters."""
    printable = "".join(char if char.isprintable() else " " for char in raw)
    query = " ".join(printable.split())
    return query[:MAX_QUERY_LENGTH].strip(), len(query) > MAX_QUERY_LENGTH


def search_words(query):
    """The words of a query, as given to the search backend: punctuation and operators are
    left out, so no query can be read as the full-text engine's syntax."""
    return " ".join(WORD.findall(query))


def searchable_pages(locale):
    """Live, public pages of one language: the only pages a reader may find."""
    # Wagtail's public() reads the few view restrictions first, then leaves their pages
    # out by path: one more query, but a check of every page within the search's own
    # query would scan the whole page table (25 ms at 20,000 pages).
    return Page.objects.live().public().filter(locale=locale)


@dataclass
class SearchHit:
    """One result as the results page shows it: the introduction (with the matched words
    marked when the snippet would only repeat it) and the snippet of the matching text."""

    page: Page
    snippet: str = ""
    topics: tuple = ()
    intro: str = ""
    marked_intro: str = ""

    def __post_init__(self):
        intro = getattr(self.page, "intro", "")
        self.intro = get_text_for_indexing(str(intro)) if intro else self.page.search_description
        self.marked_intro = marked_within(self.snippet, self.intro) if self.snippet else ""
        if self.marked_intro:
            self.snippet = ""

    @property
    def date(self):
        """An article's publication date, or when any other page was last published."""
        return getattr(self.page, "date_published", None) or self.page.last_published_at


def topics_by_page(pages):
    """The topic pages of each article among `pages`, in one query."""
    links = (
        ArticlePageTopic.objects.filter(page__in=[page.pk for page in pages], topic__live=True)
        .select_related("topic")
        .order_by("sort_order")
    )
    topics = {}
    for link in links:
        topics.setdefault(link.page_id, []).append(link.topic)
    return topics


def promotions(query, pages):
    """The promotions editors pinned for this query, restricted to `pages` (live, public,
    the reader's language); external links have no language and always show."""
    return SearchPromotion.objects.filter(
        Q(page__isnull=True) | Q(page__in=pages),
        query__query_string=normalise_query_string(query),
    ).select_related("page")


def browse_pages(locale):
    """Where to go from an empty or fruitless search: the topics of the reader's language."""
    topics = public_pages(TopicIndexPage.objects.live().filter(locale=locale))
    return list(topics.order_by("title"))


def search(request):
    query, shortened = clean_query(request.GET.get("q", ""))
    locale = Locale.get_active()
    context = {
        "search_query": query,
        "query_shortened": shortened,
        "query_max_length": MAX_QUERY_LENGTH,
        "search_results": None,
        "hits": [],
        "promotions": [],
    }
    words = search_words(query)
    if words:
        pages = searchable_pages(locale)
        results = pages.specific().search(words, operator="and")
        requested_page = request.GET.get("page", "1")
        search_results = Paginator(results, RESULTS_PER_PAGE).get_page(requested_page)
        matched = snippets(search_results.object_list, words, locale.language_code)
        page_not_found = requested_page.strip() != str(search_results.number)
        context["search_results"] = search_results
        topics = topics_by_page(search_results)
        context["hits"] = [
            SearchHit(page, matched.get(page.pk, ""), tuple(topics.get(page.pk, ())))
            for page in search_results
        ]
        context["page_not_found"] = page_not_found
        if search_results.number == 1:
            context["promotions"] = list(promotions(query, pages))
        if search_results.number == 1 and not page_not_found:
            SearchTermHits.record(query, locale.language_code, search_results.paginator.count)
    if not context["hits"]:
        context["browse_pages"] = browse_pages(locale)
    return TemplateResponse(request, "search/search.html", context)


@require_GET
def suggestions(request):
    """Titles of live pages of the reader's language that start like the query, as JSON."""
    raw = request.GET.get("q", "")
    if len(raw) > MAX_QUERY_LENGTH:
        message = gettext("A search is at most %(limit)d characters long.")
        return JsonResponse({"error": message % {"limit": MAX_QUERY_LENGTH}}, status=400)
    words = search_words(clean_query(raw)[0])
    if not words:
        return JsonResponse({"suggestions": []})
    locale = Locale.get_active()
    pages = searchable_pages(locale).autocomplete(words, operator="and")
    return JsonResponse(
        {
            "suggestions": [
                {"title": page.title, "url": page.get_url(request)}
                for page in pages[:SUGGESTIONS_LIMIT]
            ],
        }
    )
