"""What every PDF we make shares: tagged PDF/UA-1 output, and a URL fetcher that never leaves the document.

WeasyPrint asks its URL fetcher for every image, style sheet and font a document names. Ours hands over
only what the document carries itself (`data:` URIs, such as a QR code drawn on the server) and refuses
everything else, so making a PDF never reaches out to the network or the file system.
"""

from weasyprint.urls import URLFetcher

# PDF/UA-1: a tagged PDF (headings, lists, reading order) with its language and title, for screen readers.
PDF_OPTIONS = {"pdf_variant": "pdf/ua-1"}


class OfflineURLFetcher(URLFetcher):
    """Reads `data:` URIs and refuses every other URL; WeasyPrint warns about a refusal and leaves the resource out."""

    def fetch(self, url, headers=None):
        if url[:5].lower() != "data:":
            raise ValueError(f"PDFs load nothing from outside: {url[:200]}")
        return super().fetch(url, headers)
