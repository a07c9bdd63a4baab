from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings
from django.utils.cache import add_never_cache_headers, patch_cache_control


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp with one exception: the Wagtail admin gets the looser policy it needs.

    Public pages keep the strict policy from settings.CONTENT_SECURITY_POLICY.
    """

    def get_policy_parts(self, request, response, report_only=False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        if not report_only and request.path_info.startswith(settings.ADMIN_URL_PREFIXES):
            parts.replace = {**(parts.replace or {}), **settings.ADMIN_CONTENT_SECURITY_POLICY_REPLACE}
        return parts


class BrowserPolicyMiddleware:
    """Headers that keep browser features and cross-origin reads away from every response.

    Placed right after Django's SecurityMiddleware, before WhiteNoise, so static files get them too.
    Cross-Origin-Opener-Policy comes from SecurityMiddleware (SECURE_CROSS_ORIGIN_OPENER_POLICY).
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.permissions_policy = ", ".join(f"{feature}=()" for feature in settings.PERMISSIONS_POLICY_DENIED)

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", self.permissions_policy)
        response.headers.setdefault("Cross-Origin-Resource-Policy", settings.CROSS_ORIGIN_RESOURCE_POLICY)
        return response


class SharedCacheMiddleware:
    """Lets a caching proxy keep the pages every reader sees alike, and keeps the rest out of it.

    An anonymous GET of an HTML page that sets no cookie may be shared for PAGE_CACHE_SECONDS
    (`s-maxage`; browsers revalidate every time, so a purge reaches readers at once). Anything
    else without a choice of its own — an editor's pages, form posts, responses that set a
    cookie, account pages — is marked private and not stored. Views that chose (self-test results, robots.txt,
    static files) keep their own Cache-Control.
    """

    SHAREABLE_METHODS = ("GET", "HEAD")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.path_info.startswith((settings.STATIC_URL, settings.MEDIA_URL)):
            return response  # the same files for everyone, with lifetimes of their own
        if self.is_personal(request):
            # An editor's page may show the userbar or a draft: never shared, whatever the view chose.
            if "public" in response.get("Cache-Control", "public"):
                del response["Cache-Control"]
                add_never_cache_headers(response)
            return response
        if response.has_header("Cache-Control"):
            return response
        if self.is_shareable(request, response):
            patch_cache_control(response, public=True, max_age=0, s_maxage=settings.PAGE_CACHE_SECONDS)
        elif request.method not in self.SHAREABLE_METHODS or response.cookies:
            add_never_cache_headers(response)
        return response

    def is_shareable(self, request, response) -> bool:
        return (
            request.method in self.SHAREABLE_METHODS
            and response.status_code == 200
            and response.get("Content-Type", "").startswith("text/html")
            and not response.cookies
        )

    @staticmethod
    def is_personal(request) -> bool:
        # Looking at the session cookie, not request.user, keeps an anonymous request free of queries.
        return settings.SESSION_COOKIE_NAME in request.COOKIES or request.path_info.startswith(
            (*settings.ADMIN_URL_PREFIXES, *settings.PRIVATE_URL_PREFIXES)
        )
