import pytest

from rugwijs.core import toc


def test_anchor_is_derived_from_the_heading():
    assert toc.anchor_from_heading("Wat is stress?") == "wat-is-stress"


@pytest.mark.parametrize(
    ("heading", "expected"),
    [("10 tips", "s-10-tips"), ("???", "sectie"), ("É é", "e-e")],
    ids=["digit", "empty", "accents"],
)
def test_anchor_is_always_a_usable_id(heading, expected):
    assert toc.anchor_from_heading(heading) == expected


def test_duplicates_and_reserved_ids_get_a_suffix():
    anchors = toc.unique_anchors([None, None, "in-het-kort", "stress"], ["Stress", "Stress", "x", "y"])
    assert anchors == ["stress", "stress-2", "in-het-kort-2", "stress-3"]
    assert len(set(anchors)) == len(anchors)


def test_stored_anchor_wins_over_the_heading_so_links_survive_rewording():
    assert toc.unique_anchors(["wat-is-stress"], ["Wat stress eigenlijk is"]) == ["wat-is-stress"]


@pytest.mark.parametrize(
    ("anchor", "valid"),
    [("goed", True), ("Goed", False), ("met spatie", False), ("1-begin", False), ("", False)],
    ids=["ok", "capital", "space", "digit-first", "empty"],
)
def test_is_valid_anchor(anchor, valid):
    assert toc.is_valid_anchor(anchor) is valid
