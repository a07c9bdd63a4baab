from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings


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
