"""“Did you mean”, and the number of results estimated: what each language's pages hold.

Each language's vocabulary holds, for its live, public pages only:

- its words (`SearchWord`), read from the text Wagtail's index keeps beside its vectors
  (`title_text`, `body_text`) as readers see them: lower case, accents kept. A mistyped word
  is compared with them by trigram similarity (pg_trgm), accents aside, through the trigram
  index of migration 0006;
- its stems (`SearchStem`), the lexemes of the index's own vectors, with the number of pages
  holding each: the number of results of a one-word search, as of the last rebuild, and an
  estimate for several words, with no count over the matches.

It is rebuilt by a task whenever a page is published, unpublished (deleting a live page
unpublishes it), or moved, or a privacy setting changes, so a word found only in a draft, an
unpublished or a private page is never in it.

PostgreSQL only: on other databases the vocabulary stays empty, nothing is suggested and
results are counted.
"""

import math
import time
from dataclasses import dataclass

from django.core.cache import cache
from django.db import connection, transaction
from django_tasks import task
from wagtail.models import Locale, Page, PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move

from home.models import public_pages
from search.models import SearchStem, SearchWord
from search.text_search import config_for_language

# Shorter words are left as typed: trigrams say little about them.
MIN_WORD_LENGTH = 3
# How alike (pg_trgm's similarity, 0 to 1) a word must be to be suggested for a typed one.
MIN_SIMILARITY = 0.4
# A rebuild that started this long after a request surely saw the change that made it (its
# transaction had long committed); a later request is always served by a new rebuild.
REBUILD_MARGIN_SECONDS = 60

WORDS_SQL = """
    INSERT INTO {table} (language, word, plain, documents)
    SELECT %s, word, lower(unaccent(word)), count(*)
    FROM (
        SELECT lexeme AS word
        FROM wagtailsearch_indexentry AS entry,
             unnest(to_tsvector('simple', entry.title_text || ' ' || entry.body_text))
        WHERE entry.id IN ({entries})
    ) AS words
    WHERE char_length(word) BETWEEN %s AND 100 AND word ~ '^[[:alpha:]]+$'
    GROUP BY word
"""

STEMS_SQL = """
    INSERT INTO {table} (language, lexeme, documents)
    SELECT %s, lexeme, count(*)
    FROM wagtailsearch_indexentry AS entry, unnest(entry.title || entry.body)
    WHERE entry.id IN ({entries}) AND char_length(lexeme) <= 100
    GROUP BY lexeme
    UNION ALL
    SELECT %s, '', count(*) FROM wagtailsearch_indexentry AS entry WHERE entry.id IN ({entries})
"""

STATISTICS_SQL = """
    SELECT typed.word, closest.word, closest.exact, stem.lexeme, stems.documents,
           (SELECT documents FROM {stems} WHERE language = %(language)s AND lexeme = '')
    FROM unnest(%(words)s::text[]) WITH ORDINALITY AS typed(word, position)
    LEFT JOIN LATERAL (
        SELECT lexeme FROM unnest(to_tsvector(%(config)s::regconfig, typed.word)) LIMIT 1
    ) AS stem ON true
    LEFT JOIN {stems} AS stems ON stems.language = %(language)s AND stems.lexeme = stem.lexeme
    LEFT JOIN LATERAL (
        SELECT known.word, known.plain = lower(unaccent(typed.word)) AS exact
        FROM {words} AS known
        WHERE known.language = %(language)s
          AND known.plain %% lower(unaccent(typed.word))
          AND similarity(known.plain, lower(unaccent(typed.word))) >= %(similarity)s
        ORDER BY known.plain = lower(unaccent(typed.word)) DESC,
                 similarity(known.plain, lower(unaccent(typed.word))) DESC,
                 known.documents DESC, known.word
        LIMIT 1
    ) AS closest ON true
    ORDER BY typed.position
"""


def refresh_vocabulary(language):
    """Rebuild the words and stems of `language` from its live, public pages."""
    if connection.vendor != "postgresql":
        return
    locale = Locale.objects.filter(language_code=language).first()
    with transaction.atomic():
        SearchWord.objects.filter(language=language).delete()
        SearchStem.objects.filter(language=language).delete()
        if locale is None:
            return
        pages = public_pages(Page.objects.live().filter(locale=locale))
        entries = pages.filter(index_entries__isnull=False).values("index_entries__id")
        entries_sql, entries_params = entries.query.sql_with_params()
        words_sql = WORDS_SQL.format(table=SearchWord._meta.db_table, entries=entries_sql)
        stems_sql = STEMS_SQL.format(table=SearchStem._meta.db_table, entries=entries_sql)
        with connection.cursor() as cursor:
            cursor.execute(words_sql, [language, *entries_params, MIN_WORD_LENGTH])
            cursor.execute(stems_sql, [language, *entries_params, language, *entries_params])


