"""Certificates of completion: asking for one, the PDF, and the public page that checks a code."""

import re
import zlib

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st
from weasyprint.formatting_structure import boxes

from rugwijs.accounts import personal_data
from rugwijs.core.models import SiteSettings
from rugwijs.core.pdf import OfflineURLFetcher
from rugwijs.courses import certificate_codes, certificate_pdf
from rugwijs.courses.models import Certificate, Enrolment

from .conftest import enrol, lessons_of, main_text, soup

pytestmark = pytest.mark.django_db

NAME = "Anna de Vries-Öztürk"


def finish(client, user, course) -> Enrolment:
    """Enrols and marks every lesson done through the view, as the learner would."""
    enrolment = enrol(user, course)
    for lesson in lessons_of(course):
        client.post(reverse("courses:mark_done", args=[lesson.pk]), {"done": "1"})
    enrolment.refresh_from_db()
    assert enrolment.completed_at is not None
    return enrolment


def ask(client, course, name=NAME):
    return client.post(reverse("courses:certificate", args=[course.pk]), {"name": name})


@pytest.fixture
def finished(learner_client, learner, free_course) -> Enrolment:
    return finish(learner_client, learner, free_course)


@pytest.fixture
def issued(learner_client, free_course, finished) -> Certificate:
    assert ask(learner_client, free_course).status_code == 303
    return Certificate.objects.get(enrolment=finished)


def verify_url(code: str) -> str:
    return reverse("courses:certificate_verify", args=[code])


def _pdf_objects(pdf: bytes) -> bytes:
    """The PDF with its compressed streams inflated, so dictionaries inside object streams can be searched."""
    inflated = [pdf]
    for match in re.finditer(rb"stream\r?\n(.*?)\r?\nendstream", pdf, re.DOTALL):
        try:
            inflated.append(zlib.decompress(match.group(1)))
        except zlib.error:
            continue
    return b"\n".join(inflated)


def _page_text(document) -> str:
    words = [
        box.text for page in document.pages for box in page._page_box.descendants() if isinstance(box, boxes.TextBox)
    ]
    return " ".join(" ".join(words).split())


# --- The codes themselves (no database needed) -------------------------------------------------


def test_new_codes_use_the_unambiguous_alphabet_and_differ():
    codes = {certificate_codes.new_code() for _ in range(2000)}
    assert len(codes) == 2000
    assert all(re.fullmatch(r"[23456789ABCDEFGHJKMNPQRSTVWXYZ]{10}", code) for code in codes)
    assert certificate_codes.display("7KQM3XTDP9") == "RW-7KQM-3XTD-P9"


@pytest.mark.parametrize(
    "typed",
    ["RW-7KQM-3XTD-P9", "rw-7kqm-3xtd-p9", "RW 7KQM 3XTD P9", " 7kqm 3xtd p9 ", "7KQM3XTDP9", "rw7kqm3xtdp9"],
    ids=["as-printed", "lower-case", "spaces", "no-prefix-spaced", "bare", "prefix-no-hyphens"],
)
def test_a_code_is_read_whatever_its_case_spaces_and_hyphens(typed):
    assert certificate_codes.normalise(typed) == "7KQM3XTDP9"


@given(code=st.text(alphabet=certificate_codes.ALPHABET, min_size=10, max_size=10), lower=st.booleans())
def test_every_code_comes_back_from_how_it_is_printed_or_typed(code, lower):
    printed = certificate_codes.display(code)
    typed = printed.lower() if lower else printed
    assert certificate_codes.normalise(typed) == code
    assert certificate_codes.normalise(typed.replace("-", " ")) == code
    assert certificate_codes.normalise(code) == code


@pytest.mark.parametrize(
    "typed",
    ["", "RW-7KQM-3XTD-P0", "RW-7KQM-3X", "7KQM3XTDP9X", "\x00", "7KQM3XTD\x00P9", "７KQM3XTDP9", "x" * 10_000],
    ids=["empty", "ambiguous-zero", "too-short", "too-long", "nul", "nul-inside", "fullwidth-digit", "huge"],
)
def test_text_that_cannot_be_a_code_is_refused_before_any_lookup(typed):
    assert certificate_codes.normalise(typed) is None


