"""Rebuild the search vocabulary of every language now ("did you mean", estimated counts)."""

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import connection

from search.vocabulary import refresh_vocabulary


class Command(BaseCommand):
    help = "Rebuild each language's search vocabulary from its live, public pages (PostgreSQL)."

    def handle(self, *args, **options):
        if connection.vendor != "postgresql":
            self.stdout.write("The search vocabulary is kept on PostgreSQL only: nothing to do.")
            return
        for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES:
            refresh_vocabulary(code)
            self.stdout.write(f"{code}: search vocabulary rebuilt")
