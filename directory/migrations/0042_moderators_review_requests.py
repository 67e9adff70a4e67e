"""Moderators review sourcing requests (approve or reject: the right to
change them), read their invitations, quotes and attachments, block
addresses and domains (like every deletion, unblocking is an
administrator's), and keep the sourcing settings."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUP = "Moderator"
CODENAMES = [
    "view_sourcingrequest",
    "change_sourcingrequest",
    "view_invitation",
    "view_quote",
    "view_requestattachment",
    "view_blockedsender",
    "add_blockedsender",
    "change_blockedsender",
    "view_sourcingsettings",
    "change_sourcingsettings",
]


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
    dependencies = [("directory", "0041_sourcing_requests")]

    operations = [migrations.RunPython(grant, revoke)]
