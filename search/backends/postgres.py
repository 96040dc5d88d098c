"""Language-aware full-text search on PostgreSQL.

The limitation this works around
--------------------------------
Wagtail's database search backend (the modelsearch package) keeps every indexed object in one
table, `wagtailsearch_indexentry`, and turns text into tsvectors with one text-search
configuration per backend (its `SEARCH_CONFIG`). A bilingual site has to pick one: with
`french`, English pages are stemmed as if they were French, and the other way round. Declaring
a second backend with `english` does not help: both write the same rows of the shared table,
and the last one to index a page wins. This is a long-standing limitation of Wagtail's
multilingual search.

The design
----------
The configuration is chosen per row instead of per backend (see `search.text_search`):

- Indexing: every object is indexed with the configuration of its own language, read from its
  locale: French pages with `carnet_french` (French stemming after `unaccent`), Spanish pages
  with `carnet_spanish`, and so on (`search.text_search`). Objects without a locale (images,
  documents) take the default language's.
- Querying: a search on a queryset filtered on one locale (`.filter(locale=…)`, as the
  reader's search is) parses the query with that language's configuration, so it meets the
  rows of that language on their own terms. A search across languages (the admin's page
  search) ORs the query parsed with each language's configuration, so every row is matched by
  the parse of its own language.
- Autocomplete (suggestions) does the same with unstemmed configurations.

Everything else (the index table, ranking, title boost, rebuilds) is Wagtail's, with one
speed-up: the `title || body` vector stays out of the SELECT list (see `search()`), and
migration 0003 indexes that expression.
"""

import copy
import operator
from collections import defaultdict

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.db.models import FloatField
from django.db.models.expressions import CombinedExpression
from modelsearch.backends.database.postgres.postgres import (
    PostgresAutocompleteQueryCompiler,
    PostgresIndex,
    PostgresSearchBackend,
    PostgresSearchQueryCompiler,
)
from modelsearch.query import Fuzzy, MatchAll, Not
from wagtail.models import TranslatableMixin

from core import internals
from search.backends.languages import pinned_locale_ids
from search.text_search import config_for_language, content_language_configs, language_of_locale


class LanguageAwareCompilerMixin:
    """Parse the query with the configuration of the language(s) being searched."""

    config_kind = "search"

    def queried_configs(self):
        if not issubclass(self.queryset.model, TranslatableMixin):
            return [config_for_language(settings.LANGUAGE_CODE)]
        locale_ids = pinned_locale_ids(self.queryset.query.where)
        if locale_ids:
            return [config_for_language(language_of_locale(pk)) for pk in sorted(locale_ids)]
        return content_language_configs()

    def get_config(self, backend):
        names = (getattr(config, self.config_kind) for config in self.queried_configs())
        return tuple(dict.fromkeys(names))

    def search(self, config, start, stop, score_field=None, backend=None):
        """Wagtail's search, ordered by the RUM index's rank (migration 0005).

        Upstream annotates the `title || body` vector, so every matching row carries a copy of
        its whole document through the join and the sort, and it orders by `ts_rank`, which
        PostgreSQL computes for every match before it keeps ten. Here the vector is only a
        filter, and relevance is the RUM distance `vector <=> query`: the RUM index returns
        the matches best-ranked first, so a page of results reads about as many index entries
        as it shows, however many articles match. The rank counts each word's frequency and
        weight (titles weigh more than bodies, as Wagtail's boosts set them).
        """
        if not self.plain_search():
            return super().search(config, start, stop, score_field=score_field, backend=backend)
        queryset, combined_vector, search_query = self.matching(config)
        if self.order_by_relevance:
            distance = CombinedExpression(
                combined_vector, "<=>", search_query, output_field=FloatField()
            )
            queryset = queryset.order_by(distance.asc())
        elif not queryset.query.order_by:
            queryset = queryset.order_by("-pk")
        if score_field is not None:
            vectors = self.get_search_vectors(search_query)
            rank_expression = internals.search_rank_expression(self, vectors, config)
            queryset = queryset.annotate(**{score_field: rank_expression})
        return queryset[start:stop]

    def plain_search(self):
        """Whether the query is words over the whole index (not all pages, not fuzzy, not on
        chosen fields): the searches the RUM index serves."""
        every_page = isinstance(self.query, MatchAll) or (
            isinstance(self.query, Not) and isinstance(self.query.subquery, MatchAll)
        )
        return not every_page and not isinstance(self.query, Fuzzy) and self.fields is None

    def matching(self, config):
        """The queryset filtered on the matches of the query, unordered; the `title || body`
        vector and the tsquery it is matched against."""
        search_query = self.build_tsquery(self.query, config=config)
        vectors = self.get_search_vectors(search_query)
        combined_vector = vectors[0][0]
        for vector, _boost in vectors[1:]:
            combined_vector = CombinedExpression(
                combined_vector, "||", vector, output_field=SearchVectorField()
            )
        queryset = self.queryset.alias(_vector_=combined_vector).filter(_vector_=search_query)
        return queryset, combined_vector, search_query

    def build_tsquery(self, query, config=None):
        if not isinstance(config, tuple):
            return super().build_tsquery(query, config=config)
        combined = None
        for name in config:
            tsquery = super().build_tsquery(query, config=name)
            if tsquery is None:
                return None
            combined = tsquery if combined is None else operator.or_(combined, tsquery)
        return combined


class LanguageAwareSearchQueryCompiler(LanguageAwareCompilerMixin, PostgresSearchQueryCompiler):
    pass


class LanguageAwareAutocompleteQueryCompiler(
    LanguageAwareCompilerMixin, PostgresAutocompleteQueryCompiler
):
    config_kind = "autocomplete"


class LanguageAwareIndex(PostgresIndex):
    """Index each object with the text-search configuration of its language."""

    def add_items(self, model, objs):
        objs_by_config = defaultdict(list)
        for obj in objs:
            objs_by_config[self.backend.config_for_object(obj)].append(obj)
        for config, group in objs_by_config.items():
            PostgresIndex(self.backend.using_config(config)).add_items(model, group)


class LanguageAwarePostgresSearchBackend(PostgresSearchBackend):
    query_compiler_class = LanguageAwareSearchQueryCompiler
    autocomplete_query_compiler_class = LanguageAwareAutocompleteQueryCompiler
    index_class = LanguageAwareIndex

    def config_for_object(self, obj):
        locale_id = getattr(obj, "locale_id", None)
        if locale_id is None:
            return config_for_language(settings.LANGUAGE_CODE)
        return config_for_language(language_of_locale(locale_id))

    def using_config(self, config):
        """A copy of this backend that indexes with `config` (Wagtail's indexer reads
        `backend.config` and `backend.autocomplete_config`)."""
        backend = copy.copy(self)
        backend.config = config.search
        backend.autocomplete_config = config.autocomplete
        return backend
