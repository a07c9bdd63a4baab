"""A learner's personal data, gathered for "Download my data" and erased in one step.

Each app that keeps data about a learner registers an exporter and an eraser here, usually in its
AppConfig.ready():

    from rugwijs.accounts import personal_data
    personal_data.register("courses", exporter=export_enrolments, eraser=erase_enrolments)

An exporter takes the user and returns a dict that json can write (strings, numbers, lists, dicts;
dates as ISO text); an eraser takes the user and deletes what its app holds. Erasers run inside the
transaction that deletes the account, before the user row goes, so a failing eraser keeps everything.
The accounts app registers the account's own data (e-mail addresses, second factor, sessions) first.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from django.contrib.sessions.models import Session
from django.db import transaction
from django.utils import timezone


@dataclass(frozen=True)
class Entry:
    name: str
    exporter: Callable[[object], dict]
    eraser: Callable[[object], None]


_entries: dict[str, Entry] = {}


def register(name: str, *, exporter: Callable[[object], dict], eraser: Callable[[object], None]) -> None:
    """Add an app's data under `name` in the export; registering a name again replaces it."""
    _entries[name] = Entry(name, exporter, eraser)


def unregister(name: str) -> None:
    _entries.pop(name, None)


def registered() -> list[str]:
    return list(_entries)


def export(user) -> dict:
    return {
        "exported_at": timezone.now().isoformat(),
        **{entry.name: entry.exporter(user) for entry in _entries.values()},
    }


@transaction.atomic
def erase(user) -> None:
    """Delete the account and everything registered about it, all or nothing."""
    for entry in reversed(_entries.values()):
        entry.eraser(user)
    user.delete()


def _iso(moment: datetime | None) -> str | None:
    return moment.isoformat() if moment else None


def sessions_of(user):
    """The user's unexpired sessions. The session table has no user column, so each one is read."""
    user_id = str(user.pk)
    for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator():
        if session.get_decoded().get("_auth_user_id") == user_id:
            yield session


def export_account(user) -> dict:
    from allauth.account.models import EmailAddress
    from allauth.mfa.models import Authenticator

    return {
        "email": user.email,
        "username": user.get_username(),
        "date_joined": _iso(user.date_joined),
        "last_login": _iso(user.last_login),
        "email_addresses": [
            {"email": address.email, "verified": address.verified, "primary": address.primary}
            for address in EmailAddress.objects.filter(user=user).order_by("pk")
        ],
        # Which second factors are on, not their secrets: a download folder is no place for those.
        "two_factor": [
            {
                "type": authenticator.type,
                "created_at": _iso(authenticator.created_at),
                "last_used_at": _iso(authenticator.last_used_at),
            }
            for authenticator in Authenticator.objects.filter(user=user).order_by("pk")
        ],
        "sessions": [{"expires": _iso(session.expire_date)} for session in sessions_of(user)],
    }


def erase_account(user) -> None:
    from allauth.account.models import EmailAddress
    from allauth.mfa.models import Authenticator

    Authenticator.objects.filter(user=user).delete()
    EmailAddress.objects.filter(user=user).delete()
    Session.objects.filter(pk__in=[session.pk for session in sessions_of(user)]).delete()
