"""PostgreSQL only: the RUM extension and a RUM index on `title || body`, and pg_trgm.

A GIN index (migration 0003) finds the matches of a query but cannot order them: to show the
ten best, PostgreSQL ranked every match, and a common word matches nearly every article. A
RUM index keeps each word's positions in the index, so `ORDER BY (title || body) <=> query
LIMIT 10` reads the best-ranked matches straight from it. It replaces the GIN index, which it
serves as well for plain matches. Suggestions (the titles' `autocomplete` vector) get a RUM
index of their own, for the same reason.

Wagtail joins an index entry to its page on `object_id = page.id::varchar(50)`: an index on
that expression of the page table lets PostgreSQL look up the page of each entry the RUM
index returns, in rank order, and stop at the tenth that the reader may see (without it, it
joins every match to every page and ranks them all).

RUM is required on PostgreSQL: Debian and Ubuntu ship it as `postgresql-<version>-rum`
(docs/deployment.md). Without it this migration stops with that advice rather than leave
search slow without a word. pg_trgm (PostgreSQL's contrib, always installed with the server)
serves "did you mean" (migration 0006). On other databases this migration does nothing.
"""

from django.db import migrations

RUM_INDEX = "carnet_search_title_body_rum"
AUTOCOMPLETE_RUM_INDEX = "carnet_search_autocomplete_rum"
PAGE_ID_INDEX = "carnet_search_page_id_text"
GIN_INDEX = "carnet_search_title_body_gin"
MISSING_RUM = (
    "PostgreSQL's RUM extension is not installed on the database server. Install it "
    "(Debian/Ubuntu: apt-get install postgresql-15-rum, for PostgreSQL 15) and migrate "
    "again; see docs/deployment.md."
)


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_available_extensions WHERE name = 'rum'")
        if cursor.fetchone() is None:
            raise RuntimeError(MISSING_RUM)
    table = apps.get_model("wagtailsearch", "IndexEntry")._meta.db_table
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS rum")
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    schema_editor.execute(
        f"CREATE INDEX IF NOT EXISTS {RUM_INDEX} ON {table} "
        "USING rum ((title || body) rum_tsvector_ops)"
    )
    schema_editor.execute(
        f"CREATE INDEX IF NOT EXISTS {AUTOCOMPLETE_RUM_INDEX} ON {table} "
        "USING rum (autocomplete rum_tsvector_ops)"
    )
    schema_editor.execute(f"DROP INDEX IF EXISTS {GIN_INDEX}")
    pages = apps.get_model("wagtailcore", "Page")._meta.db_table
    schema_editor.execute(
        f"CREATE INDEX IF NOT EXISTS {PAGE_ID_INDEX} ON {pages} ((id::varchar(50)))"
    )


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    table = apps.get_model("wagtailsearch", "IndexEntry")._meta.db_table
    schema_editor.execute(
        f"CREATE INDEX IF NOT EXISTS {GIN_INDEX} ON {table} USING GIN ((title || body))"
    )
    schema_editor.execute(f"DROP INDEX IF EXISTS {RUM_INDEX}")
    schema_editor.execute(f"DROP INDEX IF EXISTS {AUTOCOMPLETE_RUM_INDEX}")
    schema_editor.execute(f"DROP INDEX IF EXISTS {PAGE_ID_INDEX}")


class Migration(migrations.Migration):
    dependencies = [
        ("carnet_search", "0007_language_choices_follow_the_setting"),
        ("wagtailsearch", "0010_add_text_fields"),
        ("wagtailcore", "0001_initial"),
    ]

    operations = [migrations.RunPython(create_index, drop_index)]
