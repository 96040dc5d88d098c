"""Editors and Reviewers see the popular searches of each language."""

from django.db import migrations

from core.permissions import grant_model_permissions

GRANTS = {
    "Editors": ["view_searchtermhits"],
    "Reviewers": ["view_searchtermhits"],
}


def grant(apps, schema_editor):
    grant_model_permissions(apps, "carnet_search", GRANTS)


class Migration(migrations.Migration):
    dependencies = [
        ("carnet_search", "0003_index_title_and_body_together"),
        ("home", "0002_editorial_roles"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
