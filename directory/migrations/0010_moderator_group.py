"""The "Moderator" group: BPIPI staff who review listings, changes and claims
in the admin. Exactly what moderation needs: no accounts, no groups, and no
deletes (the moderation log and claims are the record of decisions).
Superusers stay separate and need no group."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUP = "Moderator"

PERMISSIONS = {
    "directory": [
        "view_business",
        "change_business",
        "view_businesschange",
        "change_businesschange",
        "view_businessclaim",
        "change_businessclaim",
        "view_moderationlog",
        "view_businessphoto",
        "change_businessphoto",
        "view_product",
        "change_product",
        "view_marketplaceshop",
        "change_marketplaceshop",
        # Reference data: read, to pick a region or category while checking a listing.
        "view_province",
        "view_regency",
        "view_sentra",
        "view_role",
        "view_productcategory",
        "view_certification",
    ],
}


def create_moderator_group(apps, schema_editor):
    # Permissions are normally created after all migrations have run; on a
    # fresh database they do not exist yet, so create them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _created = Group.objects.get_or_create(name=GROUP)
    wanted = [
        Permission.objects.get(content_type__app_label=app_label, codename=codename)
        for app_label, codenames in PERMISSIONS.items()
        for codename in codenames
    ]
    group.permissions.set(wanted)


def delete_moderator_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=GROUP).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("directory", "0009_moderation_log"),
    ]

    operations = [migrations.RunPython(create_moderator_group, delete_moderator_group)]
