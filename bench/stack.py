"""Benchmarks against a running `make stack`: the proxy's ceiling, the cached article, the article's weight.

Run with `make bench` (or `.venv/bin/python bench/stack.py`) while `make stack` runs; PORT as for
make stack. Uses wrk (Debian package `wrk`, installed when absent) on loopback, 5 seconds per row, so
that a 2-core machine shared with others is not kept busy for long. Prints figures; asserts nothing.
"""

import html.parser
import importlib.util
import os
import re
import shutil
import subprocess
import sys
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import readers  # bench/readers.py: this script runs from bench/

REPO = Path(__file__).resolve().parent.parent
ARTICLE = "/stress-en-pijn/stress-en-rugpijn/"
WRK = ["wrk", "-t2", "-c8", "-d5s", "--latency"]
# What a current browser asks for; nginx answers with the .br copy of static files, gzip for HTML.
BROWSER_ENCODINGS = "br, gzip"


def _stack_script():
    spec = importlib.util.spec_from_file_location("rugwijs_stack_script", REPO / "deploy" / "stack.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def fetch(url: str, encoding: str = "identity") -> tuple[int, dict, bytes]:
    request = urllib.request.Request(url, headers={"Accept-Encoding": encoding})  # noqa: S310 - our own stack
    try:
        with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310 - our own stack
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def ensure_wrk() -> None:
    if shutil.which("wrk"):
        return
    print("Installing Debian's wrk")
    sudo = [] if os.geteuid() == 0 else ["sudo"]
    environment = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    subprocess.run([*sudo, "apt-get", "update", "-qq"], check=True, env=environment)
    subprocess.run([*sudo, "apt-get", "install", "-y", "-qq", "wrk"], check=True, env=environment)


# One request at a time: how long a single reader waits, with nothing queued before them.
WRK_ONE_AT_A_TIME = ["wrk", "-t1", "-c1", "-d5s", "--latency"]


def wrk(url: str, script: str | None = None, one_at_a_time: bool = False) -> dict:
    """Requests/s, p50 and p99 (ms) and failed responses from one short wrk run (optionally a Lua script)."""
    command = [*(WRK_ONE_AT_A_TIME if one_at_a_time else WRK), *(["-s", script] if script else []), url]
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    units = {"us": 0.001, "ms": 1.0, "s": 1000.0}

    def percentile(name: str) -> float:
        value, unit = re.search(rf"^\s*{name}%\s+([\d.]+)(us|ms|s)\s*$", output, re.MULTILINE).groups()
        return float(value) * units[unit]

    failed = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", output)
    errors = re.search(r"Socket errors:.*", output)
    return {
        "requests": int(re.search(r"(\d+) requests in", output).group(1)),
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),
        "p50": percentile("50"),
        "p99": percentile("99"),
        "failed": int(failed.group(1)) if failed else 0,
        "socket_errors": errors.group(0) if errors else "",
    }


class Assets(html.parser.HTMLParser):
    """The files a browser loads for a page: stylesheets, scripts, images, icons."""

    def __init__(self):
        super().__init__()
        self.found: list[tuple[str, str]] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "link" and attrs.get("href"):
            rel = (attrs.get("rel") or "").split()
            if "stylesheet" in rel:
                self.found.append(("css", attrs["href"]))
            elif "icon" in rel or "preload" in rel or "modulepreload" in rel:
                self.found.append(("other", attrs["href"]))
        elif tag == "script" and attrs.get("src"):
            self.found.append(("js", attrs["src"]))
        elif tag == "img" and attrs.get("src"):
            self.found.append(("image", attrs["src"]))


def weight(base: str) -> dict:
    """Bytes on the wire for the article as a browser loads it, by kind, and how many requests."""
    _status, _headers, page = fetch(base + ARTICLE, BROWSER_ENCODINGS)
    _status, _headers, plain = fetch(base + ARTICLE)
    parser = Assets()
    parser.feed(plain.decode())
    assets = list(dict.fromkeys(parser.found))
    totals = {"html": len(page), "css": 0, "js": 0, "image": 0, "other": 0}
    other_origins = set()
    index = 0
    while index < len(assets):
        kind, address = assets[index]
        index += 1
        url = urljoin(base + ARTICLE, address)
        if urlsplit(url).netloc != urlsplit(base).netloc:
            other_origins.add(urlsplit(url).netloc)
            continue
        _status, _headers, body = fetch(url, BROWSER_ENCODINGS)
        totals[kind] += len(body)
        if kind == "css":
            # Fonts and pictures a stylesheet pulls in are requests too.
            _status, _headers, text = fetch(url)
            for found in re.findall(r"url\(\s*['\"]?([^'\")]+)", text.decode(errors="replace")):
                if not found.startswith("data:"):
                    entry = ("other", urljoin(url, found))
                    if entry not in assets:
                        assets.append(entry)
    totals["requests"] = 1 + len(assets)
    totals["other_origins"] = sorted(other_origins)
    return totals


