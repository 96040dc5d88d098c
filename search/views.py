"""The reader's search: a results page and the header box's suggestions."""

import datetime
import re
from dataclasses import dataclass
from functools import cache, cached_property

from django import forms
from django.core.paginator import Page as PaginatorPage
from django.core.paginator import Paginator
from django.db.models import F, FilteredRelation, Q, TextField, Value
from django.db.models.functions import Coalesce
from django.http import JsonResponse
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext, gettext_lazy, pgettext_lazy
from django.views.decorators.http import require_GET
from wagtail.contrib.search_promotions.models import SearchPromotion
from wagtail.models import Locale, Page, get_page_models
from wagtail.rich_text import get_text_for_indexing
from wagtail.search.utils import normalise_query_string

from articles.models import ArticlePage, ArticlePageTopic, TopicIndexPage
from home.models import public_pages
from search.highlight import marked_within, matched_text, snippet
from search.models import MAX_QUERY_LENGTH, SearchTermHits
from search.vocabulary import query_statistics

RESULTS_PER_PAGE = 10
WORD = re.compile(r"\w+")
SUGGESTIONS_LIMIT = 8
# Below this many results the count is exact; from it on, PostgreSQL's estimate ("about …").
EXACT_COUNT_BELOW = 1000
# With fewer results than this, the page suggests a correction ("did you mean").
FEW_RESULTS = 3


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


def searchable_pages(locale, model=Page):
    """Live, public pages (of `model`) of one language: the only pages a reader may find."""
    # Wagtail's public() reads the few view restrictions first, then leaves their pages
    # out by path: one more query, but a check of every page within the search's own
    # query would scan the whole page table (25 ms at 20,000 pages).
    return model.objects.live().public().filter(locale=locale)


@cache
def introduction_lookups():
    """How to reach the `intro` of each page type that has one, from Page: page types
    inherit straight from Page (the classes between are abstract), so each is one join
    away."""
    return [
        f"{model._meta.model_name}__intro"
        for model in get_page_models()
        if any(field.name == "intro" for field in model._meta.get_fields())
    ]


def result_details(pages, query, language_code):
    """{page id: (snippet, introduction, date)} for `pages`, in one query whatever their
    kinds: the snippet of their text around the words of `query`, the `intro` of the page
    types that have one, and an article's publication date. Unordered: Django would build
    the pages' order over every selected column, for a dictionary."""
    page_ids = [page.pk for page in pages]
    if not page_ids:
        return {}
    intros = [F(lookup) for lookup in introduction_lookups()]
    rows = (
        Page.objects.filter(pk__in=page_ids)
        .order_by()
        .annotate(
            matched=matched_text(query, language_code),
            introduction=Coalesce(*intros, Value(""), output_field=TextField()),
            published_on=F("articlepage__date_published"),
        )
    )
    return {
        pk: (snippet(matched, query), introduction, published_on)
        for pk, matched, introduction, published_on in rows.values_list(
            "pk", "matched", "introduction", "published_on"
        )
    }


@dataclass
class SearchHit:
    """One result as the results page shows it: the introduction (with the matched words
    marked when the snippet would only repeat it), the snippet of the matching text, and the
    date: an article's publication date, or when any other page was last published."""

    page: Page
    snippet: str = ""
    topics: tuple = ()
    intro: str = ""
    marked_intro: str = ""
    published_on: datetime.date | None = None

    def __post_init__(self):
        intro = self.intro
        self.intro = get_text_for_indexing(intro) if intro else self.page.search_description
        self.marked_intro = marked_within(self.snippet, self.intro) if self.snippet else ""
        if self.marked_intro:
            self.snippet = ""

    @property
    def date(self):
        return self.published_on or self.page.last_published_at


def link_order(link):
    """An article's topic links in their order; links saved without one come last."""
    order, _topic = link
    return (order is None, order or 0)


