"""The subscribers' addresses are personal data: only "Newsletter managers" (and
superusers) see the list, export it, erase an address and send the digest. Editors and
Reviewers, who had seen the list until now, no longer do."""

from django.db import migrations

from core.permissions import grant_model_permissions

NEWSLETTER_MANAGERS = "Newsletter managers"
MANAGED = ["view_subscriber", "delete_subscriber", "send_digest"]


def hand_over(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    grant_model_permissions(apps, "newsletter", {NEWSLETTER_MANAGERS: MANAGED})
    managers = Group.objects.get(name=NEWSLETTER_MANAGERS)
    managers.permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    )
    newsletter_permissions = Permission.objects.filter(content_type__app_label="newsletter")
    for group in Group.objects.filter(name__in=["Editors", "Reviewers"]):
        group.permissions.remove(*newsletter_permissions)


class Migration(migrations.Migration):
    dependencies = [
        ("newsletter", "0002_editorial_permissions"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
    ]

    operations = [migrations.RunPython(hand_over, migrations.RunPython.noop)]
