"""Recognising a returning visitor for one day without storing who they are.

The visitor key is an HMAC of IP address and user agent under a random salt that exists only for
the current day. When the day ends the salt (and every mark made with it) is deleted, after which
no key can be linked to an address again.
"""

import hashlib
import hmac
import secrets
from datetime import date

from django.db import IntegrityError, transaction
from django.utils import timezone

from rugwijs.core.net import client_ip

from .models import DailySalt, VisitorMark

_salt_cache: dict[date, str] = {}


def todays_salt(day: date | None = None) -> str:
    day = day or timezone.localdate()
    if day in _salt_cache:
        return _salt_cache[day]
    salt = DailySalt.objects.filter(day=day).values_list("salt", flat=True).first()
    if salt is None:
        forget_before(day)
        try:
            with transaction.atomic():
                salt = DailySalt.objects.create(day=day, salt=secrets.token_hex(32)).salt
        except IntegrityError:  # another server made today's salt first
            salt = DailySalt.objects.get(day=day).salt
    _salt_cache.clear()
    _salt_cache[day] = salt
    return salt


def forget_before(day: date) -> None:
    """Throw away earlier salts and the marks made with them."""
    DailySalt.objects.filter(day__lt=day).delete()
    VisitorMark.objects.filter(day__lt=day).delete()


def visitor_key(request, day: date | None = None) -> str:
    salt = todays_salt(day)
    user_agent = request.META.get("HTTP_USER_AGENT", "")
    message = f"{client_ip(request)}\n{user_agent}".encode()
    return hmac.new(salt.encode(), message, hashlib.sha256).hexdigest()


def mark_once(kind: str, page_id: int, day: date, visitor: str) -> bool:
    """Record that the visitor did `kind` today; False when they already had."""
    try:
        with transaction.atomic():
            VisitorMark.objects.create(kind=kind, page_id=page_id, day=day, visitor=visitor)
    except IntegrityError:
        return False
    return True