def topics_and_their_pages(locale, pages):
    """The live, public topics of `locale` (to narrow a search by, or to browse when it
    finds nothing), and the topics of each article among `pages`, in one query."""
    page_ids = [page.pk for page in pages] or [0]
    rows = (
        public_pages(TopicIndexPage.objects.live().filter(locale=locale))
        .annotate(
            shown_link=FilteredRelation(
                "article_topic_links",
                condition=Q(article_topic_links__page_id__in=page_ids),
            ),
            shown_page_id=F("shown_link__page_id"),
            shown_order=F("shown_link__sort_order"),
        )
        .order_by("title", "pk")
    )
    topics, links = {}, {}
    for topic in rows:
        topics.setdefault(topic.pk, topic)
        if topic.shown_page_id is not None:
            links.setdefault(topic.shown_page_id, []).append((topic.shown_order, topic))
    by_page = {
        page_id: [topic for _order, topic in sorted(found, key=link_order)]
        for page_id, found in links.items()
    }
    return list(topics.values()), by_page


class NarrowingForm(forms.Form):
    """How a reader narrows a search: one topic, one year, and the order of the results.
    Topics and years are those of articles, as is the date order."""

    SORTS = [
        ("relevance", pgettext_lazy("search order", "Relevance")),
        ("date", pgettext_lazy("search order", "Newest first")),
    ]

    topic = forms.IntegerField(label=gettext_lazy("Topic"), required=False, min_value=1)
    year = forms.IntegerField(
        label=gettext_lazy("Year"), required=False, min_value=1000, max_value=9999
    )
    sort = forms.ChoiceField(label=gettext_lazy("Sort by"), choices=SORTS, required=False)

    def narrow(self, pages):
        """`pages` narrowed to the reader's valid choices; an invalid one is left out (and
        said so by the form's errors)."""
        topic, year = self.valid_value("topic"), self.valid_value("year")
        if topic:
            links = ArticlePageTopic.objects.filter(topic_id=topic)
            pages = pages.filter(id__in=links.values("page_id"))
        if year:
            articles = ArticlePage.objects.filter(date_published__year=year)
            pages = pages.filter(id__in=articles.values("pk"))
        return pages

    def valid_value(self, name):
        """The cleaned value of field `name`, or None when it is missing or invalid."""
        try:
            return self.fields[name].clean(self.data.get(name))
        except forms.ValidationError:
            return None

    @property
    def by_date(self):
        return self.valid_value("sort") == "date"

    @property
    def narrowed(self):
        return bool(self.valid_value("topic") or self.valid_value("year"))


class SearchPaginator(Paginator):
    """A paginator told the number of results (exact or estimated) rather than counting, and
    given the first page's results when they were already read."""

    def __init__(self, object_list, per_page, count, first_page=None):
        super().__init__(object_list, per_page)
        self.known_count = count
        self.first_page = first_page

    @cached_property
    def count(self):
        return self.known_count

    def page(self, number):
        number = self.validate_number(number)
        if number == 1 and self.first_page is not None:
            return PaginatorPage(self.first_page, number, self)
        return super().page(number)


def count_results(results, statistics, first_page_wanted):
    """(number of `results`, whether it is exact, the first page's results or None).

    Estimated from the vocabulary's `statistics` (if given) when they promise many results
    (counting thousands of matches would take longer than finding the best ten). Otherwise,
    when the reader asks for the first page, that page is read first: short of a full page,
    its length is the count. Else counted.
    """
    if statistics:
        estimate = statistics.estimated_results
        if estimate >= EXACT_COUNT_BELOW:
            return estimate, False, None
    first_page = None
    if first_page_wanted:
        first_page = list(results[:RESULTS_PER_PAGE])
        if len(first_page) < RESULTS_PER_PAGE:
            return len(first_page), True, first_page
    return results.count(), True, first_page


def about(number):
    """`number` to two significant figures: 9,874 is about 9,900."""
    digits = len(str(number))
    return round(number, 2 - digits) if digits > 2 else number


