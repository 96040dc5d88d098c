"""Search latency on PostgreSQL at three sizes of the magazine, against the budgets.

Generates (once, then reuses) 10,000 published articles per language under the demo
magazine's article indexes, in the database named by DATABASE_URL, then, for 2,500, 5,000 and
10,000 articles per language in turn (the articles beyond the size are unpublished and out of
the search index, then published and indexed again for the next size), rebuilds the search
vocabulary and times in one run:

- the search results page (`/fr/recherche/?q=…`, `/en/search/?q=…`) for a set of queries,
  from very common words to words that match nothing, mistyped words (which get a "did you
  mean"), a search sorted by date and one narrowed by topic and year;
- the suggestions endpoint for prefixes of the same queries and a mistyped word;
- an article of the corpus, rendered the same way, as the yardstick.

Every request goes through Django's full stack in-process (middleware, view, template), so
the figures are what the application adds, without network or web-server time. The table
gives the median and the 95th percentile at each size; at the largest size every search
must meet SEARCH_BUDGET_MS and every suggestion SUGGEST_BUDGET_MS (p95), or the script fails.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/carnet_bench python bench/search_bench.py
    … --quick             250, 500 and 1,000 articles per language, fewer rounds
    … --rebuild           drop the generated articles and generate them again
"""

import argparse
import io
import json
import logging
import os
import random
import re
import statistics
import sys
import time
from datetime import date
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")

from bench.databases import ensure_database  # noqa: E402

ensure_database(os.environ.get("DATABASE_URL", ""))

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from wagtail.models import Locale  # noqa: E402
from wagtail.search.backends import get_search_backend  # noqa: E402
from wagtail.search.models import IndexEntry  # noqa: E402

from articles.models import ArticleIndexPage, ArticlePage, TopicIndexPage  # noqa: E402
from bench.bulk_articles import generate_articles, generated_articles  # noqa: E402
from search.vocabulary import query_statistics, refresh_vocabulary  # noqa: E402

# One JSON line per request would bury the table (and be timed with each request).
logging.getLogger("carnet.requests").setLevel(logging.WARNING)

INDEX_CHUNK = 500
RESULTS_DIR = BASE_DIR / "bench" / "results"
SIZES = (2_500, 5_000, 10_000)
QUICK_SIZES = (250, 500, 1_000)
FIELDS = ("results", "median_ms", "p95_ms")
SEARCH_BUDGET_MS = 50
SUGGEST_BUDGET_MS = 20

TOPICS = {
    "fr": [
        "régulation européenne",
        "données personnelles",
        "modèles ouverts",
        "sobriété numérique",
        "travail et emploi",
        "éducation",
        "santé publique",
        "justice prédictive",
        "climat et énergie",
        "souveraineté technologique",
        "désinformation",
        "création artistique",
    ],
    "en": [
        "European regulation",
        "personal data",
        "open models",
        "digital sobriety",
        "work and jobs",
        "education",
        "public health",
        "predictive justice",
        "climate and energy",
        "technological sovereignty",
        "disinformation",
        "artistic creation",
    ],
}
PLACES = [
    "Cambrai", "Bletchley", "Paris", "Lyon", "Montréal", "Bruxelles", "Genève", "Dakar",
    "Strasbourg", "Lille", "Nantes", "Marseille", "Toulouse", "Bordeaux", "Rennes", "Grenoble",
    "Québec", "Lausanne", "Liège", "Namur", "Abidjan", "Tunis", "Rabat", "Beyrouth",
]  # fmt: skip
SENTENCES = {
    "fr": [
        "L’intelligence artificielle transforme la question de {topic}.",
        "Les chercheurs débattent des effets de l’IA sur {topic}.",
        "À {place}, un colloque a réuni des experts autour de {topic}.",
        "Les sociétés européennes s’interrogent sur les modèles et leurs usages.",
        "Une régulation éthique suppose des données fiables et des systèmes transparents.",
        "Les algorithmes ne sont jamais neutres : ils reflètent les choix de leurs concepteurs.",
        "Le débat public gagne à s’appuyer sur des études indépendantes.",
        "La transparence des systèmes reste une exigence démocratique.",
    ],
    "en": [
        "Artificial intelligence is reshaping the question of {topic}.",
        "Researchers debate the effects of AI on {topic}.",
        "In {place}, a conference gathered experts around {topic}.",
        "European societies are questioning models and how they are used.",
        "Ethical regulation requires reliable data and transparent systems.",
        "Algorithms are never neutral: they reflect the choices of their designers.",
        "Public debate benefits from independent studies.",
        "The transparency of systems remains a democratic requirement.",
    ],
}
QUERIES = {
    "fr": [
        "intelligence",
        "régulations",
        "donnees personnelles",
        "sobriété numérique",
        "Cambrai",
        "zoologie",
    ],
    "en": [
        "intelligence",
        "regulations",
        "personal data",
        "open model",
        "Cambrai",
        "zoology",
    ],
}
TYPOS = {"fr": "souverainte", "en": "regulaton"}
SEARCH_URL = {"fr": "/fr/recherche/", "en": "/en/search/"}
SUGGEST_URL = {"fr": "/fr/recherche/suggestions/", "en": "/en/search/suggestions/"}


