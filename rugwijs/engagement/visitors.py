"""Recognising a returning visitor for one day without storing who they are.

Every mark is an HMAC under a random salt that exists only for the current day and never in the
database (see salts.py). When the day ends the salt is gone and the day's marks are deleted, after
which no mark can be linked to an address again; even during the day a database dump alone
cannot be linked to anyone, because the salt is not in it.
"""

import hashlib
import hmac
import threading
from datetime import date

from django.utils import timezone

from rugwijs.core.counters import insert_once
from rugwijs.core.net import client_ip

from . import salts
from .models import VisitorMark

# One address adds at most this many views to an article per day, whatever user agents it
# sends. More than one, because a household or a small office shares one address behind its
# router; not many more, because inventing user agents costs a script nothing.
VIEWS_PER_ADDRESS_PER_DAY = 3

_seen = threading.local()


def todays_salt(day: date | None = None) -> str:
    day = day or timezone.localdate()
    if getattr(_seen, "day", None) != day:
        forget_before(day)
        _seen.day = day
    return salts.salt_for(day)


def forget_before(day: date) -> None:
    """Throw away earlier salts and the marks made with them."""
    salts.forget_before(day)
    VisitorMark.objects.filter(day__lt=day).delete()


def forget_process_state() -> None:
    """For tests: act like a freshly started process."""
    _seen.__dict__.clear()
    salts.forget_remembered()


class Visitor:
    """One request's reader for one day, able to make that day's marks and nothing else."""

    def __init__(self, request, day: date | None = None):
        self.day = day or timezone.localdate()
        self._salt = todays_salt(self.day).encode()
        self._address = client_ip(request)
        self._agent = request.META.get("HTTP_USER_AGENT", "")

    def _mark_key(self, *parts) -> str:
        # The day is in every message, so a salt that outlived its day would still make new keys.
        message = "\n".join(str(part) for part in (*parts, self.day.isoformat()))
        return hmac.new(self._salt, message.encode(), hashlib.sha256).hexdigest()

    def mark(self, kind: str, page_id: int) -> str:
        """This reader (address and browser) did `kind` on this page today."""
        return self._mark_key(kind, page_id, self._address, self._agent)

    def address_mark(self) -> str:
        """This reader's address today, whatever browser it claims (for its rate limit)."""
        return self._mark_key("address", self._address)

    def address_slots(self, page_id: int) -> list[str]:
        """The marks by which one address, whatever browser it claims, adds its capped views."""
        slots = range(VIEWS_PER_ADDRESS_PER_DAY)
        return [self._mark_key("address-view", page_id, self._address, slot) for slot in slots]


def mark_once(key: str, day: date) -> bool:
    """Record the mark; False when it was already there."""
    return insert_once(VisitorMark, key=key, day=day)
