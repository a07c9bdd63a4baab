"""Paying for a course: start at the provider, come back, and the provider's webhook that settles it.

Access is granted only by the webhook, after fetching the payment from the provider: the browser's
return proves nothing, and neither does a webhook call by itself (anyone can post an id).
"""

import logging
import re

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST
from django_ratelimit.decorators import ratelimit

from rugwijs.core.models import published_page
from rugwijs.courses.models import CoursePage, Enrolment

from . import states
from .models import Payment
from .providers import ProviderError, get_provider
from .settlement import settle

logger = logging.getLogger(__name__)
PROVIDER_ID = re.compile(r"[A-Za-z0-9_]{1,64}")


def _problem(request, course, status: int):
    response = render(request, "payments/unavailable.html", {"course": course}, status=status)
    if status == 503:
        response["Retry-After"] = "60"
    return response


@never_cache
@require_POST
@login_required
@ratelimit(key="user", rate="10/m")
def start(request, course_id: int):
    course = published_page(CoursePage, pk=course_id)
    if course is None or course.is_free:
        raise Http404
    provider = get_provider()
    if provider is None:
        return _problem(request, course, 404)
    if request.POST.get("direct_access") != "ja":
        # The box is required in the form; this answers a browser or script that skipped it.
        return render(request, "payments/agree_first.html", {"course": course}, status=400)
    enrolment, _created = Enrolment.objects.get_or_create(
        user=request.user,
        course=course,
        defaults={"source": Enrolment.Source.PAYMENT, "status": Enrolment.Status.PENDING},
    )
    if enrolment.status == Enrolment.Status.ACTIVE:
        return HttpResponseRedirect(course.url)
    if enrolment.status == Enrolment.Status.ENDED:
        # A failed, expired or cancelled try, or access that ended: a new payment opens it again.
        enrolment.status, enrolment.source = Enrolment.Status.PENDING, Enrolment.Source.PAYMENT
        enrolment.save(update_fields=["status", "source"])
    payment = Payment.objects.create(
        enrolment=enrolment,
        course=course,
        description=course.title[:255],
        amount_cents=course.price_cents,
        provider=provider.name,
        direct_access_agreed_at=timezone.now(),
    )
    return_url = request.build_absolute_uri(reverse("payments:returned", args=[payment.reference]))
    webhook_url = settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse("payments:webhook")
    try:
        checkout = provider.start(
            amount_cents=payment.amount_cents,
            currency=payment.currency,
            description=payment.description,
            reference=str(payment.reference),
            return_url=return_url,
            webhook_url=webhook_url,
        )
    except ProviderError:
        logger.warning("Payment %s could not be started at %s", payment.pk, provider.name, exc_info=True)
        payment.status = states.Status.FAILED
        payment.save(update_fields=["status", "updated_at"])
        return _problem(request, course, 503)
    payment.provider_id = checkout.provider_id
    payment.save(update_fields=["provider_id", "updated_at"])
    return HttpResponseRedirect(checkout.checkout_url, status=303)


@never_cache
@require_GET
@login_required
def returned(request, reference):
    """Where the provider sends the payer back: what we know so far, which the webhook decides."""
    payment = Payment.objects.filter(reference=reference, enrolment__user=request.user).select_related("course").first()
    if payment is None:
        raise Http404
    return render(request, "payments/returned.html", {"payment": payment, "course": payment.course})


@csrf_exempt  # the provider posts here; the post proves nothing by itself (settlement.py)
@require_POST
@ratelimit(key="ip", rate="600/m")
def webhook(request):
    provider_id = request.POST.get("id", "")
    # Providers' ids are short and plain (Mollie: tr_ and letters); anything else is no id of ours.
    payment = Payment.objects.filter(provider_id=provider_id).first() if PROVIDER_ID.fullmatch(provider_id) else None
    provider = get_provider()
    # An id we never started: nothing to do, and nothing to tell whoever is guessing.
    if payment is None or provider is None or payment.provider != provider.name:
        return HttpResponse(status=200)
    try:
        snapshot = provider.fetch(payment.provider_id)
    except ProviderError:
        logger.warning("Payment %s could not be fetched from %s", payment.pk, provider.name, exc_info=True)
        return HttpResponse(status=503)  # the provider calls again later
    settle(payment, snapshot)
    return HttpResponse(status=200)