def article_text(rng, language, words):
    """A title, a one-sentence intro and paragraphs of article-like prose in `language`."""
    topics = rng.sample(TOPICS[language], 2)

    def sentence(template):
        return template.format(topic=rng.choice(topics), place=rng.choice(PLACES))

    intro = sentence(rng.choice(SENTENCES[language]))
    paragraphs, count = [], 0
    while count < words:
        paragraph = " ".join(
            sentence(template) for template in rng.choices(SENTENCES[language], k=5)
        )
        paragraphs.append(f"<p>{paragraph}</p>")
        count += len(paragraph.split())
    title = f"{topics[0][0].upper()}{topics[0][1:]} : {topics[1]}"
    if language == "en":
        title = title.replace(" : ", ": ")
    return title, intro, paragraphs


def generate(article_index, count, words, seed):
    """Add `count` articles of varied prose under `article_index`, filed under the first topic
    of its language; their ids."""
    language = article_index.locale.language_code
    topics = TopicIndexPage.objects.filter(locale_id=article_index.locale_id).order_by("path")
    rng = random.Random(f"{seed}-{language}")
    return generate_articles(
        article_index, topics.first(), count, lambda _number: article_text(rng, language, words)
    )


def index(page_ids):
    backend = get_search_backend()
    search_index = backend.get_index_for_model(ArticlePage)
    for start in range(0, len(page_ids), INDEX_CHUNK):
        chunk = ArticlePage.objects.filter(pk__in=page_ids[start : start + INDEX_CHUNK])
        search_index.add_items(ArticlePage, list(chunk))


def prepare(count, words, rebuild, seed):
    """The demo magazine and `count` generated articles per language; the article indexes."""
    call_command("migrate", verbosity=0)
    if not ArticleIndexPage.objects.exists():
        call_command("load_demo", stdout=io.StringIO())  # the demo magazine, once
    indexes = {
        article_index.locale.language_code: article_index
        for article_index in ArticleIndexPage.objects.select_related("locale")
    }
    for language, article_index in sorted(indexes.items()):
        existing = generated_articles(article_index)
        if not rebuild and existing.count() == count:
            print(f"{language}: reusing {count} generated articles")
            continue
        started = time.perf_counter()
        existing.delete()
        article_index.refresh_from_db()
        generate(article_index, count, words, seed)
        print(f"{language}: generated {count} articles in {time.perf_counter() - started:.1f} s")
    return indexes


