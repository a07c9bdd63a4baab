"""The certificate of completion as a one-page A4 PDF, tagged (PDF/UA-1) and made without the network.

The page is `templates/courses/certificate_pdf.html`, rendered in Dutch whatever language the request
asked for: the PDF says `lang="nl"`, and a screen reader reads it as Dutch. The QR code that leads to the
verification page is drawn here with segno and embedded as a `data:` URI, the only kind of URL the
offline fetcher reads.
"""

import segno
import weasyprint
from django.template.loader import render_to_string
from django.utils import translation

from rugwijs.core.pdf import PDF_OPTIONS, OfflineURLFetcher

from .models import Certificate


def qr_data_uri(url: str) -> str:
    # Error correction M survives a crease or a smudge on a printed page and keeps the code small.
    return segno.make(url, error="m", micro=False).svg_data_uri(scale=4, border=0)


def certificate_html(certificate: Certificate, *, practice_name: str, verify_url: str) -> str:
    course = certificate.enrolment.course
    with translation.override("nl"):
        return render_to_string(
            "courses/certificate_pdf.html",
            {
                "certificate": certificate,
                "practice_name": practice_name,
                "teachers": [person.title for person in course.teacher_people],
                "verify_url": verify_url,
                "qr_code": qr_data_uri(verify_url),
            },
        )


def render_certificate(certificate: Certificate, *, practice_name: str, verify_url: str) -> weasyprint.Document:
    """The laid-out page, before it becomes PDF bytes (the tests read its text from this)."""
    html = certificate_html(certificate, practice_name=practice_name, verify_url=verify_url)
    return weasyprint.HTML(string=html, url_fetcher=OfflineURLFetcher()).render(**PDF_OPTIONS)


def certificate_pdf(certificate: Certificate, *, practice_name: str, verify_url: str) -> bytes:
    pages = render_certificate(certificate, practice_name=practice_name, verify_url=verify_url)
    return pages.write_pdf(**PDF_OPTIONS)