def promotions(query, pages):
    """The promotions editors pinned for this query, restricted to `pages` (live, public,
    the reader's language); external links have no language and always show."""
    return SearchPromotion.objects.filter(
        Q(page__isnull=True) | Q(page__in=pages),
        query__query_string=normalise_query_string(query),
    ).select_related("page")


def search(request):
    query, shortened = clean_query(request.GET.get("q", ""))
    locale = Locale.get_active()
    narrowing = NarrowingForm(request.GET)
    context = {
        "search_query": query,
        "query_shortened": shortened,
        "query_max_length": MAX_QUERY_LENGTH,
        "search_results": None,
        "hits": [],
        "promotions": [],
        "narrowing": narrowing,
    }
    words = search_words(query)
    search_results = []
    if words:
        pages = searchable_pages(locale)
        if narrowing.by_date:
            # Newest first: articles, by the date they show.
            articles = narrowing.narrow(searchable_pages(locale, ArticlePage))
            results = articles.order_by("-date_published", "-id").search(
                words, operator="and", order_by_relevance=False
            )
        else:
            results = narrowing.narrow(pages).search(words, operator="and")
        # A narrowed search is counted: the vocabulary knows nothing of topics and years.
        statistics = None
        if not narrowing.narrowed:
            statistics = query_statistics(words.split(), locale.language_code)
        requested_page = request.GET.get("page", "1")
        count, exact, first_page = count_results(
            results, statistics, requested_page.strip() == "1"
        )
        paginator = SearchPaginator(results, RESULTS_PER_PAGE, count, first_page)
        search_results = paginator.get_page(requested_page)
        page_not_found = requested_page.strip() != str(search_results.number)
        context["search_results"] = search_results
        context["result_count"] = count if exact else about(count)
        context["count_is_exact"] = exact
        context["page_not_found"] = page_not_found
        if search_results.number == 1:
            context["promotions"] = list(promotions(query, pages))
        if search_results.number == 1 and not page_not_found:
            SearchTermHits.record(query, locale.language_code, count)
        if count < FEW_RESULTS:
            statistics = statistics or query_statistics(words.split(), locale.language_code)
            context["corrected_query"] = statistics.corrected_query() if statistics else None
    topics, topics_of_page = topics_and_their_pages(locale, search_results)
    details = result_details(search_results, words, locale.language_code)
    context["topics"] = topics
    hits = []
    for page in search_results:
        if page.pk not in details:  # deleted since the results were read
            continue
        snippet_html, intro, published_on = details[page.pk]
        hits.append(
            SearchHit(
                page,
                snippet=snippet_html,
                topics=tuple(topics_of_page.get(page.pk, ())),
                intro=intro,
                published_on=published_on,
            )
        )
    context["hits"] = hits
    if not context["hits"]:
        context["browse_pages"] = topics
    return TemplateResponse(request, "search/search.html", context)


@require_GET
def suggestions(request):
    """Titles of live pages of the reader's language that start like the query, as JSON; when
    none does, the corrected search ("did you mean"), if any, as a suggestion."""
    raw = request.GET.get("q", "")
    if len(raw) > MAX_QUERY_LENGTH:
        message = gettext("A search is at most %(limit)d characters long.")
        return JsonResponse({"error": message % {"limit": MAX_QUERY_LENGTH}}, status=400)
    words = search_words(clean_query(raw)[0])
    if not words:
        return JsonResponse({"suggestions": []})
    locale = Locale.get_active()
    pages = searchable_pages(locale).autocomplete(words, operator="and")
    found = [
        {"title": page.title, "url": page.get_url(request)} for page in pages[:SUGGESTIONS_LIMIT]
    ]
    if not found:  # the last word may be a prefix, not a typo, when some titles start so
        statistics = query_statistics(words.split(), locale.language_code)
        corrected = statistics.corrected_query() if statistics else None
        if corrected:
            url = reverse("search") + "?" + urlencode({"q": corrected})
            title = gettext("Search for “%(query)s”") % {"query": corrected}
            found.insert(0, {"title": title, "url": url, "kind": "correction"})
    return JsonResponse({"suggestions": found})