def resize(indexes, size):
    """Make the first `size` generated articles of each language the searchable ones: live
    and in the search index; the others unpublished and out of it. Then rebuild the
    vocabularies and refresh the planner's statistics."""
    started = time.perf_counter()
    for language, article_index in sorted(indexes.items()):
        articles = generated_articles(article_index).order_by("path")
        kept = list(articles.values_list("pk", flat=True)[:size])
        left_out = articles.exclude(pk__in=kept)
        IndexEntry.objects.filter(
            object_id__in=[str(pk) for pk in left_out.values_list("pk", flat=True)]
        ).delete()
        left_out.update(live=False)
        indexed = set(
            IndexEntry.objects.filter(object_id__in=[str(pk) for pk in kept]).values_list(
                "object_id", flat=True
            )
        )
        articles.filter(pk__in=kept).update(live=True)
        index([pk for pk in kept if str(pk) not in indexed])
        refresh_vocabulary(language)
    with connection.cursor() as cursor:
        # What autovacuum does on a live site: reclaim the rows that indexing rewrote (Wagtail
        # updates each new entry's title norm) and refresh the planner's statistics.
        cursor.execute("VACUUM ANALYZE")
    print(f"{size} articles per language searchable ({time.perf_counter() - started:.0f} s)")


def summary(times):
    ordered = sorted(times)
    p95 = ordered[max(0, round(0.95 * len(ordered)) - 1)]
    return statistics.median(ordered), p95


def engine_search(language, query):
    """What the search view asks of the database for one results page: the vocabulary's
    statistics, the count (or the estimate) and page 1."""
    from search.views import count_results, search_words, searchable_pages

    locale = Locale.objects.get(language_code=language)
    words = search_words(query)
    results = searchable_pages(locale).search(words, operator="and")
    statistics = query_statistics(words.split(), language)
    count, _exact, first_page = count_results(results, statistics, True)
    return count, first_page if first_page is not None else list(results[:10])


def cases(client, indexes):
    """(label, kind, callable, results) for every timed line; each callable does one
    request, and `results` gives the number of results it finds, as the page says it."""

    def get(url, params=None):
        def request():
            response = client.get(url, params or {})
            assert response.status_code == 200, (url, params, response.status_code)
            return response

        return request

    def said(request):
        return lambda: said_count(request().content.decode())

    lines = []
    for language in ("fr", "en"):
        url = SEARCH_URL[language]
        for query in QUERIES[language]:
            request = get(url, {"q": query})
            lines.append((f"search {language} «{query}»", "search", request, said(request)))
            lines.append(
                (
                    f"  database part, {language} «{query}»",
                    "part",
                    lambda language=language, query=query: engine_search(language, query),
                    None,
                )
            )
        typo = TYPOS[language]
        request = get(url, {"q": typo})
        lines.append(
            (f"search {language} «{typo}» (did you mean)", "search", request, said(request))
        )
        common = QUERIES[language][0]
        request = get(url, {"q": common, "sort": "date"})
        lines.append(
            (f"search {language} «{common}», newest first", "search", request, said(request))
        )
        topic = (
            TopicIndexPage.objects.filter(locale_id=indexes[language].locale_id)
            .order_by("path")
            .first()
        )
        params = {"q": common, "topic": topic.pk, "year": date.today().year - 1}
        request = get(url, params)
        lines.append(
            (f"search {language} «{common}», topic and year", "search", request, said(request))
        )
        for query in [*QUERIES[language][:4], typo]:
            prefix = query[:5] if query != typo else typo
            request = get(SUGGEST_URL[language], {"q": prefix})
            lines.append((f"suggest {language} «{prefix}»", "suggest", request, None))
    article = generated_articles(indexes["fr"]).order_by("path").first()
    lines.append(("article (plain render)", "article", get(article.url), None))
    return lines


def said_count(content):
    """The number of results a results page announces ("About 9,800 results…"), as text."""
    match = re.search(r'class="search-page__count">([^<]*)<', content)
    if not match:
        return ""
    number = re.search(r"\d[\d,.\u202f\xa0 ]*", match.group(1))
    approximate = "≈" if match.group(1).lower().startswith(("about", "environ")) else ""
    return approximate + re.sub(r"\D", "", number.group(0)) if number else "0"


