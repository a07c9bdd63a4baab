"""Benchmark: how fast the self-test editor opens, for the largest demo test (`zenuw-spier-of-gewricht`).

Run with `make bench` (or `.venv/bin/python bench/editor.py [--runs N]`). Uses a throw-away test database on
the engine DATABASE_URL selects, a live server in this process and Debian's Chromium (as the browser tests do)
through Playwright. Prints figures; asserts nothing.

Per run, in a logged-in browser with a warm cache (an editor opening the test again), in a new tab, from
navigation start:
- response: the server's time to the first byte of the edit view (as the browser sees it);
- load: the load event has fired;
- interactive: the editor is usable: the load event fired, every StreamField is rendered, and the main thread
  has had no long task (> 50 ms) for 500 ms; the figure is the end of the last long task (like Lighthouse's TTI);
- cpu: main-thread CPU time the page used until then (Chromium's TaskDuration in thread ticks), which, unlike
  the wall-clock figures, hardly grows when other processes share the machine.
Also printed: the edit view's server time and queries measured in-process, and the editor's size in DOM nodes
and rich-text editors started on opening.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rugwijs.settings.test")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_test_environment  # noqa: E402

SLUG = "zenuw-spier-of-gewricht"
CHROMIUM = "/usr/bin/chromium"
USERNAME, PASSWORD = "bench", "bench-password-not-secret"
SERVER_REQUESTS = 10
QUIET_MS = 500

# Collects the end of every long task from the first script on, so "interactive" needs no guessing.
WATCH_LONG_TASKS = """
window.__benchLongTaskEnds = [];
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) window.__benchLongTaskEnds.push(entry.startTime + entry.duration);
}).observe({ type: "longtask", buffered: true });
"""
INTERACTIVE = """(quietMs) => {
  const navigation = performance.getEntriesByType("navigation")[0];
  if (!navigation || !navigation.loadEventEnd) return false;
  if (document.querySelector('[data-controller~="w-block"]')) return false;  // a StreamField not rendered yet
  const busyUntil = Math.max(navigation.loadEventEnd, ...window.__benchLongTaskEnds);
  return performance.now() - busyUntil >= quietMs ? busyUntil : false;
}"""
SIZE = """() => ({
  nodes: document.getElementsByTagName("*").length,
  richText: document.querySelectorAll(".Draftail-Editor").length,
})"""


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="editor openings to measure (default 7)")
    args = parser.parse_args()
    if not Path(CHROMIUM).exists():
        print(f"self-test editor: skipped, Chromium not found at {CHROMIUM}")
        return

    setup_test_environment()
    database = connection.creation.create_test_db(verbosity=0, keepdb=False)
    try:
        from django.contrib.auth import get_user_model

        from rugwijs.demo.loader import DemoLoader
        from rugwijs.selftests.models import SelfTestPage

        DemoLoader().load()
        get_user_model().objects.create_superuser(USERNAME, "bench@example.org", PASSWORD)
        path = f"/admin/pages/{SelfTestPage.objects.get(slug=SLUG).pk}/edit/"
        print(f"engine: {connection.vendor}; self-test editor of '{SLUG}' ({path})")
        server_side(path)
        connection.close()  # the live server's threads open their own connections
        in_the_browser(path, args.runs)
    finally:
        connection.creation.destroy_test_db(database, verbosity=0)


def server_side(path):
    from django.contrib.auth import get_user_model

    from rugwijs.accounts.testing import log_in_verified

    client = Client()
    log_in_verified(client, get_user_model().objects.get_by_natural_key(USERNAME))
    assert client.get(path).status_code == 200
    timings = []
    for _ in range(SERVER_REQUESTS):
        started = time.perf_counter()
        response = client.get(path)
        timings.append((time.perf_counter() - started) * 1000)
    with CaptureQueriesContext(connection) as queries:
        client.get(path)
    print(
        f"edit view on the server: median {statistics.median(timings):.0f} ms over {SERVER_REQUESTS} requests, "
        f"{len(queries)} queries, {len(response.content) / 1024:.0f} KiB of HTML"
    )


def second_factor_code():
    """The code the bench editor's authenticator app shows now (every admin account needs one)."""
    from django.contrib.auth import get_user_model

    from rugwijs.accounts.testing import authenticator_for, current_code

    return current_code(authenticator_for(get_user_model().objects.get_by_natural_key(USERNAME)))


def in_the_browser(path, runs):
    from django.contrib.staticfiles.handlers import StaticFilesHandler
    from django.test.testcases import LiveServerThread
    from playwright.sync_api import sync_playwright

    server = LiveServerThread("127.0.0.1", StaticFilesHandler, port=0)
    server.daemon = True
    server.start()
    server.is_ready.wait()
    if server.error:
        raise server.error
    base = f"http://127.0.0.1:{server.port}"
    code = second_factor_code()  # before Playwright's event loop starts, which forbids the ORM
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=CHROMIUM, headless=True, args=["--no-sandbox", "--disable-gpu"]
            )
            context = browser.new_context(viewport={"width": 1280, "height": 800}, locale="nl-NL")
            page = context.new_page()
            page.goto(base + "/admin/login/")
            page.fill("[name=username]", USERNAME)
            page.fill("[name=password]", PASSWORD)
            page.click("button[type=submit]")
            page.fill("[name=code]", code)
            page.click("form.login-form button[type=submit]")
            page.wait_for_url(base + "/admin/")
            page.goto(base + path, wait_until="load")  # fills the cache: later runs are an editor coming back
            page.close()
            context.add_init_script(WATCH_LONG_TASKS)
            figures = [open_editor(context, base + path) for _ in range(runs)]
            size = figures[-1].pop("size")
            browser.close()
    finally:
        server.terminate()
    print(f"editor: {size['nodes']} DOM nodes, {size['richText']} rich-text editors initialised on opening")
    print(f"in Chromium, median of {runs} openings (min-max):")
    for name, unit in [("response", "ms"), ("load", "ms"), ("interactive", "ms"), ("cpu", "ms")]:
        values = [run[name] for run in figures]
        print(f"  {name:<12} {statistics.median(values):6.0f} {unit}  ({min(values):.0f}-{max(values):.0f})")


def open_editor(context, url) -> dict:
    """Open the editor in a new tab, whose renderer counts main-thread time from zero."""
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Performance.enable", {"timeDomain": "threadTicks"})

    def task_ms():
        metrics = {metric["name"]: metric["value"] for metric in cdp.send("Performance.getMetrics")["metrics"]}
        return metrics["TaskDuration"] * 1000

    before = task_ms()
    page.goto(url, wait_until="commit")
    interactive = page.wait_for_function(INTERACTIVE, arg=QUIET_MS, polling=100, timeout=120_000).json_value()
    cpu = task_ms() - before
    navigation = page.evaluate("performance.getEntriesByType('navigation')[0].toJSON()")
    size = page.evaluate(SIZE)
    page.close()
    return {
        "size": size,
        "response": navigation["responseStart"] - navigation["requestStart"],
        "load": navigation["loadEventEnd"],
        "interactive": interactive,
        # The quiet wait after the editor became interactive costs next to nothing; it is included.
        "cpu": cpu,
    }


if __name__ == "__main__":
    main()
