"""Practice staff (Wagtail's Editors and Moderators groups) look payments up."""

from django.db import migrations


def grant(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    content_type, _ = ContentType.objects.get_or_create(app_label="payments", model="payment")
    view, _ = Permission.objects.get_or_create(
        content_type=content_type, codename="view_payment", defaults={"name": "Can view payment"}
    )
    for group in Group.objects.filter(name__in=("Editors", "Moderators")):
        group.permissions.add(view)


class Migration(migrations.Migration):
    dependencies = [
        ("payments", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
