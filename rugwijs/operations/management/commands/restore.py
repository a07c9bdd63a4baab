from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from rugwijs.operations.backups import BackupError, restore_backup


class Command(BaseCommand):
    help = (
        "Bring a backup made by `manage.py backup` back into an empty database and MEDIA_ROOT. "
        "Refuses to overwrite content unless given --force."
    )

    def add_arguments(self, parser):
        parser.add_argument("backup", type=Path, help="the backup folder, e.g. var/backups/rugwijs-20260101-120000Z")
        parser.add_argument("--force", action="store_true", help="replace a database that already has content")
        parser.add_argument("--database", default="default", help="the database alias to restore into")

    def handle(self, *args, backup, force, database, **options):
        try:
            manifest = restore_backup(backup, Path(settings.MEDIA_ROOT), database, force=force)
        except BackupError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(self.style.SUCCESS(f"Restored the backup of {manifest['created']} from {backup}."))
        self.stdout.write("Run `manage.py migrate` if this version of Rugwijs is newer than the backup.")
