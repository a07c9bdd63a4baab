"""The committed course videos play in Chromium with their Dutch captions.

Served by a small local HTTP server from a temporary folder, so the browser loads the video and the
captions the way a site visitor's browser would (a <track> needs an http origin, not a file: URL).
"""

import functools
import json
import os
import shutil
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from rugwijs.demo import videos

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        reason = f"Chromium not found at {CHROMIUM}; install Debian's chromium package to run browser tests"
        if os.environ.get("CI"):
            pytest.fail(f"{reason}. CI must run the browser tests.", pytrace=False)
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


class _Handler(SimpleHTTPRequestHandler):
    # Chromium only reads captions served as text/vtt.
    extensions_map = {**SimpleHTTPRequestHandler.extensions_map, ".vtt": "text/vtt", ".mp4": "video/mp4"}

    def log_message(self, *args):
        pass


@pytest.fixture
def served(tmp_path):
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Handler, directory=str(tmp_path)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield tmp_path, f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


def _video_blocks():
    for path in videos.course_files():
        course = json.loads(path.read_text(encoding="utf-8"))
        for lesson_slug, block in videos.video_blocks(course):
            yield pytest.param(course["slug"], lesson_slug, block, id=videos.media_name(course["slug"], lesson_slug))


@pytest.mark.parametrize(("course_slug", "lesson_slug", "block"), list(_video_blocks()))
def test_the_video_plays_with_all_its_captions(browser, served, course_slug, lesson_slug, block):
    folder, base_url = served
    shutil.copy(videos.video_path(course_slug, lesson_slug), folder / "video.mp4")
    shutil.copy(videos.poster_path(course_slug, lesson_slug), folder / "poster.png")
    (folder / "captions.vtt").write_text(block["captions_vtt"], encoding="utf-8")
    (folder / "index.html").write_text(
        '<!doctype html><html lang="nl"><title>Video</title>'
        '<video controls muted preload="auto" poster="poster.png" src="video.mp4">'
        '<track kind="captions" srclang="nl" label="Nederlands" src="captions.vtt" default></video>',
        encoding="utf-8",
    )
    cues = videos.parse_vtt(block["captions_vtt"])

    context = browser.new_context()
    try:
        page = context.new_page()
        page.set_default_timeout(10_000)
        page.goto(base_url + "index.html")
        page.wait_for_function("() => document.querySelector('video').readyState >= 1")
        page.wait_for_function("() => document.querySelector('track').readyState === 2")
        state = page.evaluate(
            """() => {
                const video = document.querySelector('video');
                const track = video.textTracks[0];
                return {
                    duration: video.duration,
                    readyState: video.readyState,
                    width: video.videoWidth,
                    height: video.videoHeight,
                    mode: track.mode,
                    language: track.language,
                    cues: Array.from(track.cues, cue => [cue.startTime, cue.endTime, cue.text]),
                };
            }"""
        )
        assert abs(state["duration"] - cues[-1].end) <= 1, state["duration"]
        assert state["readyState"] >= 1
        assert (state["width"], state["height"]) == videos.SIZE
        assert (state["mode"], state["language"]) == ("showing", "nl")
        assert len(state["cues"]) == len(cues)
        assert [text for _start, _end, text in state["cues"]] == [cue.text for cue in cues]

        # It really decodes and plays: time moves on, and a caption is showing a second into the first cue.
        page.evaluate(f"() => {{ const v = document.querySelector('video'); v.currentTime = {cues[0].start + 0.5}; }}")
        page.evaluate("() => document.querySelector('video').play()")
        page.wait_for_function(f"() => document.querySelector('video').currentTime > {cues[0].start + 1}")
        showing = page.evaluate(
            "() => Array.from(document.querySelector('video').textTracks[0].activeCues, c => c.text)"
        )
        assert showing and showing[0] in {cue.text for cue in cues[:2]}
    finally:
        context.close()
