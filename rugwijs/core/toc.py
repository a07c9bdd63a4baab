"""Anchors for a table of contents: readable, stable once stored, and never colliding."""

from django.utils.text import slugify

# Ids the article template uses itself; a section may not take them.
RESERVED_ANCHORS = frozenset(
    {
        "inhoud",
        "inhoudsopgave",
        "in-het-kort",
        "artikel",
        "feedback",
        "feedback-title",
        "feedback-comment",
        "feedback-comment-hint",
        "feedback-comment-error",
        "gerelateerd",
        "gerelateerd-titel",
        "site-search-q",
        "top",
        "zoeken",
        "menu",
    }
)
MAX_ANCHOR_LENGTH = 60


def anchor_from_heading(heading: str) -> str:
    """'Wat is stress?' -> 'wat-is-stress'. Ids that would start with a digit get a letter first."""
    anchor = slugify(heading).strip("-") or "sectie"
    if not anchor[0].isalpha():
        anchor = f"s-{anchor}"
    return _cut(anchor)


def _cut(anchor: str, suffix: str = "") -> str:
    """At most MAX_ANCHOR_LENGTH characters, suffix included, never ending in a hyphen before it."""
    return anchor[: MAX_ANCHOR_LENGTH - len(suffix)].rstrip("-") + suffix


def is_valid_anchor(anchor: str) -> bool:
    return bool(anchor) and anchor == slugify(anchor) and anchor[0].isalpha() and len(anchor) <= MAX_ANCHOR_LENGTH


def unique_anchors(wanted: list[str | None], headings: list[str]) -> list[str]:
    """One anchor per section: the wanted one where given, else one derived from the heading.

    Later duplicates (and reserved ids) get a numeric suffix, so ids never collide even when
    stored data was never validated.
    """
    taken = set(RESERVED_ANCHORS)
    result = []
    for anchor, heading in zip(wanted, headings, strict=True):
        base = anchor or anchor_from_heading(heading)
        candidate, number = base, 2
        while candidate in taken:
            candidate = _cut(base, f"-{number}")
            number += 1
        taken.add(candidate)
        result.append(candidate)
    return result
