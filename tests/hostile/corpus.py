"""A corpus of hostile requests against every public endpoint (issue 8, "No 500, ever").

Each entry is a plain description (method, path, body, headers) so that a failure names the
exact request. The corpus is built from the demo site's real ids and slugs at test time.
"""

from dataclasses import dataclass, field

HUGE = 20  # orders of magnitude: numbers beyond 64 bits
BIG_INT = "9" * HUGE

# Text that has broken, or tried to break, web applications before.
PAYLOADS = [
    "",
    " ",
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "../../../../etc/passwd",
    "..%2f..%2f..%2fetc%2fpasswd",
    "' OR 1=1 --",
    "1; DROP TABLE wagtailcore_page; --",
    "{{ settings.SECRET_KEY }}",
    "{% debug %}",
    "${7*7}",
    "\x00",
    "a\x00b",
    "\x01\x02\x1b[31m\x7f",
    "\u202e\u200b\ufeff",
    "\ud800",
    "x" * 5000,
    BIG_INT,
    "-" + BIG_INT,
    "1e999",
    "NaN",
    "%00",
    "%FF%FE",
    "😀" * 50,
]

# Percent-encoded forms for query strings (WSGI passes the raw query as latin-1 text).
QUERY_VALUES = [
    "",
    "%00",
    "a%00b",
    "%FF",
    "%C3%28",
    "%ED%A0%80",
    "%3Cscript%3Ealert(1)%3C/script%3E",
    "..%2F..%2Fetc%2Fpasswd",
    "%27%20OR%201%3D1%20--",
    "%7B%7B%20settings.SECRET_KEY%20%7D%7D",
    "%7B%25%20debug%20%25%7D",
    BIG_INT,
    "-" + BIG_INT,
    "1e999",
    "x" * 3000,
    "\xff\xfe",
]


@dataclass
class Req:
    method: str
    path: str
    body: bytes | None = None
    content_type: str | None = None
    headers: dict = field(default_factory=dict)
    query: str | None = None
    json_endpoint: bool = False

    def __str__(self):
        body = "" if self.body is None else f" body={self.body[:60]!r}{'...' if len(self.body) > 60 else ''}"
        query = "" if self.query is None else f"?{self.query[:60]!r}"
        return f"{self.method} {self.path}{query} ct={self.content_type!r}{body} {self.headers or ''}"


def _json_bodies() -> list[bytes]:
    deep = b'{"answers": ' + b"[" * 100_000 + b"]" * 100_000 + b"}"
    return [
        b"",
        b"null",
        b"[]",
        b"{}",
        b'{"answers": null}',
        b'{"answers": []}',
        b'{"answers": "x"}',
        b'{"answers": {"duur_weken": 1e999}}',
        b'{"answers": {"duur_weken": -1e999}}',
        b'{"answers": {"duur_weken": 1e999, "eerder_gehad": "nee"}}',
        b'{"answers": {"duur_weken": ' + b"9" * 5000 + b', "eerder_gehad": "nee"}}',
        b'{"answers": {"duur_weken": -' + b"9" * 5000 + b"}}",
        b'{"answers": {"duur_weken": NaN}}',
        b'{"answers": {"duur_weken": Infinity}}',
        b'{"answers": {"duur_weken": 6, "eerder_gehad": ["nee"]}}',
        b'{"answers": {"duur_weken": "6", "eerder_gehad": {"a": 1}}}',
        b'{"answers": {"duur_weken": true, "eerder_gehad": "nee"}}',
        b'{"answers": {"\\u0000": 1}}',
        b'{"answers": {"duur_weken": 6, "eerder_gehad": "\\ud800"}}',
        b'{"answers": {"<script>": "{{ x }}"}}',
        deep,
        b"[" * 100_000,
        b'{"answers": {"duur_weken": 6}}\xff',
        b"\xff\xfe\x00\x00",
        b'{"answers": {"eerder_gehad": "\xc3\x28"}}',
        b"\x00" * 100,
        b'{"answers": {"duur_weken": 6, "eerder_gehad": "' + b"x" * 200_000 + b'"}}',
        b'{"answers": {"duur_weken": 6, "eerder_gehad": "nee"}, "x": "' + b"y" * 2_000_000 + b'"}',
    ]


