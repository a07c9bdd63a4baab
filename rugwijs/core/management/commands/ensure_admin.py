import secrets

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Create the first admin account with a generated password, printed once. Does nothing if one exists."

    def add_arguments(self, parser):
        parser.add_argument("--username", default="admin")

    def handle(self, *args, username, **options):
        users = get_user_model()
        if users.objects.filter(is_superuser=True).exists():
            self.stdout.write(
                "An admin account exists already. Forgot the password? "
                "Run: .venv/bin/python manage.py changepassword admin"
            )
            return
        password = secrets.token_urlsafe(12)
        users.objects.create_superuser(username=username, email="", password=password)
        self.stdout.write(self.style.SUCCESS("Created the admin account. This password is shown only once:"))
        self.stdout.write(f"  user: {username}\n  password: {password}\n  admin: /admin/")
        self.stdout.write(
            "After the password, the first login asks to set up two-step verification: "
            "have an authenticator app on your phone ready."
        )
