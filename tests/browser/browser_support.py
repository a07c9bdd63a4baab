"""What the browser tests share: where Chromium lives, how a reader's browser looks, the demo's pages."""

from pathlib import Path
from urllib.parse import urlsplit

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
# An ordinary desktop Chrome: Playwright's default contains "HeadlessChrome", which bots.py ignores.
DESKTOP_CHROME = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36"
DESKTOP_VIEWPORT = {"width": 1280, "height": 800}
TIMEOUT_MS = 5_000

ARTICLE_PATH = "/stress-en-pijn/stress-en-rugpijn/"
PUBLIC_PAGES = {
    "home": "/",
    "topic": "/lage-rugpijn/",
    "article": ARTICLE_PATH,
    "person": "/team/mila-voorbeeld/",
    "search": "/zoeken/?q=stress",
    "self-test": "/zelftests/zenuw-spier-of-gewricht/",
    "self-tests": "/zelftests/",
    "courses": "/cursussen/",
    "course": "/cursussen/grip-op-langdurige-rugpijn/",
    "free-lesson": "/cursussen/rugpijn-begrijpen/wat-er-aan-de-hand-is/wat-is-pijn/",
}


def same_origin(url: str, base_url: str) -> bool:
    return urlsplit(url).netloc == urlsplit(base_url).netloc


def tab_to(page, target, max_presses: int = 80) -> int:
    """Press Tab until `target` has keyboard focus, as a keyboard user would; returns the number of presses."""
    for presses in range(1, max_presses + 1):
        page.keyboard.press("Tab")
        if target.evaluate("element => element === document.activeElement"):
            return presses
    focused = page.evaluate("document.activeElement && document.activeElement.outerHTML.slice(0, 120)")
    raise AssertionError(f"{max_presses} presses of Tab never reached {target}; focus ended on {focused}")
