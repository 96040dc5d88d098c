"""PostgreSQL only: a GIN index on `title || body` of Wagtail's search index table.

Wagtail's database backend matches `(title || body) @@ query` but only indexes `title` and
`body` apart, so every search read the whole table; worse, without statistics on the
expression PostgreSQL guessed that one row matched and joined the pages in a nested loop
(15 s for a two-word query over 20,000 pages). With this index the match is an index scan and
ANALYZE gathers the expression's statistics. On other databases this migration does nothing.
"""

from django.db import migrations

INDEX_NAME = "carnet_search_title_body_gin"


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        table = apps.get_model("wagtailsearch", "IndexEntry")._meta.db_table
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {INDEX_NAME} ON {table} USING GIN ((title || body))"
        )


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX_NAME}")


class Migration(migrations.Migration):
    dependencies = [
        ("carnet_search", "0002_search_term_hits"),
        ("wagtailsearch", "0010_add_text_fields"),
    ]

    operations = [migrations.RunPython(create_index, drop_index)]