@task()
def refresh_vocabulary_task(language, requested_at):
    """Rebuild the vocabulary of `language`, asked for at `requested_at` (a timestamp);
    skipped when a rebuild started well after that: a burst of publications (an import)
    enqueues one task per page, and one rebuild once they are done serves them all."""
    key = f"search-vocabulary-rebuilt-{language}"
    if (cache.get(key) or 0) > requested_at + REBUILD_MARGIN_SECONDS:
        return
    cache.set(key, time.time(), None)
    refresh_vocabulary(language)


def refresh_later(language):
    """Have the vocabulary of `language` rebuilt by the task worker (PostgreSQL only)."""
    if connection.vendor == "postgresql" and language:
        refresh_vocabulary_task.enqueue(language, time.time())


@dataclass
class TypedWord:
    word: str
    closest: str | None  # the closest word of the vocabulary, if any is close enough
    known: bool  # whether the vocabulary has the word itself (accents aside)
    stemmed: bool  # whether the word has a stem (stop words have none)
    documents: int  # how many pages hold its stem


@dataclass
class QueryStatistics:
    """What a language's vocabulary says of a reader's query, from one query."""

    words: list
    pages: int  # how many live, public pages the language has

    @property
    def estimated_results(self):
        """How many pages hold every word of the query: exact for one word (as of the last
        rebuild of the vocabulary); for several, as if words occurred independently."""
        stemmed = [typed for typed in self.words if typed.stemmed]
        if not stemmed or not self.pages:
            return 0
        shares = (min(typed.documents, self.pages) / self.pages for typed in stemmed)
        return round(self.pages * math.prod(shares))

    def corrected_query(self):
        """The query with each word the vocabulary lacks replaced by the closest one it has;
        None when no word needs or finds a replacement."""
        corrected, changed = [], False
        for typed in self.words:
            if typed.known or typed.closest is None or len(typed.word) < MIN_WORD_LENGTH:
                corrected.append(typed.word)
            else:
                corrected.append(typed.closest)
                changed = True
        return " ".join(corrected) if changed else None


def query_statistics(words, language):
    """The vocabulary's statistics of `words` in `language`, or None where there is no
    vocabulary (not PostgreSQL, or not built yet)."""
    if connection.vendor != "postgresql" or not words:
        return None
    sql = STATISTICS_SQL.format(stems=SearchStem._meta.db_table, words=SearchWord._meta.db_table)
    parameters = {
        "words": list(words),
        "language": language,
        "config": config_for_language(language).search,
        "similarity": MIN_SIMILARITY,
    }
    with connection.cursor() as cursor:
        cursor.execute(sql, parameters)
        rows = cursor.fetchall()
    pages = rows[0][5] if rows else None
    if pages is None:
        return None
    return QueryStatistics(
        words=[
            TypedWord(typed, closest, bool(exact), lexeme is not None, documents or 0)
            for typed, closest, exact, lexeme, documents, _pages in rows
        ],
        pages=pages,
    )


def refresh_for_page(sender, instance, **kwargs):
    refresh_later(getattr(instance.locale, "language_code", None))


def refresh_for_restriction(sender, instance, raw=False, **kwargs):
    if not raw:
        pages = Page.objects.filter(pk=instance.page_id)
        refresh_later(pages.values_list("locale__language_code", flat=True).first())


def connect_vocabulary_signals():
    """Rebuild a language's vocabulary when what its readers may find changes."""
    from django.db.models.signals import post_delete, post_save

    page_published.connect(refresh_for_page, dispatch_uid="search_words_published")
    page_unpublished.connect(refresh_for_page, dispatch_uid="search_words_unpublished")
    post_page_move.connect(refresh_for_page, dispatch_uid="search_words_moved")
    # Deleting a live page unpublishes it first (Wagtail sends page_unpublished).
    for signal in (post_save, post_delete):
        signal.connect(
            refresh_for_restriction,
            sender=PageViewRestriction,
            dispatch_uid=f"search_words_restriction_{signal is post_save}",
        )