def app_rows() -> list:
    """Rows 3 and 5 (bench/app.py): one app server of its own, so they need no running stack."""
    sys.path.insert(0, str(REPO / "bench"))
    import app

    ensure_wrk()
    return app.rows(wrk)


def print_table(rows: list, reference_name: str = "row 1") -> None:
    print(f"{'row':<4}{'what':<66}{'req/s':>10}{'p50 ms':>9}{'p99 ms':>9}{'vs ' + reference_name:>10}{'failed':>8}")
    for number, what, figures, reference in rows:
        ratio = f"{figures['rps'] / reference:.2f}" if reference else ""
        failed = figures["failed"] + (1 if figures["socket_errors"] else 0)
        print(
            f"{number:<4}{what:<66}{figures['rps']:>10,.0f}{figures['p50']:>9.2f}{figures['p99']:>9.2f}"
            f"{ratio:>10}{failed:>8}"
        )


BEACON_SECONDS = 5


def stored_views(database_url: str, page_id: int) -> int:
    """The page's total in the stack's database (psql, so this script needs no Django)."""
    query = f"SELECT views FROM engagement_pageviewtotal WHERE page_id = {int(page_id)}"  # noqa: S608 - an int
    output = subprocess.run(["psql", database_url, "-tAc", query], capture_output=True, text=True, check=True).stdout
    return int(output.strip() or 0)


def beacons(base: str, page_id: int, database_url: str) -> dict:
    """Row 4: beacons from distinct readers through the proxy for a few seconds (bench/readers.py),
    then the page's stored count once the worker has flushed, against the beacons answered 200."""
    import time

    before = stored_views(database_url, page_id)
    address = urlsplit(base)
    sent = readers.send_beacons(address.hostname, address.port, f"/engagement/views/{page_id}/", BEACON_SECONDS)
    # The worker flushes every few seconds: wait for two rounds at most.
    deadline = time.monotonic() + 15
    while (stored := stored_views(database_url, page_id) - before) < sent["accepted"] and time.monotonic() < deadline:
        time.sleep(0.5)
    return {**sent, "stored": stored}


def main() -> None:
    stack = _stack_script()
    base = f"http://127.0.0.1:{stack.PORT}"
    try:
        status, _headers, html = fetch(base + ARTICLE)
    except OSError:
        print(f"stack rows: nothing answers at {base}; start it with `make stack` (PORT as for make stack).")
        print_app_rows()
        return
    if status != 200:
        print(f"stack rows: the demo article answers {status} at {base}{ARTICLE}.")
        print_app_rows()
        return
    ensure_wrk()

    # Row 1: the same bytes as a plain file nginx serves from STATIC_ROOT.
    static_copy = stack.STATE_DIR / "static" / "_bench" / "article.html"
    static_copy.parent.mkdir(parents=True, exist_ok=True)
    static_copy.write_bytes(html)
    static_copy.parent.chmod(0o755)
    ceiling = wrk(base + "/static/_bench/article.html")

    # Row 2: the article through the proxy's cache (warmed first).
    fetch(base + ARTICLE)
    _status, headers, _body = fetch(base + ARTICLE)
    cache_status = headers.get("X-Cache-Status", "none")
    cached = wrk(base + ARTICLE)

    page = weight(base)
    page_id = int(re.search(rb'data-view-beacon="/engagement/views/(\d+)/"', html).group(1))
    views = beacons(base, page_id, stack.DATABASE_URL)

    rows = [
        ("1", "ceiling: nginx serves the article's HTML as a static file", ceiling, ""),
        ("2", f"demo article through the proxy (X-Cache-Status {cache_status})", cached, ceiling["rps"]),
    ]
    rows += app_rows()
    print(f"\nStack at {base}, wrk {' '.join(WRK[1:])}; article {len(html):,} bytes uncompressed")
    print_table(rows)
    print("    (row 3a's ratio is to row 3d, the same app server with every cache off)")
    print(
        f"4   view beacons through the stack, {readers.PROCESSES * readers.THREADS_PER_PROCESS} at a time,"
        " each from a reader of its own:"
        f" {views['rps']:,.0f} beacons/s; {views['accepted']:,} of {views['sent']:,} answered 200;"
        f" stored after the flush: {views['stored']:,} (lost: {views['accepted'] - views['stored']:,})"
    )
    text_bytes = page["html"] + page["css"] + page["js"]
    print(
        f"6   article weight ({BROWSER_ENCODINGS}): HTML {page['html']:,} + CSS {page['css']:,} + JS {page['js']:,}"
        f" = {text_bytes:,} bytes compressed; images {page['image']:,} bytes; other {page['other']:,} bytes;"
        f" {page['requests']} requests; other origins: {', '.join(page['other_origins']) or 'none'}"
    )


def print_app_rows() -> None:
    print(f"\nOne app server, wrk {' '.join(WRK[1:])}")
    print_table(app_rows(), reference_name="row 3d")


if __name__ == "__main__":
    sys.exit(main())
