"""Editors and Reviewers add, change and translate authors (deleting one stays an admin's)."""

from django.db import migrations

from core.permissions import grant_model_permissions

GRANTS = {
    "Editors": ["add_author", "change_author"],
    "Reviewers": ["add_author", "change_author"],
}


def grant(apps, schema_editor):
    grant_model_permissions(apps, "articles", GRANTS)


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0002_articlepage_comments_open"),
        ("home", "0002_editorial_roles"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
