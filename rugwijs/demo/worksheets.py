"""Printable A4 worksheets (tagged PDF/UA) made from a course's document block.

The HTML and CSS live in `templates/demo/worksheet.html`, rendered by Django's template engine: it
escapes the block's text for us, djhtml keeps it tidy, and a designer can change the look without
touching Python. WeasyPrint turns it into a PDF using only fonts installed on the machine, and its URL
fetcher (`rugwijs.core.pdf`) refuses every URL outside the document, so a worksheet never reaches out
to the network.
"""

import re

import weasyprint
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from rugwijs.core.pdf import PDF_OPTIONS, OfflineURLFetcher

# A run of three or more dots (or the ellipsis character) is a blank the reader fills in by hand.
_BLANK = re.compile(r"\s*(?:\.{3,}|…+)\s*")
_CSS_PLAIN = re.compile(r"[\w ,.:;!?()’'–-]")


def worksheet_html(document: dict, *, course_title: str, practice_name: str) -> str:
    sections = [
        {
            "heading": section["heading"],
            "paragraphs": section.get("paragraphs", []),
            "items": [_item_parts(item) for item in section.get("items", [])],
        }
        for section in document["sections"]
    ]
    return render_to_string(
        "demo/worksheet.html",
        {
            "title": document["title"],
            "sections": sections,
            "course_title": course_title,
            "practice_name": practice_name,
            # Margin boxes take their text from CSS strings, where HTML escaping does not apply.
            "header_css": _css_string(course_title),
            "footer_css": _css_string(practice_name),
        },
    )


def render_worksheet(document: dict, *, course_title: str, practice_name: str) -> weasyprint.Document:
    """The laid-out pages, before they become PDF bytes (the tests read the text from these)."""
    html = worksheet_html(document, course_title=course_title, practice_name=practice_name)
    return weasyprint.HTML(string=html, url_fetcher=OfflineURLFetcher()).render(**PDF_OPTIONS)


def worksheet_pdf(document: dict, *, course_title: str, practice_name: str) -> bytes:
    """An A4 PDF of the document block: tagged for screen readers, in Dutch, with room to write."""
    pages = render_worksheet(document, course_title=course_title, practice_name=practice_name)
    return pages.write_pdf(**PDF_OPTIONS)


def _item_parts(item: str) -> dict:
    """Splits an item on its dotted blanks: the text pieces, and whether each is followed by a blank.

    An item without blanks (a question) gets lines underneath to write the answer on."""
    pieces = _BLANK.split(item)
    blanks = [match.group() for match in _BLANK.finditer(item)]
    parts = [
        {"text": piece, "blank": index < len(blanks), "wide": index < len(blanks) and blanks[index].count(".") > 12}
        for index, piece in enumerate(pieces)
    ]
    if parts and not parts[-1]["text"]:
        parts.pop()
    return {"parts": parts, "answer_lines": not blanks}


def _css_string(text: str) -> str:
    """A CSS string literal; anything but plain letters and punctuation becomes a hex escape, so a quote or
    `</style>` in a course title cannot end the string or the style sheet."""
    escaped = "".join(char if _CSS_PLAIN.fullmatch(char) else f"\\{ord(char):x} " for char in text)
    return mark_safe(f'"{escaped}"')  # noqa: S308 - every character outside the plain set is escaped above
