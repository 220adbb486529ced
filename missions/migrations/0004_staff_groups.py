"""Staff roles: Editors create and edit everything; Publishers may also publish and import."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

MODELS = [
    "country",
    "region",
    "organization",
    "person",
    "election",
    "mission",
    "delegation",
    "delegationmember",
    "meeting",
    "meetingcounterpart",
    "visit",
    "document",
]
EDITING = [f"{action}_{model}" for model in MODELS for action in ("add", "change", "delete", "view")]
PUBLISHING = ["publish_mission", "import_missions"]


def create_groups(apps, schema_editor):
    # Permissions are normally created after migrations; the groups need them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    mine = Permission.objects.filter(content_type__app_label="missions")
    editors, _ = Group.objects.get_or_create(name="Editors")
    editors.permissions.add(*mine.filter(codename__in=EDITING))
    publishers, _ = Group.objects.get_or_create(name="Publishers")
    publishers.permissions.add(*mine.filter(codename__in=EDITING + PUBLISHING))


def remove_groups(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=["Editors", "Publishers"]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("missions", "0003_import_permission"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_groups, remove_groups)]
