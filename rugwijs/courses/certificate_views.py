"""Certificates of completion: a learner who finished a course asks for one and downloads it; anyone checks a code.

The learner's pages live under `/leren/` like the rest of their course (private, never stored by a cache).
The verification page is public, answers only the code it is given, and is not stored by any cache either:
see `verify`.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods
from django_ratelimit import UNSAFE
from django_ratelimit.decorators import ratelimit

from rugwijs.core.http import see_other
from rugwijs.core.models import SiteSettings, published_page

from .certificate_codes import MAX_INPUT
from .certificate_pdf import certificate_pdf
from .forms import CertificateNameForm
from .models import Certificate, CoursePage, Enrolment

# Per learner, for asking and for downloading: a PDF costs a good part of a second of CPU.
CERTIFICATE_RATE = "10/m"
# Per address: someone checks a handful of codes; guessing one takes hundreds of billions of tries.
VERIFY_RATE = "30/m"
_MAX_ID = 2**63


def _certificate_page(request, course, enrolment, certificate, form=None, status=200):
    context = {
        "page": course,
        "course": course,
        "enrolment": enrolment,
        "certificate": certificate,
        "form": form,
        "verify_url": certificate and _verify_url(request, certificate),
    }
    return render(request, "courses/certificate.html", context, status=status)


def _verify_url(request, certificate: Certificate) -> str:
    return request.build_absolute_uri(reverse("courses:certificate_verify", args=[certificate.display_code]))


@never_cache
@login_required
@require_http_methods(["GET", "HEAD", "POST"])
@ratelimit(key="user", rate=CERTIFICATE_RATE, method=UNSAFE)
def certificate(request, course_id: int):
    """Asks for the name to print, once; then shows where to download the certificate and check its code."""
    course = published_page(CoursePage, pk=course_id)
    if course is None:
        raise Http404
    enrolment = Enrolment.objects.filter(user=request.user, course=course).first()
    issued = enrolment and Certificate.objects.filter(enrolment=enrolment).first()
    if issued:
        return _certificate_page(request, course, enrolment, issued)
    if enrolment is None or enrolment.completed_at is None:
        return _certificate_page(request, course, enrolment, None, status=403)
    form = CertificateNameForm(request.POST if request.method == "POST" else None)
    if not form.is_valid():
        return _certificate_page(request, course, enrolment, None, form, status=400 if form.is_bound else 200)
    Certificate.issue(enrolment, form.cleaned_data["name"])
    messages.success(request, _("Your certificate is ready."))
    return see_other(reverse("courses:certificate", args=[course.pk]))


@never_cache
@login_required
@require_http_methods(["GET", "HEAD"])
@ratelimit(key="user", rate=CERTIFICATE_RATE)
def certificate_download(request, course_id: int):
    """The PDF, for the learner it was issued to; anyone else finds nothing here."""
    if not 0 < course_id < _MAX_ID:
        raise Http404
    certificate = (
        Certificate.objects.select_related("enrolment__course")
        .filter(enrolment__user=request.user, enrolment__course_id=course_id)
        .first()
    )
    if certificate is None:
        raise Http404
    pdf = certificate_pdf(
        certificate,
        practice_name=SiteSettings.for_request(request).organisation_name,
        verify_url=_verify_url(request, certificate),
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    filename = f"certificaat-{certificate.enrolment.course.slug}.pdf"
    response["Content-Disposition"] = content_disposition_header(True, filename)
    return response


# Never stored by a shared cache, though it is the same for everyone who asks: a certificate deleted
# with its account must stop verifying at once, not after the page cache's ten minutes (nothing would
# purge it), and holders' names have no business in a proxy's store. The page is small and rate-limited.
@never_cache
@require_http_methods(["GET", "HEAD"])
@ratelimit(key="ip", rate=VERIFY_RATE)
def verify(request, code: str | None = None):
    """Checks a code from the link on a certificate or from the form: valid, or unknown (404); never a list."""
    typed = code if code is not None else request.GET.get("code")
    context = {
        "typed": (typed or "")[:MAX_INPUT],
        "max_input": MAX_INPUT,
        "practice": SiteSettings.for_request(request),
    }
    if typed is None:
        status = 200
    elif not typed.strip():
        context["error"] = _("Fill in the code from the certificate.")
        status = 400
    else:
        context["certificate"] = Certificate.objects.with_code(typed)
        context["unknown"] = context["certificate"] is None
        status = 404 if context["unknown"] else 200
    response = render(request, "courses/certificate_verify.html", context, status=status)
    # Holders' names stay out of search engines; the page also says so in its meta element.
    response["X-Robots-Tag"] = "noindex"
    return response
