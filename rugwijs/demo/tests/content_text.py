"""Reads every demo text (articles, site pages, self-tests, courses) as the reader sees it, in advice-sized units.

A unit is one plain-text field, one paragraph, or one list item together with the paragraph that
introduces its list ("Heb je een van deze klachten? Bel ..." + "een klapvoet"), because that is
how a reader takes in a piece of advice.
"""

import json
import re
from dataclasses import dataclass
from html import unescape
from html.parser import HTMLParser
from pathlib import Path

from rugwijs.demo.loader import CONTENT_DIR

# Fields that hold keys, slugs and settings rather than text a reader sees.
NOT_TEXT = {
    "slug",
    "anchor",
    "type",
    "topic",
    "author",
    "reviewer",
    "person",
    "key",
    "variant",
    "level",
    "page",
    "after",
    "url",
    "tags",
    "last_reviewed",
    "related",
    "recommended",
    "result",
    "scale",
    "other",
    "op",
    "question",
    "options",
    "default_result",
    "spoed_result",
    "binnenkort_result",
    "alarm",
    "unit",
}


@dataclass(frozen=True)
class Unit:
    source: str  # file and field, so a failure says where to look
    text: str
    is_question: bool  # a self-test question or its hint: it asks, it does not advise


class _Blocks(HTMLParser):
    """Splits rich text into paragraphs and list items; a list item carries its list's lead paragraph."""

    BLOCKS = {"p", "li", "h2", "h3", "h4"}

    def __init__(self):
        super().__init__()
        self.units: list[str] = []
        self._kind = ""
        self._text: list[str] = []
        self._lead = ""

    def handle_starttag(self, tag, attrs):
        if tag in self.BLOCKS or tag in {"ul", "ol"}:
            self._flush()
            self._kind = tag

    def handle_endtag(self, tag):
        if tag in self.BLOCKS or tag in {"ul", "ol"}:
            self._flush()
            self._kind = ""

    def handle_data(self, data):
        self._text.append(data)

    def _flush(self):
        text = " ".join("".join(self._text).split())
        self._text = []
        if not text:
            return
        if self._kind == "li":
            self.units.append(f"{self._lead} {text}".strip())
        else:
            self.units.append(text)
            self._lead = text

    def close(self):
        super().close()
        self._flush()


def html_units(value: str) -> list[str]:
    if "<" not in value:
        return [" ".join(unescape(value).split())]
    parser = _Blocks()
    parser.feed(value)
    parser.close()
    return parser.units


def _walk(value, path: str, in_question: bool):
    if isinstance(value, dict):
        for key, child in value.items():
            if key in NOT_TEXT:
                continue
            yield from _walk(child, f"{path}.{key}", in_question or key == "questions")
    elif isinstance(value, list):
        for index, child in enumerate(value):
            yield from _walk(child, f"{path}[{index}]", in_question)
    elif isinstance(value, str) and value.strip():
        for text in html_units(value):
            yield Unit(path, text, in_question)


def content_files(*folders: str) -> list[Path]:
    files = []
    for folder in folders:
        files += [CONTENT_DIR / "site.json"] if folder == "site" else sorted((CONTENT_DIR / folder).glob("*.json"))
    return files


def units(*folders: str) -> list[Unit]:
    """All text units in the given parts of the demo: 'articles', 'site', 'selftests', 'courses'."""
    found = []
    for path in content_files(*folders):
        found += _walk(json.loads(path.read_text(encoding="utf-8")), path.name, False)
    return found


_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[^\sa-z])")


def sentences(text: str) -> list[str]:
    return [part for part in _SENTENCE_END.split(text) if part.strip()]


def word_count(sentence: str) -> int:
    return len(re.findall(r"\w+(?:[’'-]\w+)*", sentence))


def page_links(*folders: str) -> list[tuple[str, str]]:
    """(file, slug) for every `page:slug` link and every page a call to action or result points at."""
    links = []
    for path in content_files(*folders):
        raw = path.read_text(encoding="utf-8")
        links += [(path.name, slug) for slug in re.findall(r'href=\\?"page:([^"\\]+)', raw)]
        data = json.loads(raw)
        links += [(path.name, slug) for slug in _page_fields(data)]
    return links


def _page_fields(value):
    if isinstance(value, dict):
        for key, child in value.items():
            if key == "page" and isinstance(child, str):
                yield child
            elif key in {"related", "recommended"} and isinstance(child, list):
                yield from child
            else:
                yield from _page_fields(child)
    elif isinstance(value, list):
        for child in value:
            yield from _page_fields(child)
