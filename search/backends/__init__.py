"""Carnet's search backend: Wagtail's database backend, made language-aware.

`WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "search.backends"}}` picks, like Wagtail's
own `wagtail.search.backends.database`, an implementation for the default database: on
PostgreSQL the language-aware backend of `search.backends.postgres`; on SQLite with FTS5 (the
embedded default) the stemming backend of `search.backends.sqlite`; elsewhere Wagtail's
database backend, unchanged.
"""

from django.db import connection
from modelsearch.backends import database


def SearchBackend(params):  # noqa: N802 (the name Wagtail looks up in a backend module)
    if connection.vendor == "postgresql":
        from .postgres import LanguageAwarePostgresSearchBackend

        return LanguageAwarePostgresSearchBackend(params)
    backend = database.SearchBackend(params)
    if connection.vendor == "sqlite":
        from modelsearch.backends.database.sqlite.sqlite import SQLiteSearchBackend

        from .sqlite import StemmingSQLiteSearchBackend

        if isinstance(backend, SQLiteSearchBackend):
            return StemmingSQLiteSearchBackend(params)
    return backend
