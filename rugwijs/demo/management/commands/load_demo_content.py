from django.core.management.base import BaseCommand

from rugwijs.demo.loader import DemoLoader


class Command(BaseCommand):
    help = "Create the demo site (articles, topics, people, images). Safe to run again: nothing is overwritten."

    def handle(self, *args, **options):
        created = DemoLoader().load()
        if created:
            self.stdout.write(self.style.SUCCESS(f"Demo content: created {len(created)} items."))
        else:
            self.stdout.write("Demo content is already there; nothing changed.")