def test_the_pdf_fetcher_reads_data_uris_and_nothing_else():
    fetcher = OfflineURLFetcher()
    assert fetcher.fetch("data:text/plain,hallo").read() == b"hallo"
    for url in ("http://127.0.0.1:9/x.png", "file:///etc/passwd", "https://example.org/a.css"):
        with pytest.raises(ValueError):
            fetcher.fetch(url)


# --- The whole path ----------------------------------------------------------------------------


def test_a_finished_learner_gets_a_certificate_downloads_it_and_anyone_can_check_it(
    learner_client, learner, free_course
):
    finish(learner_client, learner, free_course)
    page_url = reverse("courses:certificate", args=[free_course.pk])
    # The course page and "Mijn account" lead to it.
    for url in (free_course.url, reverse("accounts:overview")):
        links = soup(learner_client.get(url)).main.find_all("a", string=re.compile("Download je certificaat"))
        assert [link["href"] for link in links] == [page_url], url

    form_page = learner_client.get(page_url)
    assert form_page.status_code == 200
    field = soup(form_page).main.select_one("form input[name=name]")
    assert soup(form_page).main.find("label", attrs={"for": field["id"]}).get_text() == "Naam op je certificaat"
    assert not field.get("value")  # nothing invented: the learner types the name

    response = ask(learner_client, free_course, f"  {NAME}  ")
    assert response.status_code == 303 and response["Location"] == page_url
    certificate = Certificate.objects.get(enrolment__user=learner)
    assert (certificate.name, certificate.course_title) == (NAME, free_course.title)
    issued_page = main_text(learner_client.get(page_url))
    assert "Je certificaat staat klaar." in issued_page
    assert certificate.display_code in issued_page

    download = learner_client.get(reverse("courses:certificate_download", args=[free_course.pk]))
    assert download.status_code == 200
    assert download["Content-Type"] == "application/pdf"
    assert "private" in download["Cache-Control"] and "no-store" in download["Cache-Control"]
    assert download["Content-Disposition"] == f'attachment; filename="certificaat-{free_course.slug}.pdf"'
    pdf = download.content
    assert pdf.startswith(b"%PDF-")
    objects = _pdf_objects(pdf)
    assert b"/StructTreeRoot" in objects and b"/Marked true" in objects and b"/Lang (nl)" in objects
    assert b"/Figure" in objects  # the QR code, with its alternative text

    # The anonymous reader of the printed link.
    anonymous = Client()
    for typed in (certificate.display_code, certificate.display_code.lower(), " ".join(certificate.code)):
        checked = anonymous.get(reverse("courses:certificate_verify_form"), {"code": typed})
        assert checked.status_code == 200, typed
        text = main_text(checked)
        assert "Geldig certificaat" in text
        assert NAME in text and free_course.title in text
        assert SiteSettings.objects.get().organisation_name in text
    assert anonymous.get(verify_url(certificate.display_code)).status_code == 200
    assert anonymous.get(verify_url(certificate.code.lower())).status_code == 200


def test_the_pdf_shows_who_what_when_the_teachers_the_code_and_where_to_check_it(issued, free_course, rf):
    request = rf.get("/")
    verify = request.build_absolute_uri(verify_url(issued.display_code))
    document = certificate_pdf.render_certificate(issued, practice_name="Fysiotherapie De Linde", verify_url=verify)
    assert len(document.pages) == 1
    assert (document.metadata.title, document.metadata.lang) == (f"Certificaat: {free_course.title}", "nl")
    text = _page_text(document)
    assert "FYSIOTHERAPIE DE LINDE" in text  # set in capitals by the style sheet
    for expected in ("Certificaat", NAME, free_course.title, issued.display_code, verify):
        assert expected in text, expected
    assert verify.startswith("http://testserver/certificaat/RW-")
    for person in free_course.teacher_people:
        assert person.title in text
    completed = issued.completed_at.astimezone()
    months = ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september"]
    months += ["oktober", "november", "december"]
    assert f"op {completed.day} {months[completed.month - 1]} {completed.year}." in text

    html = certificate_pdf.certificate_html(issued, practice_name="De Linde", verify_url=verify)
    assert 'src="data:image/svg+xml' in html
    assert 'alt="QR-code naar de pagina waarop je dit certificaat kunt controleren"' in html


