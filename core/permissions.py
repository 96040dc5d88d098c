"""Granting an app's model permissions to the editorial groups, from a data migration."""

from django.contrib.auth.management import create_permissions


def grant_model_permissions(apps, app_label, grants):
    """Give groups permissions on `app_label`'s models: `grants` maps a group name to codenames.

    Django creates permissions after all migrations have run; this creates the app's now,
    so that a migration of that app can hand them out on a new database.
    """
    app_config = apps.get_app_config(app_label)
    # create_permissions skips an app without a models module; a migration's stub has none.
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for group_name, codenames in grants.items():
        group, _created = Group.objects.get_or_create(name=group_name)
        group.permissions.add(
            *Permission.objects.filter(content_type__app_label=app_label, codename__in=codenames)
        )
