"""Moderators merge the duplicates they find, above all in the lists staff
import: the right to merge (not the right to delete) is given to the group."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUP = "Moderator"
CODENAMES = ["merge_business"]


def permissions(apps):
    # The permission is new: on a fresh database it is made after every
    # migration has run, so make it now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Permission = apps.get_model("auth", "Permission")
    return Permission.objects.filter(content_type__app_label="directory", codename__in=CODENAMES)


def grant(apps, schema_editor):
    group = apps.get_model("auth", "Group").objects.filter(name=GROUP).first()
    if group is not None:
        group.permissions.add(*permissions(apps))


def revoke(apps, schema_editor):
    group = apps.get_model("auth", "Group").objects.filter(name=GROUP).first()
    if group is not None:
        group.permissions.remove(*permissions(apps))


class Migration(migrations.Migration):
    dependencies = [("directory", "0023_business_merge_permission")]

    operations = [migrations.RunPython(grant, revoke)]
