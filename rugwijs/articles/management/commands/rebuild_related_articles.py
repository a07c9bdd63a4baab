from django.core.management.base import BaseCommand

from rugwijs.articles.related import rebuild_all


class Command(BaseCommand):
    help = "Score every article's related-article suggestions again (publishing an article does this for it)."

    def handle(self, *args, **options):
        count = rebuild_all()
        self.stdout.write(f"Related articles scored for {count} articles.")
