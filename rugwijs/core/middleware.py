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