def test_the_name_is_escaped_in_the_pdf(learner_client, free_course, finished):
    ask(learner_client, free_course, '<img src="http://127.0.0.1:9/x"> & Co')
    certificate = Certificate.objects.get(enrolment=finished)
    html = certificate_pdf.certificate_html(certificate, practice_name="De Linde", verify_url="http://testserver/")
    assert "&lt;img" in html and '<img src="http' not in html


def test_asking_twice_keeps_the_first_certificate(learner_client, free_course, issued):
    again = ask(learner_client, free_course, "Iemand Anders")
    assert again.status_code == 200
    assert Certificate.objects.get().name == NAME
    assert Certificate.objects.get().code == issued.code


def test_a_code_already_taken_is_drawn_again(finished, monkeypatch):
    other_user = get_user_model().objects.create_user("ander", "ander@example.org", "een-ander-lang-wachtwoord")
    other = enrol(other_user, finished.course, completed_at=finished.completed_at)
    first = Certificate.issue(finished, NAME)
    drawn = iter([first.code, "2345678923", "3456789234"])
    monkeypatch.setattr(certificate_codes, "new_code", lambda: next(drawn))
    second = Certificate.issue(other, "Iemand Anders")
    assert (second.code, second.name) == ("2345678923", "Iemand Anders")
    # Asked again for an enrolment that has one: the same certificate, not a second.
    assert Certificate.issue(finished, "Nog Iemand").pk == first.pk
    assert Certificate.objects.count() == 2


# --- Who may have it ---------------------------------------------------------------------------


def test_a_learner_who_has_not_finished_is_told_why(learner_client, learner, free_course):
    url = reverse("courses:certificate", args=[free_course.pk])
    not_enrolled = learner_client.get(url)
    assert not_enrolled.status_code == 403
    enrol(learner, free_course)
    learner_client.post(reverse("courses:mark_done", args=[lessons_of(free_course)[0].pk]), {"done": "1"})
    for response in (learner_client.get(url), ask(learner_client, free_course)):
        assert response.status_code == 403
        assert "Je krijgt een certificaat zodra je alle lessen van deze cursus hebt afgerond." in main_text(response)
    assert "Download je certificaat" not in main_text(learner_client.get(free_course.url))
    assert not Certificate.objects.exists()
    download = learner_client.get(reverse("courses:certificate_download", args=[free_course.pk]))
    assert download.status_code == 404


def test_someone_not_logged_in_is_sent_to_log_in(client, free_course):
    for url in (
        reverse("courses:certificate", args=[free_course.pk]),
        reverse("courses:certificate_download", args=[free_course.pk]),
    ):
        for response in (client.get(url), client.post(url, {"name": NAME})):
            assert response.status_code == 302
            assert response["Location"].startswith(reverse("account_login")), url
    assert not Certificate.objects.exists()


def test_another_learner_finds_no_pdf_even_after_finishing_the_same_course(issued, free_course):
    other = get_user_model().objects.create_user("ander", "ander@example.org", "een-ander-lang-wachtwoord")
    other_client = Client()
    other_client.force_login(other, backend="django.contrib.auth.backends.ModelBackend")
    download = reverse("courses:certificate_download", args=[free_course.pk])
    assert other_client.get(download).status_code == 404
    finish(other_client, other, free_course)
    assert other_client.get(download).status_code == 404  # finished, but asked for none yet
    assert other_client.get(reverse("courses:certificate", args=[free_course.pk])).status_code == 200
    assert NAME not in main_text(other_client.get(reverse("courses:certificate", args=[free_course.pk])))


@pytest.mark.parametrize("course_id", ["9" * 20, "9223372036854775808", "0"], ids=["huge", "past-64-bits", "zero"])
def test_odd_course_ids_find_nothing(learner_client, course_id):
    for url in (f"/leren/cursus/{course_id}/certificaat/", f"/leren/cursus/{course_id}/certificaat.pdf"):
        assert learner_client.get(url).status_code == 404, url


