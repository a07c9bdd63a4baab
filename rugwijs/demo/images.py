"""Illustrations made for the demo with Pillow: no photos of real people, nothing from elsewhere."""

import io
import math
import random

from PIL import Image, ImageDraw, ImageFont

PALETTES = {
    "lage-rugpijn": ["#0b5d59", "#3c8d89", "#a7d3cf", "#f2efe6"],
    "hernia": ["#1d4e89", "#4f7cac", "#b7cde3", "#f4f1ea"],
    "stress-en-pijn": ["#8a3b12", "#c2672f", "#f0c7a0", "#faf3ea"],
    "default": ["#2f4858", "#5b8a72", "#c9dccf", "#f5f3ee"],
}


def abstract_illustration(seed: str, palette_name: str, size=(1600, 900)) -> bytes:
    """Layers of jagged hills in the topic's colours, with a few pale see-through circles above them.

    Reproducible from the seed. The articles' alt texts describe exactly this (content/SCHEMA.md), so a
    change to the drawing means new alt texts.
    """
    rng = random.Random(seed)  # noqa: S311 - decoration, not security
    palette = PALETTES.get(palette_name, PALETTES["default"])
    width, height = size
    image = Image.new("RGB", size, palette[3])
    draw = ImageDraw.Draw(image, "RGBA")
    for band in range(5):
        colour = palette[band % 3]
        base = height * (0.35 + 0.13 * band)
        amplitude = rng.uniform(40, 120)
        phase = rng.uniform(0, 6.28)
        points = [(x, base + amplitude * math.sin(phase + x / rng.uniform(180, 320))) for x in range(0, width + 40, 40)]
        draw.polygon([*points, (width, height), (0, height)], fill=_rgba(colour, 90 + band * 25))
    for _circle in range(rng.randint(3, 6)):
        radius = rng.randint(40, 180)
        x, y = rng.randint(0, width), rng.randint(0, int(height * 0.6))
        draw.ellipse((x - radius, y - radius, x + radius, y + radius), fill=_rgba(palette[rng.randint(0, 2)], 70))
    return _png(image)


def avatar(initials: str, colour: str, size=480) -> bytes:
    """A drawn avatar with initials: clearly an illustration, not a photo of someone."""
    image = Image.new("RGB", (size, size), "#f5f3ee")
    draw = ImageDraw.Draw(image)
    draw.ellipse((0, 0, size, size), fill=colour)
    font = ImageFont.load_default(size=size // 3)
    draw.text((size / 2, size / 2), initials, fill="#ffffff", font=font, anchor="mm")
    return _png(image)


def _rgba(hex_colour: str, alpha: int) -> tuple[int, int, int, int]:
    value = hex_colour.lstrip("#")
    return (int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16), alpha)


def _png(image: Image.Image) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()
