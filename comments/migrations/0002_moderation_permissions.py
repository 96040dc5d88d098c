"""Reviewers moderate comments (view, change, delete); Editors may read them.

Django creates a model's permissions after all migrations ran, so they are made here
(get_or_create: the same rows Django would make). Group names are literals, as in
home's 0002_editorial_roles, so this keeps working whatever editorial/workflow.py becomes.
"""

from django.db import migrations

GROUP_PERMISSIONS = {
    "Reviewers": ["view_comment", "change_comment", "delete_comment"],
    "Editors": ["view_comment"],
}
NAMES = {
    "view_comment": "Can view comment",
    "change_comment": "Can change comment",
    "delete_comment": "Can delete comment",
}


def grant(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    content_type, _created = ContentType.objects.get_or_create(
        app_label="comments", model="comment"
    )
    for group_name, codenames in GROUP_PERMISSIONS.items():
        group = Group.objects.filter(name=group_name).first()
        if group is None:
            continue
        for codename in codenames:
            permission, _created = Permission.objects.get_or_create(
                content_type=content_type, codename=codename, defaults={"name": NAMES[codename]}
            )
            group.permissions.add(permission)


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permissions = Permission.objects.filter(
        content_type__app_label="comments", codename__in=list(NAMES)
    )
    for group in Group.objects.filter(name__in=list(GROUP_PERMISSIONS)):
        group.permissions.remove(*permissions)


class Migration(migrations.Migration):
    dependencies = [
        ("comments", "0001_initial"),
        ("home", "0002_editorial_roles"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
