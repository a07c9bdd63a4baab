from django.core.management.base import BaseCommand, CommandError

from rugwijs.core.cache import REDIS_DOWN_ERRORS
from rugwijs.engagement.view_store import view_store


class Command(BaseCommand):
    help = "Move view counts buffered in Redis into the database (the worker runs this every few seconds)."

    def handle(self, *args, **options):
        store = view_store()
        if not hasattr(store, "flush"):
            return  # views already go straight to the database
        try:
            moved = store.flush()
        except REDIS_DOWN_ERRORS as error:
            # One line, not a traceback every few seconds: while Redis is down, views go to the database.
            raise CommandError(f"Redis is unreachable ({error}); buffered views wait there for the next run.") from None
        if moved and options["verbosity"] > 1:
            self.stdout.write(f"{moved} views moved to the database.")
