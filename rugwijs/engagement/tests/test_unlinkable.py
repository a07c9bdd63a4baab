"""Someone holding a full database dump, and a reader's address and browser, cannot find that
reader's views, votes or comments in it."""

import hashlib
import hmac
import io
import json
import re

import pytest
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from rugwijs.engagement import salts
from rugwijs.engagement.models import HelpfulnessVote, VisitorMark
from rugwijs.engagement.view_store import MARK_KEY, RedisBufferedViewStore, view_store

from .conftest import BROWSER

pytestmark = pytest.mark.django_db

KNOWN_IP = "203.0.113.7"
KNOWN_AGENT = "Mozilla/5.0 (X11; Linux x86_64; rv:140.0) Gecko/20100101 Firefox/140.0"
SECRET_COMMENT = "Ik herkende mijn eigen klachten in dit verhaal."
HEX64 = re.compile(r"[0-9a-f]{64}")


def act(reader, page, ip, agent, comment):
    reader(f"/engagement/views/{page.pk}/", ip=ip, agent=agent)
    voted = reader(f"/engagement/helpful/{page.pk}/", {"helpful": "ja"}, ip=ip, agent=agent, json=True)
    token = voted.json()["token"]
    data = {"token": token, "comment": comment}
    reader(f"/engagement/helpful/{page.pk}/comment/", data, ip=ip, agent=agent, json=True)


def full_dump() -> str:
    """Everything a backup holds: dumpdata of every app, and every row of every table read directly."""
    out = io.StringIO()
    call_command("dumpdata", stdout=out)
    rows = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(include_views=False):
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")  # noqa: S608 - names from introspection
            rows.append(repr(cursor.fetchall()))
    return out.getvalue() + "\n".join(rows)


def guesses_without_salt(page_id: int, day) -> set[str]:
    """Marks an attacker could compute from what they know: every layout, hashed without a key."""
    known = [KNOWN_IP, KNOWN_AGENT, str(page_id), day.isoformat()]
    messages = set()
    for kind in ("view", "vote", "address-view", ""):
        for separator in ("\n", "|", ""):
            messages.add(separator.join([kind, *known]))
            messages.add(separator.join([KNOWN_IP, KNOWN_AGENT]))
            messages.add(separator.join([kind, str(page_id), KNOWN_IP, KNOWN_AGENT, day.isoformat()]))
            messages.add(KNOWN_IP)
    found = set()
    for message in messages:
        data = message.encode()
        found |= {hashlib.sha256(data).hexdigest(), hmac.new(b"", data, hashlib.sha256).hexdigest()}
    return found


def test_a_dump_holds_no_salt_no_computable_mark_and_no_order_that_links_a_vote(demo_site, reader):
    for number in range(1, 4):
        act(reader, demo_site, f"198.51.100.{number}", BROWSER, f"Opmerking {number}")
    act(reader, demo_site, KNOWN_IP, KNOWN_AGENT, SECRET_COMMENT)
    for number in range(4, 7):
        act(reader, demo_site, f"198.51.100.{number}", BROWSER, f"Opmerking {number}")
    assert HelpfulnessVote.objects.filter(comment=SECRET_COMMENT).exists()

    dump = full_dump()
    today = timezone.localdate()
    salt = salts.salt_for(today)

    # (a) The salt is nowhere in the dump.
    assert salt not in dump
    # (b) Nothing computable from the address and browser without the salt is in it ...
    assert not [guess for guess in guesses_without_salt(demo_site.pk, today) if guess in dump]
    # ... while with the salt the known reader's marks are there: only the salt links them.
    from django.test import RequestFactory

    from rugwijs.engagement.visitors import Visitor

    known = Visitor(RequestFactory().post("/", REMOTE_ADDR=KNOWN_IP, HTTP_USER_AGENT=KNOWN_AGENT), today)
    assert known.mark("vote", demo_site.pk) in dump
    store = view_store()
    if isinstance(store, RedisBufferedViewStore):  # view marks live in Redis, until the day ends
        assert known.mark("view", demo_site.pk) not in dump
        assert store.client().ttl(store.key(MARK_KEY + known.mark("view", demo_site.pk))) > 0
    else:
        assert known.mark("view", demo_site.pk) in dump
    # (c) Marks carry no number and no order of their own: a bare key and the day, listed in key
    # order, so the n-th mark says nothing about the n-th vote.
    marks = [entry for entry in json.loads(dump_json()) if entry["model"] == "engagement.visitormark"]
    assert marks and all(HEX64.fullmatch(entry["pk"]) and set(entry["fields"]) == {"day"} for entry in marks)
    assert [field.get_internal_type() for field in VisitorMark._meta.fields] == ["CharField", "DateField"]
    assert [entry["pk"] for entry in marks] == sorted(entry["pk"] for entry in marks)
    # Views and votes of one reader share no value: every key in the dump occurs once.
    keys = HEX64.findall(dump_json())
    assert len(keys) == len(set(keys))


def dump_json() -> str:
    out = io.StringIO()
    call_command("dumpdata", "engagement", stdout=out)
    return out.getvalue()
