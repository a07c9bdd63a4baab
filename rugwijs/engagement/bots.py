"""Requests that should not count as a reader: crawlers, link previews and speculative loads."""

import re

# Substrings found in the user agents of well-known crawlers, monitors and link-preview fetchers.
_BOT_PATTERN = re.compile(
    r"bot|crawl|spider|slurp|bingpreview|facebookexternalhit|embedly|quora link preview|whatsapp|"
    r"telegram|skypeuripreview|headless|lighthouse|pingdom|uptime|monitor|curl|wget|python-requests|"
    r"httpclient|go-http-client|java/|okhttp|axios|node-fetch|scrapy|phantomjs|preview",
    re.IGNORECASE,
)
_PREFETCH_HEADERS = ("HTTP_SEC_PURPOSE", "HTTP_PURPOSE", "HTTP_X_PURPOSE", "HTTP_X_MOZ")


def is_bot(user_agent: str) -> bool:
    return not user_agent.strip() or bool(_BOT_PATTERN.search(user_agent))


def is_prefetch(request) -> bool:
    return any("prefetch" in request.META.get(header, "").lower() for header in _PREFETCH_HEADERS) or any(
        "preview" in request.META.get(header, "").lower() for header in _PREFETCH_HEADERS
    )
