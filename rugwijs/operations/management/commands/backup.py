from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from rugwijs.operations.backups import BackupError, create_backup


class Command(BaseCommand):
    help = "Copy the database and MEDIA_ROOT into a new timestamped folder under BACKUP_DIR, while the site runs."

    def add_arguments(self, parser):
        parser.add_argument("--output-dir", type=Path, help="where to put the backup folder (default: BACKUP_DIR)")
        parser.add_argument("--database", default="default", help="the database alias to back up")

    def handle(self, *args, output_dir, database, **options):
        # Views still buffered in Redis belong in the copy; while Redis is down there is nothing to move.
        try:
            call_command("flush_view_buffer")
        except CommandError as error:
            self.stderr.write(str(error))
        try:
            folder = create_backup(output_dir or Path(settings.BACKUP_DIR), Path(settings.MEDIA_ROOT), database)
        except BackupError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(self.style.SUCCESS(f"Backup written to {folder}"))
        self.stdout.write(f"Restore it into an empty set-up with: make restore BACKUP={folder}")