# --- The name to print -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("", "Vul de naam in die op je certificaat moet komen."),
        ("   ", "Vul de naam in die op je certificaat moet komen."),
        ("A", "Vul minstens 2 tekens in."),
        ("x" * 81, "Gebruik hoogstens 80 tekens."),
        ("Anna\x00de Vries", "Gebruik alleen letters, spaties en leestekens."),
        ("Anna\x1b[31m", "Gebruik alleen letters, spaties en leestekens."),
        ("\u202eAnna", "Gebruik alleen letters, spaties en leestekens."),
        ("Anna\u200b", "Gebruik alleen letters, spaties en leestekens."),
    ],
    ids=["empty", "spaces", "one-letter", "too-long", "nul", "escape", "right-to-left-override", "zero-width-space"],
)
def test_a_name_that_cannot_be_printed_is_refused_with_a_message_at_the_field(
    learner_client, free_course, finished, name, message
):
    response = ask(learner_client, free_course, name)
    assert response.status_code == 400
    page = soup(response).main
    field = page.select_one("input[name=name]")
    error = page.select_one(".field-error")
    assert error.get_text() == message
    assert field["aria-invalid"] == "true"
    assert error["id"] in field["aria-describedby"].split()
    assert not Certificate.objects.exists()


def test_names_keep_their_letters_and_lose_only_extra_spaces(learner_client, free_course, finished):
    ask(learner_client, free_course, "  Zoë   O'Neill-Ngô \t ")
    assert Certificate.objects.get().name == "Zoë O'Neill-Ngô"


# --- The public page ---------------------------------------------------------------------------


def test_an_unknown_code_is_said_to_be_unknown_with_a_404(client, issued):
    unknown = "RW-2222-2222-22" if issued.code != "2222222222" else "RW-3333-3333-33"
    for response in (client.get(verify_url(unknown)), client.get("/certificaat/", {"code": unknown})):
        assert response.status_code == 404
        text = main_text(response)
        assert "Deze code kennen we niet" in text
        assert NAME not in text


def test_the_verification_page_is_never_stored_nor_indexed(issued):
    client = Client()
    for response in (client.get("/certificaat/"), client.get(verify_url(issued.display_code))):
        assert response.status_code == 200
        cache_control = response["Cache-Control"]
        assert "private" in cache_control and "no-store" in cache_control and "public" not in cache_control
        assert response["X-Robots-Tag"] == "noindex"
        assert soup(response).find("meta", attrs={"name": "robots"})["content"] == "noindex"
        assert not response.cookies


@pytest.mark.parametrize(
    "typed",
    ["", "   ", "x" * 100_000, "😀" * 500, "RW-7KQM-3XTD-P9" * 10, "' OR 1=1 --", "<script>alert(1)</script>", "%00"],
    ids=["empty", "spaces", "huge", "emoji", "repeated", "sql", "script", "percent-nul"],
)
def test_hostile_codes_get_a_4xx(client, issued, typed):
    response = client.get("/certificaat/", {"code": typed})
    assert 400 <= response.status_code < 500
    assert "<script>alert" not in response.content.decode()


def test_a_nul_byte_in_the_query_or_path_gets_a_4xx(client, issued):
    assert client.get("/certificaat/", QUERY_STRING="code=RW%00").status_code == 400
    assert client.get("/certificaat/%00/").status_code == 404


def test_too_many_checks_from_one_address_get_429_with_retry_after(client, issued):
    statuses = [client.get(verify_url(f"RW-2222-2222-{n:02d}")).status_code for n in range(30)]
    assert set(statuses) == {404}
    refused = client.get(verify_url(issued.display_code))
    assert refused.status_code == 429
    assert int(refused["Retry-After"]) > 0


def test_too_many_requests_for_a_certificate_get_429(learner_client, free_course, finished):
    statuses = [ask(learner_client, free_course, "").status_code for _ in range(10)]
    assert set(statuses) == {400}
    refused = ask(learner_client, free_course)
    assert refused.status_code == 429 and int(refused["Retry-After"]) > 0
    assert not Certificate.objects.exists()


# --- The learner's data ------------------------------------------------------------------------


def test_the_data_download_holds_the_certificate(learner, issued):
    exported = personal_data.export(learner)["courses"]["certificates"]
    assert exported == [
        {
            "code": issued.display_code,
            "name": NAME,
            "course": issued.course_title,
            "finished_at": issued.completed_at.isoformat(),
            "issued_at": issued.issued_at.isoformat(),
        }
    ]


def test_deleting_the_account_makes_the_code_unknown(client, learner, issued):
    assert client.get(verify_url(issued.display_code)).status_code == 200
    personal_data.erase(learner)
    assert not Certificate.objects.exists()
    response = client.get(verify_url(issued.display_code))
    assert response.status_code == 404
    assert NAME not in response.content.decode()
