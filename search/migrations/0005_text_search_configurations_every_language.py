"""PostgreSQL only: a `carnet_<language>` text-search configuration for every Snowball language.

Made for the whole set, not just the languages configured today, so that adding a language to
CARNET_LANGUAGES needs no migration (search/text_search.py maps language codes to these
names). Each is a copy of PostgreSQL's own configuration of that name; a server without one
of the stemmers gets a copy of `simple`. `carnet_french` (with `unaccent`) comes from
migration 0001. No other language gets `unaccent` before its stemmer: the Snowball stemmers
read accents (Spanish `regulación` and `regulaciones` both give `regul`, but unaccented,
`regulacion` stays whole and the two no longer meet).
On other databases this migration does nothing.
"""

from django.db import migrations

SNOWBALL = [
    "arabic", "armenian", "basque", "catalan", "danish", "dutch", "english", "finnish",
    "german", "greek", "hindi", "hungarian", "indonesian", "irish", "italian", "lithuanian",
    "nepali", "norwegian", "portuguese", "romanian", "russian", "serbian", "spanish",
    "swedish", "tamil", "turkish", "yiddish",
]  # fmt: skip


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        cursor.execute("SELECT cfgname FROM pg_ts_config")
        available = {row[0] for row in cursor.fetchall()}
    for name in SNOWBALL:
        source = name if name in available else "simple"
        schema_editor.execute(f"DROP TEXT SEARCH CONFIGURATION IF EXISTS carnet_{name}")
        schema_editor.execute(f"CREATE TEXT SEARCH CONFIGURATION carnet_{name} (COPY = {source})")


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for name in SNOWBALL:
            schema_editor.execute(f"DROP TEXT SEARCH CONFIGURATION IF EXISTS carnet_{name}")


class Migration(migrations.Migration):
    dependencies = [("carnet_search", "0004_editorial_permissions")]

    operations = [migrations.RunPython(create, drop)]
