"""The urgency rule of clinical.md section 2, and the plain-language rules, over every demo text.

These read the JSON files (articles, site pages and the self-tests), so they need no database and
name the file and field of each text that breaks a rule.
"""

import re

import pytest

from .content_text import page_links, sentences, units, word_count

ALL = ("articles", "site", "selftests", "courses")
# Each rule runs once per part of the demo, so a failure says at once whose texts need work.
PARTS = pytest.mark.parametrize("part", ALL)
# The texts that word their advice themselves; the self-tests word theirs through core/urgency.py.
OURS = ("articles", "site", "courses")

NOW = "bel nu je huisarts of de huisartsenpost"
TODAY = "bel vandaag nog je huisarts"
WITHIN_DAYS = "maak binnen een paar dagen een afspraak bij je huisarts"

# Quickly worsening weakness in a leg, or a dropping foot: at least "today".
WEAKNESS = re.compile(
    r"klapvoet|voet\w* (?:\w+ )?(?:sleept|slepen|klapt)|(?:been|benen|voet)\w* (?:\w+ ){0,3}zwakker"
    r"|zwakker\w* (?:been|voet)|(?:snel|steeds) minder kracht"
    r"|kracht\w* (?:\w+ ){0,6}(?:afneemt|achteruitgaat)",
    re.IGNORECASE,
)
TODAY_OR_NOW = re.compile(r"vandaag|\bnu\b", re.IGNORECASE)
# Signs of cauda equina: call now, never "today".
CAUDA_EQUINA = re.compile(
    r"plassen|poepen|ontlasting|urine|zadel|rijbroek|schaamstreek|geslachtsdelen|erectie|orgasme|\bseks"
    r"|beide benen|allebei je benen|doof\w* gevoel rond je billen",
    re.IGNORECASE,
)
SAME_DAY = re.compile(r"vandaag|dezelfde dag", re.IGNORECASE)
ADVICE = re.compile(r"\bbel\b|neem .{0,25}contact|afspraak|\bga .{0,15}naar|hulp", re.IGNORECASE)
# "Within days" signs.
WITHIN_DAYS_SIGN = re.compile(
    r"kanker|afval|ouder dan 50|na je vijftigste|prednison|bijnierschorshormoon|botontkalking|osteoporose"
    r"|pijn .{0,20}['’]s nachts|['’]s nachts .{0,20}pijn|steeds erger|drugs|afweer",
    re.IGNORECASE,
)
FEW_WEEKS_AS_THRESHOLD = re.compile(
    r"(?:na|langer dan) (?:een paar|enkele) weken"
    r"|(?:een paar|enkele) weken .{0,30}(?:niet (?:beter|minder|over)|geen verbetering)"
    r"|niet (?:beter|minder|over) .{0,30}(?:een paar|enkele) weken"
    r"|drie tot vier weken",
    re.IGNORECASE,
)


def _where(found):
    return "\n".join(f"{unit.source}: {unit.text}" for unit in found)


def advice_units(folders):
    return [unit for unit in units(*folders) if not unit.is_question]


@PARTS
def test_nobody_with_a_dropping_foot_or_weakening_leg_is_told_to_wait(part):
    found = [u for u in advice_units((part,)) if WEAKNESS.search(u.text) and not TODAY_OR_NOW.search(u.text)]
    assert not found, "weakness or a dropping foot without 'vandaag'/'nu':\n" + _where(found)


@PARTS
def test_cauda_equina_signs_are_never_paired_with_today_only(part):
    found = [
        u
        for u in advice_units((part,))
        if CAUDA_EQUINA.search(u.text) and SAME_DAY.search(u.text) and not re.search(r"\bnu\b", u.text, re.I)
    ]
    assert not found, "cauda-equina signs with 'today' but not 'now':\n" + _where(found)


