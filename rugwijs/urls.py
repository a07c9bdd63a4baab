from django.conf import settings
from django.http import JsonResponse
from django.urls import include, path, re_path
from django.utils.translation import gettext as _
from django.views.defaults import page_not_found
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from rugwijs.accounts.learner_views import LearnerLoginView
from rugwijs.core.outages import server_error
from rugwijs.core.routes import serve_page
from rugwijs.core.views import favicon, healthz, rate_limited, robots_txt
from rugwijs.search.views import search

from .api import api_router

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("api/v2/", api_router.urls),
    path("engagement/", include("rugwijs.engagement.urls")),
    path("zoeken/", search, name="search"),
    # Learner accounts: our own login view (429 when refused), our pages, then allauth's own paths.
    path("account/login/", LearnerLoginView.as_view(), name="account_login"),
    path("account/", include("rugwijs.accounts.learner_urls")),
    path("account/", include("allauth.urls")),
    path("", include("rugwijs.selftests.urls")),
    path("", include("rugwijs.courses.urls")),
    path("", include("rugwijs.payments.urls")),
    path("sitemap.xml", sitemap, name="sitemap"),
    path("robots.txt", robots_txt, name="robots_txt"),
    path("favicon.ico", favicon, name="favicon"),
    path("healthz", healthz, name="healthz"),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
else:
    # One small machine serves its own uploads; larger set-ups let the proxy serve MEDIA_ROOT.
    from rugwijs.core.views import serve_image_file

    media = settings.MEDIA_URL.strip("/")
    urlpatterns += [path(f"{media}/<path:path>", serve_image_file)]

# Wagtail's own patterns, its page view (last: it takes any path) replaced by one with kept routes (core.routes).
urlpatterns += [
    *(pattern for pattern in wagtail_urls.urlpatterns if pattern.name != "wagtail_serve"),
    re_path(wagtail_urls.serve_pattern, serve_page, name="wagtail_serve"),
]


def handler404(request, exception):
    """API callers get their 404 as JSON with a message; readers get the site's own page."""
    if request.path.startswith("/api/"):
        message = _("There is nothing at this address.")
        return JsonResponse({"message": message, "errors": {"_body": message}}, status=404)
    return page_not_found(request, exception)


handler500 = server_error
# allauth's rate limits answer with this too (allauth.core.internal.ratelimit.respond_429).
handler429 = rate_limited
