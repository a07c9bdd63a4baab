"""Dutch number formatting for counts shown to readers."""

from decimal import ROUND_FLOOR, Decimal


def dutch_thousands(value: int) -> str:
    """1289 -> '1.289' (Dutch groups thousands with a full stop)."""
    return f"{int(value):,}".replace(",", ".")


def compact_count(value: int) -> str:
    """A short count for cards: 704 -> '704', 1289 -> '1K', 24380 -> '24K', 1_250_000 -> '1,2M'.

    Rounds down, so a card never claims more readers than there were.
    """
    value = max(int(value), 0)
    if value < 1_000:
        return str(value)
    if value < 1_000_000:
        return f"{value // 1_000}K"
    millions = (Decimal(value) / Decimal(1_000_000)).quantize(Decimal("0.1"), rounding=ROUND_FLOOR)
    text = f"{millions:f}".rstrip("0").rstrip(".").replace(".", ",")
    return f"{text}M"


def plain_number(value: float) -> int | float:
    """3.0 -> 3, 2.5 -> 2.5: a whole number as an int, so it prints and serialises as a reader writes it."""
    return int(value) if float(value).is_integer() else value
