"""The day's salt leaves the database; visitor marks become bare keys with no sequence."""

from django.db import migrations, models


def forget_salts_and_marks(apps, schema_editor):
    # Overwritten before deletion, so the old values are not left behind in freed database pages.
    DailySalt = apps.get_model("engagement", "DailySalt")
    DailySalt.objects.update(salt="0" * 64)
    DailySalt.objects.all().delete()
    # Old marks share one visitor value across pages and kinds; they cannot be converted, only dropped.
    apps.get_model("engagement", "VisitorMark").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [
        ("engagement", "0002_editor_dutch_labels"),
    ]

    operations = [
        migrations.RunPython(forget_salts_and_marks, migrations.RunPython.noop),
        migrations.DeleteModel(name="DailySalt"),
        migrations.DeleteModel(name="VisitorMark"),
        migrations.CreateModel(
            name="VisitorMark",
            fields=[
                ("key", models.CharField(max_length=64, primary_key=True, serialize=False)),
                ("day", models.DateField(db_index=True)),
            ],
        ),
    ]
