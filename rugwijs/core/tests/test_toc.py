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


LONG = "Waarom rugpijn na een lange werkdag achter de computer vaak erger wordt en wat je eraan doet"


@pytest.mark.parametrize("heading", [LONG, f"12 {LONG}", "x " * 40], ids=["words", "digit-first", "short-words"])
def test_anchors_from_long_headings_are_cut_to_their_maximum(heading):
    anchor = toc.anchor_from_heading(heading)
    assert len(anchor) <= toc.MAX_ANCHOR_LENGTH and toc.is_valid_anchor(anchor)
    assert not anchor.endswith("-")


def test_a_cut_anchor_keeps_the_start_of_the_heading():
    assert toc.anchor_from_heading(LONG).startswith("waarom-rugpijn-na-een-lange-werkdag")


def test_numbered_duplicates_of_a_long_heading_stay_within_the_maximum():
    anchors = toc.unique_anchors([None, None, None], [LONG, LONG, LONG])
    assert len(set(anchors)) == 3
    assert all(len(anchor) <= toc.MAX_ANCHOR_LENGTH and toc.is_valid_anchor(anchor) for anchor in anchors)
    assert anchors[1].endswith("-2") and anchors[2].endswith("-3")
