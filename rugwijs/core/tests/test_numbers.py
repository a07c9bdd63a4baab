import pytest

from rugwijs.core.numbers import compact_count, dutch_thousands, plain_number


@pytest.mark.parametrize(
    ("value", "expected"),
    [(0, "0"), (999, "999"), (1289, "1.289"), (24380, "24.380"), (1234567, "1.234.567")],
    ids=["zero", "below-thousand", "seed-count", "tens-of-thousands", "millions"],
)
def test_dutch_thousands_groups_with_full_stops(value, expected):
    assert dutch_thousands(value) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (704, "704"),
        (999, "999"),
        (1000, "1K"),
        (1289, "1K"),
        (6120, "6K"),
        (24380, "24K"),
        (999_999, "999K"),
        (1_000_000, "1M"),
        (1_250_000, "1,2M"),
        (-5, "0"),
    ],
    ids=[
        "hundreds",
        "just-below-1k",
        "exactly-1k",
        "rounds-down",
        "6k",
        "24k",
        "999k",
        "1m",
        "decimal-comma",
        "negative",
    ],
)
def test_compact_count_matches_the_seed_style(value, expected):
    assert compact_count(value) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [(3.0, "3"), (3, "3"), (-2.0, "-2"), (2.5, "2.5"), (0.0, "0")],
    ids=["whole-float", "int", "negative-whole", "fraction", "zero"],
)
def test_plain_number_writes_whole_numbers_without_a_decimal_point(value, expected):
    assert str(plain_number(value)) == expected
    assert isinstance(plain_number(value), int) == (expected.lstrip("-").isdigit())