def test_our_pages_use_the_same_words_for_each_level_of_urgency():
    """Where an article or page gives advice about a sign, it uses the standard phrase of its level."""
    problems = []
    for unit in advice_units(OURS):
        text = unit.text.lower()
        if not ADVICE.search(text):
            continue
        if CAUDA_EQUINA.search(text) and not (NOW in text and "112" in text):
            problems.append(("call now + 112", unit))
        elif WEAKNESS.search(text) and TODAY not in text and NOW not in text:
            problems.append(("call today", unit))
        elif WITHIN_DAYS_SIGN.search(text) and not CAUDA_EQUINA.search(text) and not WEAKNESS.search(text):
            if WITHIN_DAYS not in text and TODAY not in text and NOW not in text:
                problems.append(("within days", unit))
    assert not problems, "\n".join(f"{level} missing in {unit.source}: {unit.text}" for level, unit in problems)


@PARTS
def test_corticosteroids_are_never_called_anti_inflammatory(part):
    found = [u for u in units(part) if "ontstekingsremmend" in u.text.lower()]
    assert not found, _where(found)


@PARTS
def test_prednison_is_explained_as_a_corticosteroid(part):
    found = [u for u in units(part) if "prednison" in u.text.lower() and "bijnierschorshormo" not in u.text.lower()]
    assert not found, "say 'een bijnierschorshormoon zoals prednison':\n" + _where(found)


@PARTS
def test_no_improvement_means_3_to_4_weeks_never_a_few_weeks(part):
    found = {(u.source, s) for u in units(part) for s in sentences(u.text) if FEW_WEEKS_AS_THRESHOLD.search(s)}
    assert not found, "write 'na 3 tot 4 weken':\n" + "\n".join(f"{source}: {sentence}" for source, sentence in found)


@PARTS
def test_no_sentence_is_longer_than_40_words(part):
    found = [
        (u.source, word_count(sentence), sentence)
        for u in units(part)
        for sentence in sentences(u.text)
        if word_count(sentence) > 40
    ]
    assert not found, "\n".join(f"{source} ({count} words): {sentence}" for source, count, sentence in found)


@PARTS
def test_no_screening_tool_is_named(part):
    found = [u for u in units(part) if re.search(r"\bSBST\b|start\s*back|keele", u.text, re.IGNORECASE)]
    assert not found, _where(found)


@PARTS
def test_no_note_for_the_practice_is_shown_to_readers(part):
    found = [u for u in units(part) if re.search(r"laat de praktijk", u.text, re.IGNORECASE)]
    assert not found, _where(found)


@PARTS
def test_claims_without_a_source_stay_out(part):
    unsourced = re.compile(
        r"terugval .{0,40}sneller|sneller .{0,40}dan de eerste keer"
        r"|(?:middel|medicijn|pil)\w* .{0,50}zenuwpijn|zenuwpijn.{0,40}(?:middel|medicijn)"
        r"|kleine dosis|weinig straling",
        re.IGNORECASE,
    )
    found = [u for u in units(part) if unsourced.search(u.text)]
    assert not found, _where(found)


@PARTS
def test_no_scan_becomes_useful_after_weeks_of_ordinary_back_pain(part):
    """The 6-8 week rule is for nerve-root pain; ordinary back pain never 'earns' a scan with time."""
    rule = re.compile(r"(?:zes tot acht|6 tot 8|6-8|acht|8) weken", re.IGNORECASE)
    found = [
        u
        for u in units(part)
        if re.search(r"scan|foto", u.text, re.I)
        and rule.search(u.text)
        and not re.search(r"zenuw|beenpijn|uitstral", u.text, re.I)
    ]
    assert not found, _where(found)


def test_demo_texts_only_link_to_pages_the_demo_has():
    import json

    from rugwijs.demo.loader import CONTENT_DIR

    site = json.loads((CONTENT_DIR / "site.json").read_text(encoding="utf-8"))
    existing = {"team", "zelftests", site["course_index"]["slug"]}
    existing |= {page["slug"] for page in site["pages"]} | {topic["slug"] for topic in site["topics"]}
    existing |= {person["slug"] for person in site["people"]}
    for folder in ("articles", "selftests", "courses"):
        existing |= {path.stem for path in (CONTENT_DIR / folder).glob("*.json")}
    dead = [(source, slug) for source, slug in page_links(*ALL) if slug not in existing]
    assert not dead, dead
