"""The worksheet PDFs: what a reader prints, what a screen reader finds, and that nothing is fetched."""

import functools
import json
import re
import threading
import zlib
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

import pytest
import weasyprint
from weasyprint.formatting_structure import boxes

from rugwijs.demo import videos, worksheets

PRACTICE = "Fysiotherapie De Linde"


def _document_blocks():
    for path in videos.course_files():
        course = json.loads(path.read_text(encoding="utf-8"))
        for module in course["modules"]:
            for lesson in module["lessons"]:
                for block in lesson["blocks"]:
                    if block["type"] == "document":
                        yield pytest.param(course["title"], block, id=block["filename"])


DOCUMENT_BLOCKS = list(_document_blocks())


def _page_texts(document: weasyprint.Document) -> list[str]:
    """The text on each laid-out page, header and footer included (no pdftotext on this machine)."""
    texts = []
    for page in document.pages:
        words = [box.text for box in page._page_box.descendants() if isinstance(box, boxes.TextBox)]
        texts.append(" ".join(words))
    return texts


def _normalised(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _pdf_objects(pdf: bytes) -> bytes:
    """The PDF with its compressed streams inflated, so dictionaries inside object streams can be searched."""
    inflated = [pdf]
    for match in re.finditer(rb"stream\r?\n(.*?)\r?\nendstream", pdf, re.DOTALL):
        try:
            inflated.append(zlib.decompress(match.group(1)))
        except zlib.error:
            continue
    return b"\n".join(inflated)


def test_there_are_worksheets_to_check():
    assert len(DOCUMENT_BLOCKS) >= 3


@pytest.mark.parametrize(("course_title", "block"), DOCUMENT_BLOCKS)
def test_the_pdf_shows_the_title_every_heading_and_every_item(course_title, block):
    document = worksheets.render_worksheet(block, course_title=course_title, practice_name=PRACTICE)
    assert 1 <= len(document.pages) <= 3
    text = _normalised(" ".join(_page_texts(document)))
    assert block["title"] in text
    for section in block["sections"]:
        assert section["heading"] in text
        for paragraph in section["paragraphs"]:
            assert _normalised(paragraph) in text
        for item in section["items"]:
            # The dotted blanks become lines to write on; every word around them is printed.
            for piece in worksheets._BLANK.split(item):
                assert _normalised(piece) in text, piece


@pytest.mark.parametrize(("course_title", "block"), DOCUMENT_BLOCKS)
def test_every_page_names_the_course_and_the_practice_and_is_numbered(course_title, block):
    pages = _page_texts(worksheets.render_worksheet(block, course_title=course_title, practice_name=PRACTICE))
    for number, text in enumerate(pages, 1):
        assert course_title in text
        assert PRACTICE in text
        assert f"Pagina {number} van {len(pages)}" in text


@pytest.mark.parametrize(("course_title", "block"), DOCUMENT_BLOCKS)
def test_the_pdf_is_tagged_dutch_and_titled(course_title, block):
    pdf = worksheets.worksheet_pdf(block, course_title=course_title, practice_name=PRACTICE)
    assert pdf.startswith(b"%PDF-")
    objects = _pdf_objects(pdf)
    assert b"/StructTreeRoot" in objects
    assert b"/Marked true" in objects
    assert b"/Lang (nl)" in objects
    assert b"/H1" in objects and b"/H2" in objects and b"/LI" in objects
    assert re.search(rb"/Count (\d+)", objects)
    metadata = worksheets.render_worksheet(block, course_title=course_title, practice_name=PRACTICE).metadata
    assert (metadata.title, metadata.lang) == (block["title"], "nl")


def test_dotted_blanks_become_write_on_lines_and_questions_get_answer_lines():
    block = {
        "title": "Proef",
        "sections": [{"heading": "Kop", "paragraphs": [], "items": ["Doel: ................", "Wat ging goed?"]}],
    }
    html = worksheets.worksheet_html(block, course_title="Cursus", practice_name=PRACTICE)
    assert "...." not in html
    assert html.count('class="blank wide"') == 1
    assert html.count('class="answer"') == 1


def test_text_is_escaped_in_the_page_and_in_the_header():
    block = {
        "title": "Titel <b>vet</b>",
        "sections": [{"heading": "Kop", "paragraphs": ["<script>x</script>"], "items": []}],
    }
    html = worksheets.worksheet_html(block, course_title='Cursus "A" </style>', practice_name=PRACTICE)
    assert "<b>vet</b>" not in html and "<script>" not in html
    assert "</style>" in html and html.count("</style>") == 1
    assert r"\22 A\22 " in html  # the course title's quotes cannot end the CSS string of the header


@pytest.fixture
def remote_server():
    """A web server that counts the requests it gets; it stands in for any server on the internet."""
    requests = []

    class Handler(SimpleHTTPRequestHandler):
        def do_GET(self):
            requests.append(self.path)
            self.send_error(404)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Handler, directory="/nonexistent"))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}", requests
    server.shutdown()
    server.server_close()


def test_a_remote_image_is_never_fetched(remote_server, monkeypatch):
    url, requests = remote_server
    image = f'<img src="{url}/tracker.png" alt="">'
    block = {"title": "Proef", "sections": [{"heading": "Kop", "paragraphs": [image], "items": [image]}]}
    pdf = worksheets.worksheet_pdf(block, course_title="Cursus", practice_name=PRACTICE)
    assert pdf.startswith(b"%PDF-")

    # Even markup that reaches WeasyPrint unescaped (a template change, say) fetches nothing.
    real_html = worksheets.worksheet_html

    def html_with_image(*args, **kwargs):
        return real_html(*args, **kwargs).replace(
            "</body>", f'{image}<link rel="stylesheet" href="{url}/s.css"></body>'
        )

    monkeypatch.setattr(worksheets, "worksheet_html", html_with_image)
    assert worksheets.worksheet_pdf(block, course_title="Cursus", practice_name=PRACTICE).startswith(b"%PDF-")
    assert requests == []