def build(ids: dict) -> list[Req]:
    """ids: article (id, url), selftest (id, url), selftest slug, course (id, url), a free lesson (id, url)."""
    reqs: list[Req] = []
    article_id, article_url = ids["article"]
    test_id, test_url = ids["selftest"]
    slug = ids["slug"]
    form_ct = "application/x-www-form-urlencoded"

    pages = ["/", article_url, test_url, "/zelftests/", "/sitemap.xml", "/robots.txt", "/api/selftests/"]
    posts_form = [
        f"/engagement/views/{article_id}/",
        f"/engagement/helpful/{article_id}/",
        f"/engagement/helpful/{article_id}/comment/",
        f"/zelftest/{test_id}/uitslag/",
        f"/zelftest/{test_id}/mail/",
    ]
    api_result = f"/api/selftests/{slug}/result/"
    # Learner account forms (allauth's and ours), posted by someone who is not logged in.
    account_forms = [
        "/account/login/",
        "/account/signup/",
        "/account/password/reset/",
        "/account/login/code/",
        "/account/login/code/confirm/",
        "/account/logout/",
        "/account/verwijderen/",
    ]
    account_pages = ["/account/", "/account/gegevens/download/", "/account/confirm-email/", "/account/2fa/"]
    # Courses: the enrol and mark-as-done forms, a lesson's files and videos, quiz answers in the query.
    course_id, course_url = ids["course"]
    lesson_id, lesson_url = ids["lesson"]
    course_forms = [
        f"/leren/cursus/{course_id}/inschrijven/",
        f"/leren/les/{lesson_id}/klaar/",
        f"/leren/cursus/{course_id}/betalen/",
        "/betalingen/webhook/",
        f"/leren/cursus/{course_id}/certificaat/",
    ]
    course_pages = [
        course_url,
        lesson_url,
        "/cursussen/",
        "/leren/mijn-cursussen/",
        f"/leren/cursus/{course_id}/certificaat.pdf",
        "/certificaat/",
        "/certificaat/RW-2222-2222-22/",
    ]

    # Wrong methods everywhere.
    for path in [
        *pages,
        *posts_form,
        api_result,
        f"/api/selftests/{slug}/",
        "/api/v2/pages/",
        "/zoeken/",
        *account_forms,
        *account_pages,
        *course_forms,
        *course_pages,
    ]:
        for method in ("POST", "PUT", "DELETE", "PATCH", "OPTIONS", "HEAD", "GET", "TRACE"):
            reqs.append(Req(method, path, json_endpoint=path.startswith("/api/")))

    # Odd paths: traversal, big ids, control characters.
    for value in PAYLOADS[:16]:
        value = value.replace("\ud800", "%ED%A0%80")
        reqs.append(Req("GET", "/" + value.replace("/", "%2F")))
        reqs.append(Req("GET", "/api/selftests/" + value + "/", json_endpoint=True))
    for prefix in ("/zelftest/{}/uitslag/", "/zelftest/{}/mail/", "/engagement/views/{}/", "/engagement/helpful/{}/"):
        for number in (BIG_INT, "9223372036854775808", "18446744073709551616", "0", "-1", "00000" + BIG_INT):
            reqs.append(Req("POST", prefix.format(number), b"a=1", form_ct))
            reqs.append(Req("GET", prefix.format(number)))
    for number in (BIG_INT, "9223372036854775808", "abc", "1e3", "%00", "-1"):
        reqs.append(Req("GET", f"/api/v2/pages/{number}/", json_endpoint=True))
    for number in (BIG_INT, "9223372036854775808", "18446744073709551616", "0", "-1"):
        for path in (
            f"/leren/cursus/{number}/inschrijven/",
            f"/leren/les/{number}/klaar/",
            f"/leren/les/{number}/bestand/1/werkblad.pdf",
            f"/leren/les/{lesson_id}/bestand/{number}/werkblad.pdf",
            f"/leren/les/{lesson_id}/video/{number}/video",
            f"/leren/les/{number}/video/1/ondertiteling.vtt",
            f"/leren/cursus/{number}/certificaat/",
            f"/leren/cursus/{number}/certificaat.pdf",
        ):
            reqs.append(Req("GET", path))
            reqs.append(Req("POST", path, b"done=1", form_ct))
    for value in PAYLOADS[:16]:
        name = value.replace("/", "%2F").replace("\ud800", "%ED%A0%80")
        reqs.append(Req("GET", f"/leren/les/{lesson_id}/bestand/1/{name}"))
        reqs.append(Req("GET", f"/leren/betaling/{name}/"))
        # A certificate's code in the link printed on it.
        reqs.append(Req("GET", f"/certificaat/{name}/"))

    # Query strings on pages, search and the Wagtail API.
    for value in QUERY_VALUES:
        for query in (f"quiz={value}&v1={value}", f"quiz=x&v1=1&v2={value}", f"video={value}"):
            reqs.append(Req("GET", lesson_url, query=query))
        reqs.append(Req("GET", "/zoeken/", query=f"q={value}"))
        reqs.append(Req("GET", "/certificaat/", query=f"code={value}"))
        reqs.append(Req("GET", "/certificaat/", query=f"code=RW-2222-2222-22&code={value}"))
        reqs.append(Req("GET", "/zoeken/", query=f"q=rug&page={value}"))
        reqs.append(Req("GET", article_url, query=f"feedback={value}"))
        reqs.append(Req("GET", "/", query=value))
        for name in ("offset", "limit", "id", "type", "fields", "order", "search", "child_of", "descendant_of"):
            reqs.append(Req("GET", "/api/v2/pages/", query=f"{name}={value}", json_endpoint=True))
        for name in ("html_path", "id"):
            reqs.append(Req("GET", "/api/v2/pages/find/", query=f"{name}={value}", json_endpoint=True))
        dated = f"type=articles.ArticlePage&first_published_at={value}"
        reqs.append(Req("GET", "/api/v2/pages/", query=dated, json_endpoint=True))
        reqs.append(Req("GET", f"/api/v2/pages/{article_id}/", query=f"fields={value}", json_endpoint=True))
    for query in (
        f"offset={BIG_INT}",
        f"limit={BIG_INT}",
        "offset=-1",
        "limit=-1",
        "offset=1e3",
        "type=wagtailcore.Page&last_published_at=no-date",
        "type=articles.ArticlePage&first_published_at=2026-13-45",
        "id=abc",
        f"id={BIG_INT}",
        "html_path=/%00",
        "html_path=%00",
        f"child_of={BIG_INT}",
        f"descendant_of={BIG_INT}",
        "order=random&offset=5",
        "search=%00",
        "fields=*,-id,body(%00)",
        "locale=%00",
        "translation_of=abc",
    ):
        reqs.append(Req("GET", "/api/v2/pages/", query=query, json_endpoint=True))
        reqs.append(Req("GET", "/api/v2/pages/find/", query=query, json_endpoint=True))

    # Form bodies: payloads, invalid UTF-8, odd charsets, huge and empty.
    for path in posts_form:
        for value in PAYLOADS:
            data = f"helpful={value}&comment={value}&token={value}&email={value}&duur_weken={value}"
            reqs.append(Req("POST", path, data.encode("utf-8", "surrogatepass"), form_ct))
        for body in (b"", b"\xff\xfe", b"a=%FF", b"email=\xc3\x28", b"a=1&" * 20_000, b"x" * 3_000_000):
            reqs.append(Req("POST", path, body, form_ct))
        for content_type in (
            "application/x-www-form-urlencoded; charset=\x00",
            "application/x-www-form-urlencoded; charset=no-such-charset",
            "application/x-www-form-urlencoded; charset=utf-7",
            "multipart/form-data",
            "multipart/form-data; boundary=",
            "multipart/form-data; boundary=x",
            "text/plain",
            "application/json",
            "\x00",
        ):
            reqs.append(Req("POST", path, b"helpful=ja&email=a%40b.nl", content_type))
        for headers in ({"Origin": "https://evil.example"}, {"Sec-Fetch-Site": "cross-site"}, {"Origin": "null"}):
            reqs.append(Req("POST", path, b"helpful=ja", form_ct, headers))

    for path in course_forms:
        for value in PAYLOADS:
            data = f"done={value}&id={value}&name={value}"
            reqs.append(Req("POST", path, data.encode("utf-8", "surrogatepass"), form_ct))
        for body in (b"", b"\xff\xfe", b"done=%FF", b"a=1&" * 20_000, b"x" * 3_000_000):
            reqs.append(Req("POST", path, body, form_ct))

    # Account forms: every field they have, filled with payloads; keys in links (confirmation, reset).
    for path in account_forms:
        for value in PAYLOADS:
            fields = ("login", "email", "password", "password1", "password2", "code", "confirm", "remember", "next")
            data = "&".join(f"{name}={value}" for name in fields)
            reqs.append(Req("POST", path, data.encode("utf-8", "surrogatepass"), form_ct))
        odd_bodies = (b"", b"\xff\xfe", b"login=%FF&password=", b"email=\xc3\x28", b"a=1&" * 20_000, b"x" * 3_000_000)
        for body in odd_bodies:
            reqs.append(Req("POST", path, body, form_ct))
        for content_type in ("multipart/form-data; boundary=x", "application/json", "text/plain", "\x00"):
            reqs.append(Req("POST", path, b"login=a%40b.nl&password=x", content_type))
    for value in PAYLOADS[:16]:
        key = value.replace("/", "%2F").replace("\ud800", "%ED%A0%80")
        for prefix in ("/account/confirm-email/", "/account/password/reset/key/"):
            reqs.append(Req("GET", f"{prefix}{key}/"))
            reqs.append(Req("POST", f"{prefix}{key}/", b"password1=x&password2=x", form_ct))
    for value in QUERY_VALUES:
        reqs.append(Req("GET", "/account/login/", query=f"next={value}"))

    # The self-test JSON API.
    for body in _json_bodies():
        reqs.append(Req("POST", api_result, body, "application/json", json_endpoint=True))
        accept = {"Accept": "application/json"}
        reqs.append(Req("POST", api_result, body, "application/json", accept, json_endpoint=True))
    for content_type in (
        None,
        "text/plain",
        "application/x-www-form-urlencoded",
        "multipart/form-data; boundary=x",
        "application/json; charset=\x00",
        "application/json; charset=latin-1",
        "application/json; charset=no-such",
        "application/jsonx",
        "\x00",
    ):
        reqs.append(Req("POST", api_result, b'{"answers": {}}', content_type, json_endpoint=True))
    for headers in ({"Origin": "https://evil.example"}, {"Sec-Fetch-Site": "cross-site"}, {"Origin": "null"}):
        reqs.append(Req("POST", api_result, b'{"answers": {}}', "application/json", headers, json_endpoint=True))
    for value in PAYLOADS[:12]:
        reqs.append(Req("POST", f"/api/selftests/{value}/result/", b"{}", "application/json", json_endpoint=True))
    return reqs
