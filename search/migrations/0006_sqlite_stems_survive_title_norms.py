"""SQLite only: Wagtail's FTS5 update trigger fires on changes of the texts only.

The stemming backend (search/backends/sqlite.py) writes stemmed words into the FTS5 table;
Wagtail's trigger copied the raw texts back on every update of an index entry, including the
title norms Wagtail recomputes after each indexing. Narrowed to `UPDATE OF title, body,
autocomplete`, it still follows every change of the texts. Run `manage.py update_index` once
on a database indexed before. On other databases (or without FTS5) this does nothing.
"""

from django.db import migrations

TABLE = "wagtailsearch_indexentry"
TRIGGER = "update_wagtailsearch_indexentry_fts"
BODY = (
    f"BEGIN UPDATE {TABLE}_fts SET title=NEW.title, body=NEW.body, autocomplete=NEW.autocomplete"
    " WHERE rowid=NEW.id; END"
)


def with_trigger(columns):
    def run(apps, schema_editor):
        connection = schema_editor.connection
        if connection.vendor != "sqlite":
            return
        if f"{TABLE}_fts" not in connection.introspection.table_names():
            return
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {TRIGGER}")
        schema_editor.execute(f"CREATE TRIGGER {TRIGGER} AFTER UPDATE{columns} ON {TABLE} {BODY}")

    return run


class Migration(migrations.Migration):
    dependencies = [
        ("carnet_search", "0005_text_search_configurations_every_language"),
        ("wagtailsearch", "0010_add_text_fields"),
    ]

    operations = [
        migrations.RunPython(with_trigger(" OF title, body, autocomplete"), with_trigger(""))
    ]
