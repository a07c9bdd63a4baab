from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from rugwijs.accounts.devices import remove_second_factor


class Command(BaseCommand):
    help = (
        "Remove an editor's authenticator app and recovery codes (lost phone and codes). "
        "After their password they set up a new app."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, *args, username, **options):
        try:
            user = get_user_model().objects.get_by_natural_key(username)
        except get_user_model().DoesNotExist:
            raise CommandError(f"There is no account named {username!r}.") from None
        removed = remove_second_factor(user)
        self.stdout.write(
            f"Removed {removed} second-factor device(s) of {username}. "
            "Their next login, with their password, leads to setting up a new authenticator app."
        )
