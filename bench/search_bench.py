"""Search latency on PostgreSQL with a realistic number of articles.

Generates (once, then reuses) 10,000 published articles per language under the demo
magazine's article indexes, in the database named by DATABASE_URL, indexes them with Carnet's
language-aware backend, then times in one run:

- the search results page (`/fr/recherche/?q=…`, `/en/search/?q=…`) for a set of queries,
  from very common words to words that match nothing;
- the suggestions endpoint for prefixes of the same queries;
- an article of the corpus, rendered the same way, as the yardstick.

Every request goes through Django's full stack in-process (middleware, view, template), so
the figures are what the application adds, without network or web-server time.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/carnet_bench python bench/search_bench.py
    … --quick             1,000 articles per language and fewer rounds, to try the bench out
    … --rebuild           drop the generated articles and generate them again
"""

import argparse
import io
import json
import logging
import os
import random
import statistics
import sys
import time
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

from articles.models import ArticleIndexPage, ArticlePage, TopicIndexPage  # noqa: E402
from bench.bulk_articles import generate_articles, generated_articles  # noqa: E402

# One JSON line per request would bury the table (and be timed with each request).
logging.getLogger("carnet.requests").setLevel(logging.WARNING)

INDEX_CHUNK = 500
RESULTS_DIR = BASE_DIR / "bench" / "results"

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
        page_ids = generate(article_index, count, words, seed)
        generated = time.perf_counter()
        index(page_ids)
        print(
            f"{language}: generated {count} articles in {generated - started:.1f} s, "
            f"indexed in {time.perf_counter() - generated:.1f} s"
        )
    with connection.cursor() as cursor:
        # What autovacuum does on a live site: reclaim the rows that indexing rewrote (Wagtail
        # updates each new entry's title norm) and refresh the planner's statistics.
        cursor.execute("VACUUM ANALYZE")
    return indexes


def summary(times):
    ordered = sorted(times)
    p95 = ordered[max(0, round(0.95 * len(ordered)) - 1)]
    return statistics.median(ordered), p95


def engine_search(language, query):
    """What the search view asks of the database for one results page: count, then page 1."""
    from search.views import search_words, searchable_pages

    locale = Locale.objects.get(language_code=language)
    results = searchable_pages(locale).specific().search(search_words(query), operator="and")
    return results.count(), list(results[:10])


def cases(client, indexes):
    """(label, results, callable) for every timed line; each callable does one request."""

    def get(url, params=None):
        def request():
            response = client.get(url, params or {})
            assert response.status_code == 200, (url, params, response.status_code)

        return request

    lines = []
    for language in ("fr", "en"):
        for query in QUERIES[language]:
            found, _page = engine_search(language, query)
            lines.append(
                (f"search {language} «{query}»", found, get(SEARCH_URL[language], {"q": query}))
            )
            lines.append(
                (
                    f"  database part (count + page 1), {language} «{query}»",
                    None,
                    lambda language=language, query=query: engine_search(language, query),
                )
            )
        for query in QUERIES[language][:4]:
            prefix = query[:5]
            lines.append(
                (f"suggest {language} «{prefix}»", None, get(SUGGEST_URL[language], {"q": prefix}))
            )
    article = generated_articles(indexes["fr"]).first()
    lines.append(("article (plain render)", None, get(article.url)))
    return lines


def measure(lines, rounds, seed):
    """Response times in milliseconds, `rounds` per line after one warm-up; each round runs
    the lines in a new random order, so that a busy moment of the machine hits them all."""
    times = {label: [] for label, _found, _request in lines}
    for _label, _found, request in lines:
        request()
    rng = random.Random(seed)
    for _ in range(rounds):
        order = list(lines)
        rng.shuffle(order)
        for label, _found, request in order:
            started = time.perf_counter()
            request()
            times[label].append((time.perf_counter() - started) * 1000)
    return times


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="1,000 articles, 10 rounds")
    parser.add_argument("--articles", type=int, help="articles per language (default 10,000)")
    parser.add_argument("--rounds", type=int, help="timed requests per query (default 30)")
    parser.add_argument("--words", type=int, default=300, help="words per article")
    parser.add_argument("--rebuild", action="store_true", help="generate the articles again")
    arguments = parser.parse_args()
    count = arguments.articles or (1_000 if arguments.quick else 10_000)
    rounds = arguments.rounds or (10 if arguments.quick else 30)

    if connection.vendor != "postgresql":
        sys.exit("The search bench runs on PostgreSQL: set DATABASE_URL=postgres://…")

    indexes = prepare(count, arguments.words, arguments.rebuild, seed=2025)
    lines = cases(Client(), indexes)
    times = measure(lines, rounds, seed=2025)
    rows = [(label, found, *summary(times[label])) for label, found, _request in lines]
    all_search = [t for label, _f, _r in lines if label.startswith("search") for t in times[label]]
    search_median, search_p95 = summary(all_search)
    article_median, _article_p95 = summary(times["article (plain render)"])
    rows.append(("search, all queries", None, search_median, search_p95))

    print()
    print(f"PostgreSQL {connection.pg_version // 10000}, {count} articles per language, "
          f"{arguments.words} words each, {rounds} timed requests per line")  # fmt: skip
    print(f"{'':56} {'results':>8} {'median ms':>10} {'p95 ms':>8}")
    for label, found, median, p95 in rows:
        found_text = "" if found is None else str(found)
        print(f"{label:56} {found_text:>8} {median:10.1f} {p95:8.1f}")
    print(f"search median / article median: {search_median / article_median:.1f}×")
    print(f"load average during the run: {os.getloadavg()[0]:.1f} ({os.cpu_count()} CPUs)")

    RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    stamp = time.strftime("%Y%m%d-%H%M%S")
    (RESULTS_DIR / f"search-{stamp}.json").write_text(
        json.dumps(
            {
                "articles_per_language": count,
                "words": arguments.words,
                "rounds": rounds,
                "rows": [
                    {"label": label, "results": found, "median_ms": median, "p95_ms": p95}
                    for label, found, median, p95 in rows
                ],
            },
            indent=2,
            ensure_ascii=False,
        )
    )


if __name__ == "__main__":
    main()