def measure(lines, rounds, seed):
    """Response times in milliseconds, `rounds` per line after one warm-up; each round runs
    the lines in a new random order, so that a busy moment of the machine hits them all."""
    times = {label: [] for label, _kind, _request, _found in lines}
    for _label, _kind, request, _found in lines:
        request()
    rng = random.Random(seed)
    for _ in range(rounds):
        order = list(lines)
        rng.shuffle(order)
        for label, _kind, request, _found in order:
            started = time.perf_counter()
            request()
            times[label].append((time.perf_counter() - started) * 1000)
    return times


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="250 to 1,000 articles, 10 rounds")
    parser.add_argument("--rounds", type=int, help="timed requests per line (default 30)")
    parser.add_argument("--words", type=int, default=300, help="words per article")
    parser.add_argument("--rebuild", action="store_true", help="generate the articles again")
    arguments = parser.parse_args()
    sizes = QUICK_SIZES if arguments.quick else SIZES
    rounds = arguments.rounds or (10 if arguments.quick else 30)

    if connection.vendor != "postgresql":
        sys.exit("The search bench runs on PostgreSQL: set DATABASE_URL=postgres://…")

    indexes = prepare(max(sizes), arguments.words, arguments.rebuild, seed=2025)
    client = Client()
    lines = None
    results = {}  # size -> label -> (found, median, p95)
    loads = []
    for size in sizes:
        resize(indexes, size)
        lines = cases(client, indexes)
        found = {label: count() if count else "" for label, _kind, _request, count in lines}
        times = measure(lines, rounds, seed=2025)
        loads.append(os.getloadavg()[0])
        results[size] = {
            label: (found[label], *summary(times[label])) for label, _k, _r, _f in lines
        }

    largest = max(sizes)
    failures = []
    print()
    print(f"PostgreSQL {connection.pg_version // 10000}, {arguments.words} words per article, "
          f"{rounds} timed requests per line; median / p95 in ms")  # fmt: skip
    header = "".join(f"{f'{size:,} per language':>34}" for size in sizes)
    print(f"{'':52}{header}")
    print(f"{'':52}" + "".join(f"{'results':>12}{'median':>11}{'p95':>11}" for _ in sizes))
    for label, kind, _request, _found in lines:
        cells = ""
        for size in sizes:
            found, median, p95 = results[size][label]
            cells += f"{found:>12}{median:11.1f}{p95:11.1f}"
        budget = {"search": SEARCH_BUDGET_MS, "suggest": SUGGEST_BUDGET_MS}.get(kind)
        verdict = ""
        if budget is not None:
            passed = results[largest][label][2] <= budget
            verdict = f"  {'PASS' if passed else 'FAIL'} (p95 ≤ {budget})"
            if not passed:
                failures.append(label)
        print(f"{label:52}{cells}{verdict}")
    print("load average (1 min) at the end of each size: "
          + ", ".join(f"{load:.1f}" for load in loads) + f" ({os.cpu_count()} CPUs)")  # fmt: skip

    RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    stamp = time.strftime("%Y%m%d-%H%M%S")
    (RESULTS_DIR / f"search-{stamp}.json").write_text(
        json.dumps(
            {
                "sizes": list(sizes),
                "words": arguments.words,
                "rounds": rounds,
                "load_averages": loads,
                "rows": [
                    {
                        "label": label,
                        "by_size": {
                            str(size): dict(zip(FIELDS, results[size][label], strict=True))
                            for size in sizes
                        },
                    }
                    for label, _kind, _request, _found in lines
                ],
            },
            indent=2,
            ensure_ascii=False,
        )
    )
    if failures:
        sys.exit(f"Over budget at {largest:,} articles per language: " + "; ".join(failures))
    print(f"Every search within {SEARCH_BUDGET_MS} ms and every suggestion within "
          f"{SUGGEST_BUDGET_MS} ms (p95) at {largest:,} articles per language.")  # fmt: skip


if __name__ == "__main__":
    main()
