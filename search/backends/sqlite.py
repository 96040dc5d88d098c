"""Stemmed full-text search on SQLite, the embedded default.

Wagtail's SQLite backend (the modelsearch package) matches words as they are, through an FTS5
table that triggers fill from `wagtailsearch_indexentry`: "algorithme" does not find
"algorithmiques". This backend keeps the index entries as they are (the results page takes
its snippets from them) and writes the FTS5 row of each object with the words of its title
and body stemmed by the Snowball stemmer of the object's language (`search.text_search`),
as PostgreSQL's configurations do. A query is stemmed the same way, each stem matched as a
prefix, so "sovereign" (stem "sovereign") finds "sovereignty" (stem "sovereignti"). A search
across languages ORs the stems of each language. Suggestions (autocomplete) are unchanged.

A migration (search/migrations/0006) narrows Wagtail's update trigger to changes of the texts,
so that Wagtail's own bookkeeping updates (the title norms) do not overwrite the stems.
"""

from django.conf import settings
from django.db import connections, router
from modelsearch.backends.database.sqlite.query import Lexeme, SearchQueryExpression
from modelsearch.backends.database.sqlite.sqlite import (
    IndexEntry,
    SQLiteAutocompleteQueryCompiler,
    SQLiteFTSIndexEntry,
    SQLiteIndex,
    SQLiteSearchBackend,
    SQLiteSearchQueryCompiler,
)
from modelsearch.query import PlainText
from modelsearch.utils import get_content_type_pk
from wagtail.models import TranslatableMixin

from search.backends.languages import pinned_locale_ids
from search.text_search import content_languages, language_of_locale, stemmed_words

# A stem this long or longer is matched as a prefix; a shorter one as a whole word.
PREFIX_MIN_LENGTH = 3


def stemmed_text(text, language_code):
    return " ".join(stemmed_words(text, language_code))


class StemmingSQLiteIndex(SQLiteIndex):
    """Index entries as Wagtail writes them, FTS5 rows stemmed in each object's language."""

    def add_items(self, model, objs):
        super().add_items(model, objs)
        if not objs or not model.get_search_fields():
            return
        languages = {str(obj.pk): object_language(obj) for obj in objs}
        entries = IndexEntry._default_manager.filter(
            content_type_id=get_content_type_pk(model), object_id__in=list(languages)
        ).values_list("pk", "object_id", "title", "body")
        rows = [
            (
                stemmed_text(title, languages[object_id]),
                stemmed_text(body, languages[object_id]),
                pk,
            )
            for pk, object_id, title, body in entries
        ]
        table = SQLiteFTSIndexEntry._meta.db_table
        connection = connections[router.db_for_write(IndexEntry)]
        with connection.cursor() as cursor:
            cursor.executemany(f"UPDATE {table} SET title = %s, body = %s WHERE rowid = %s", rows)


def object_language(obj):
    locale_id = getattr(obj, "locale_id", None)
    if locale_id is None:
        return settings.LANGUAGE_CODE
    return language_of_locale(locale_id) or settings.LANGUAGE_CODE


class StemmingSearchQueryCompiler(SQLiteSearchQueryCompiler):
    """Stem the words of a plain-text query in the language(s) being searched."""

    def queried_languages(self):
        model = self.queryset.model
        if not issubclass(model, TranslatableMixin):
            return [settings.LANGUAGE_CODE]
        locale_ids = pinned_locale_ids(self.queryset.query.where)
        if locale_ids:
            return [language_of_locale(pk) for pk in sorted(locale_ids)]
        return content_languages()

    def build_search_query_content(self, query, config=None):
        if not isinstance(query, PlainText):
            return super().build_search_query_content(query, config=config)
        stems_by_language = [
            stemmed_words(query.query_string, code) for code in self.queried_languages()
        ]
        combined = None
        for stems in zip(*stems_by_language, strict=True):
            alternatives = None
            for stem in dict.fromkeys(stems):
                lexeme = Lexeme(stem, prefix=len(stem) >= PREFIX_MIN_LENGTH)
                alternatives = lexeme if alternatives is None else alternatives | lexeme
            if combined is None:
                combined = alternatives
            elif query.operator.upper() == "AND":
                combined &= alternatives
            else:
                combined |= alternatives
        return None if combined is None else SearchQueryExpression(combined)


class StemmingSQLiteSearchBackend(SQLiteSearchBackend):
    query_compiler_class = StemmingSearchQueryCompiler
    autocomplete_query_compiler_class = SQLiteAutocompleteQueryCompiler
    index_class = StemmingSQLiteIndex
