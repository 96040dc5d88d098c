"""Editors and Reviewers see the subscribers; Reviewers also send the digest."""

from django.db import migrations

from core.permissions import grant_model_permissions

GRANTS = {
    "Editors": ["view_subscriber"],
    "Reviewers": ["view_subscriber", "send_digest"],
}


def grant(apps, schema_editor):
    grant_model_permissions(apps, "newsletter", GRANTS)


class Migration(migrations.Migration):
    dependencies = [
        ("newsletter", "0001_initial"),
        ("home", "0002_editorial_roles"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
