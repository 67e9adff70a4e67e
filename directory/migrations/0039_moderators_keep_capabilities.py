"""Moderators read the capability words (to check a listing's answers;
like the other reference data, administrators extend them) and record what
they checked of each certificate a business holds: view and change, never
add or delete."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUP = "Moderator"
TERMS = ["constructionmethod", "audience", "footweartype", "material", "service", "country", "kblicode"]
CODENAMES = [f"view_{model}" for model in TERMS] + ["view_businesscertificate", "change_businesscertificate"]


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
    dependencies = [("directory", "0038_business_capabilities")]

    operations = [migrations.RunPython(grant, revoke)]
