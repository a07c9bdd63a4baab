"""How big each kind of image is drawn: its renditions and the CSS width it fills, in one place.

Templates render images through `{% responsive_image image "card" %}` (core/templatetags/reader_tags.py)
and core.prefetch fetches exactly these renditions, so the two can never disagree. Every image is a `srcset`
of WebP renditions, which every browser of the last five years shows; a JPEG fallback in a <picture> would
double the renditions made on the first visit for hardly any reader. `sizes` mirrors the layout in
core/static/core/css/rugwijs.css, so a phone downloads a phone-sized file.
"""

from dataclasses import dataclass

# Social networks fetch one image, not a srcset; JPEG is the format every one of them reads.
OG_IMAGE_SPEC = "fill-1200x630|format-jpeg"


@dataclass(frozen=True)
class ImageSize:
    operation: str  # "width" keeps the image's own proportions, "fill" crops to `ratio`
    widths: tuple[int, ...]
    sizes: str
    ratio: tuple[int, int] = (1, 1)

    def resize_specs(self) -> list[str]:
        if self.operation == "width":
            return [f"width-{width}" for width in self.widths]
        across, down = self.ratio
        return [f"fill-{width}x{width * down // across}" for width in self.widths]

    def filter_specs(self) -> list[str]:
        """Every rendition a template asks for, smallest first (the first is also the img's src)."""
        return [f"{spec}|format-webp" for spec in self.resize_specs()]


# The article column is at most 42rem wide (--measure), with 1rem padding either side on small screens.
FIGURE = ImageSize("width", (400, 800, 1344), "(min-width: 44rem) 42rem, calc(100vw - 2rem)")
# .card-grid: columns of at least 17rem with 1.25rem gaps, in a 72rem page with 1rem padding.
CARD = ImageSize(
    "fill",
    (320, 640),
    "(min-width: 72rem) 22.5rem, (min-width: 55.5rem) calc((100vw - 4.5rem) / 3), "
    "(min-width: 37.25rem) calc((100vw - 3.25rem) / 2), calc(100vw - 2rem)",
    ratio=(16, 9),
)
# Round photos of people, drawn at a fixed size: the widths cover ordinary and high-density screens.
AUTHOR_PHOTO = ImageSize("fill", (88, 176), "5.5rem")
# The same files as the author box, drawn a little smaller: no extra renditions for the page to make.
PROMO_PHOTO = ImageSize("fill", AUTHOR_PHOTO.widths, "5rem")
PERSON_PHOTO = ImageSize("fill", (160, 320), "10rem")
TEAM_PHOTO = ImageSize("fill", (80, 160), "5rem")

SIZES = {
    "figure": FIGURE,
    "card": CARD,
    "author": AUTHOR_PHOTO,
    "promo": PROMO_PHOTO,
    "person": PERSON_PHOTO,
    "team": TEAM_PHOTO,
}
PERSON_PHOTO_SPECS = [
    spec for size in (AUTHOR_PHOTO, PROMO_PHOTO, PERSON_PHOTO, TEAM_PHOTO) for spec in size.filter_specs()
]
