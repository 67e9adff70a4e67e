"""Moderators keep the search glossary: they add and change terms, and delete
none, as with every other row."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUP = "Moderator"
CODENAMES = ["view_glossaryterm", "add_glossaryterm", "change_glossaryterm"]


def permissions(apps):
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
    dependencies = [("directory", "0036_glossary_first_terms")]

    operations = [migrations.RunPython(grant, revoke)]
