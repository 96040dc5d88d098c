"""PostgreSQL only: the unaccent extension and Carnet's two text-search configurations.

`carnet_french` is PostgreSQL's `french` with `unaccent` in front of the stemmer, so accents
are ignored on both sides of a search; `carnet_simple_unaccent` is `simple` (no stemming) with
`unaccent`, for French suggestions. `unaccent` is a filtering dictionary: it strips the
accents of a word and hands it on. `asciiword` tokens have no accent, so only `word` and the
parts of hyphenated words need it. On other databases this migration does nothing.
"""

from django.db import migrations

CREATE = [
    "CREATE EXTENSION IF NOT EXISTS unaccent",
    "DROP TEXT SEARCH CONFIGURATION IF EXISTS carnet_french",
    "CREATE TEXT SEARCH CONFIGURATION carnet_french (COPY = french)",
    "ALTER TEXT SEARCH CONFIGURATION carnet_french"
    " ALTER MAPPING FOR hword, hword_part, word WITH unaccent, french_stem",
    "DROP TEXT SEARCH CONFIGURATION IF EXISTS carnet_simple_unaccent",
    "CREATE TEXT SEARCH CONFIGURATION carnet_simple_unaccent (COPY = simple)",
    "ALTER TEXT SEARCH CONFIGURATION carnet_simple_unaccent"
    " ALTER MAPPING FOR hword, hword_part, word WITH unaccent, simple",
]
DROP = [
    "DROP TEXT SEARCH CONFIGURATION IF EXISTS carnet_french",
    "DROP TEXT SEARCH CONFIGURATION IF EXISTS carnet_simple_unaccent",
]


def on_postgresql(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for statement in statements:
                schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = []

    operations = [migrations.RunPython(on_postgresql(CREATE), on_postgresql(DROP))]
