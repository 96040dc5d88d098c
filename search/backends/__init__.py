"""Carnet's search backend: Wagtail's database backend, made language-aware on PostgreSQL.

`WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "search.backends"}}` picks, like Wagtail's
own `wagtail.search.backends.database`, an implementation for the default database: on
PostgreSQL the language-aware backend of `search.backends.postgres`; elsewhere (SQLite, the
embedded default) Wagtail's database backend, unchanged.
"""

from django.db import connection
from modelsearch.backends import database


def SearchBackend(params):  # noqa: N802 (the name Wagtail looks up in a backend module)
    if connection.vendor == "postgresql":
        from .postgres import LanguageAwarePostgresSearchBackend

        return LanguageAwarePostgresSearchBackend(params)
    return database.SearchBackend(params)
