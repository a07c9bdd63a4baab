"""Where a request comes from, as far as the app can trust it."""

from django.conf import settings


def client_ip(request) -> str:
    """The client's address, honouring only the X-Forwarded-For entries our own proxies added.

    Each trusted proxy appends the address it saw, so the client is the entry that many places
    from the end; anything further left was written by the client and cannot be trusted.
    """
    trusted = settings.TRUSTED_PROXY_COUNT
    if trusted:
        forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        forwarded = [part for part in forwarded if part]
        if len(forwarded) >= trusted:
            return forwarded[-trusted]
    return request.META.get("REMOTE_ADDR", "") or "0.0.0.0"  # noqa: S104 - a value, not a bind address
