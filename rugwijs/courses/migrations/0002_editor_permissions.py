"""Practice staff (Wagtail's Editors and Moderators groups) manage enrolments and course videos."""

from django.db import migrations

STAFF_GROUPS = ("Editors", "Moderators")
MODEL_PERMISSIONS = ["add_enrolment", "change_enrolment", "delete_enrolment", "view_enrolment"]
# wagtailmedia asks for these per collection, as Wagtail does for images and documents.
COLLECTION_PERMISSIONS = ["add_coursevideo", "change_coursevideo", "choose_coursevideo"]


def grant(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")

    permissions = {}
    for model in ("enrolment", "coursevideo"):
        content_type, _ = ContentType.objects.get_or_create(app_label="courses", model=model)
        for action in ("add", "change", "delete", "view", "choose"):
            codename = f"{action}_{model}"
            if action == "choose" and model != "coursevideo":
                continue
            permissions[codename], _ = Permission.objects.get_or_create(
                content_type=content_type, codename=codename, defaults={"name": f"Can {action} {model}"}
            )
    root = Collection.objects.filter(depth=1).first()
    for group in Group.objects.filter(name__in=STAFF_GROUPS):
        group.permissions.add(*(permissions[codename] for codename in MODEL_PERMISSIONS))
        if root is not None:
            for codename in COLLECTION_PERMISSIONS:
                GroupCollectionPermission.objects.get_or_create(
                    group=group, collection=root, permission=permissions[codename]
                )


class Migration(migrations.Migration):
    dependencies = [
        ("courses", "0001_initial"),
        ("wagtailcore", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
