from django.core.management.base import BaseCommand

from rugwijs.engagement.view_store import view_store


class Command(BaseCommand):
    help = "Move view counts buffered in Redis into the database (the worker runs this every few seconds)."

    def handle(self, *args, **options):
        store = view_store()
        if not hasattr(store, "flush"):
            return  # views already go straight to the database
        moved = store.flush()
        if moved and options["verbosity"] > 1:
            self.stdout.write(f"{moved} views moved to the database.")
