"""The committed course videos and their captions: what a learner sees and hears, checked without ffmpeg."""

import io
import json

import pytest
from django.core.management import CommandError, call_command
from PIL import Image

from rugwijs.demo import images, videos


def _video_blocks():
    for path in videos.course_files():
        course = json.loads(path.read_text(encoding="utf-8"))
        for lesson_slug, block in videos.video_blocks(course):
            yield pytest.param(course, lesson_slug, block, id=videos.media_name(course["slug"], lesson_slug))


VIDEO_BLOCKS = list(_video_blocks())


def test_there_are_videos_to_check():
    assert len(VIDEO_BLOCKS) >= 2


@pytest.mark.parametrize(("course", "lesson_slug", "block"), VIDEO_BLOCKS)
def test_captions_are_in_order_without_overlap_and_every_cue_has_text(course, lesson_slug, block):
    cues = videos.parse_vtt(block["captions_vtt"])
    assert cues
    previous_end = 0.0
    for cue in cues:
        assert cue.text.strip(), cue
        assert cue.start >= previous_end, f"{cue} starts before the previous cue ends"
        assert cue.end > cue.start, cue
        previous_end = cue.end


@pytest.mark.parametrize(("course", "lesson_slug", "block"), VIDEO_BLOCKS)
def test_captions_keep_the_schema_lengths(course, lesson_slug, block):
    """SCHEMA.md: 60-120 seconds of captions in cues of 2-6 seconds, so each can be read before it goes."""
    cues = videos.parse_vtt(block["captions_vtt"])
    assert 60 <= cues[-1].end <= 120
    assert all(2 <= cue.end - cue.start <= 6 for cue in cues), [round(c.end - c.start, 2) for c in cues]


@pytest.mark.parametrize(("course", "lesson_slug", "block"), VIDEO_BLOCKS)
def test_the_stored_captions_are_written_as_the_command_writes_them(course, lesson_slug, block):
    # Regenerating must not reformat captions that nobody changed.
    assert videos.format_vtt(videos.parse_vtt(block["captions_vtt"])) == block["captions_vtt"]


@pytest.mark.parametrize(("course", "lesson_slug", "block"), VIDEO_BLOCKS)
def test_every_slide_is_shown_once_and_in_order(course, lesson_slug, block):
    slides = videos.slide_of_each_cue(videos.parse_vtt(block["captions_vtt"]), len(block["slides"]))
    assert slides == sorted(slides)
    assert set(slides) == set(range(len(block["slides"])))


@pytest.mark.parametrize(
    ("identifiers", "message"),
    [
        pytest.param(["", "Dia 1"], "first cue", id="first-cue-without-slide"),
        pytest.param(["Dia 1", "Dia 3"], "slide 2 comes next", id="slide-skipped"),
        pytest.param(["Dia 1", "Dia 1"], "slide 2 comes next", id="slide-twice"),
        pytest.param(["Dia 1", ""], "start 1 slides, the block has 2", id="slide-never-shown"),
    ],
)
def test_a_wrong_slide_mapping_is_refused(identifiers, message):
    cues = [videos.Cue(i, i + 1, "tekst", identifier) for i, identifier in enumerate(identifiers)]
    with pytest.raises(ValueError, match=message):
        videos.slide_of_each_cue(cues, 2)


def test_vtt_parser_reads_hours_identifiers_and_multiline_text():
    cues = videos.parse_vtt("WEBVTT\n\nDia 1\n01:00:01.500 --> 01:00:03.250\nregel een\nregel twee\n")
    assert cues == [videos.Cue(3601.5, 3603.25, "regel een\nregel twee", "Dia 1")]
    assert videos.format_vtt(cues) == "WEBVTT\n\nDia 1\n01:00:01.500 --> 01:00:03.250\nregel een\nregel twee\n"
    with pytest.raises(ValueError, match="timing"):
        videos.parse_vtt("WEBVTT\n\ngeen tijd hier\n")


@pytest.mark.parametrize(("course", "lesson_slug", "block"), VIDEO_BLOCKS)
def test_the_video_lasts_until_the_last_caption_and_fits_the_budget(course, lesson_slug, block):
    data = videos.video_path(course["slug"], lesson_slug).read_bytes()
    last_end = videos.parse_vtt(block["captions_vtt"])[-1].end
    assert last_end <= videos.mp4_duration(data) <= last_end + 1.5
    assert len(data) < videos.SIZE_BUDGET


@pytest.mark.parametrize(("course", "lesson_slug", "block"), VIDEO_BLOCKS)
def test_the_video_streams_h264_and_aac_from_the_first_bytes(course, lesson_slug, block):
    data = videos.video_path(course["slug"], lesson_slug).read_bytes()
    # +faststart: the index (moov) comes before the media (mdat), so playback starts before the download ends.
    assert data.index(b"moov") < data.index(b"mdat")
    moov = videos._box(data, b"moov")
    avc_config = moov[moov.index(b"avcC") + 4 :]
    assert avc_config[1] in (66, 77), "H.264 baseline or main profile, which every browser plays"
    assert b"mp4a" in moov


@pytest.mark.parametrize(("course", "lesson_slug", "block"), VIDEO_BLOCKS)
def test_the_poster_is_the_title_frame_at_video_size(course, lesson_slug, block):
    poster = Image.open(videos.poster_path(course["slug"], lesson_slug))
    assert poster.format == "PNG" and poster.size == videos.SIZE
    expected = videos.title_frame(block["title"], course["title"], block.get("palette", "default"))
    assert poster.convert("RGB").tobytes() == expected.tobytes()


def test_mp4_duration_reads_version_0_and_1_headers():
    def box(kind, payload):
        return (8 + len(payload)).to_bytes(4) + kind + payload

    version0 = bytes(12) + (1000).to_bytes(4) + (81_500).to_bytes(4)
    version1 = b"\x01" + bytes(19) + (600).to_bytes(4) + (6000).to_bytes(8)
    assert videos.mp4_duration(box(b"ftyp", b"isom") + box(b"moov", box(b"mvhd", version0))) == 81.5
    assert videos.mp4_duration(box(b"moov", box(b"mvhd", version1))) == 10.0


@pytest.mark.parametrize("palette", sorted(images.PALETTES))
def test_frame_text_has_enough_contrast(palette):
    for name, (text, background) in videos.text_colours(images.PALETTES[palette]).items():
        assert videos.contrast_ratio(text, background) >= 4.5, name


LONG_SLIDE = (
    "Een heel lange dia met veel woorden die over meerdere regels moet worden verdeeld zodat alles leesbaar blijft"
)


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(LONG_SLIDE, id="long"),
        pytest.param("Fysiotherapiepraktijkondersteuningsmedewerkers", id="long-word"),
        *[pytest.param(text, id=f"slide-{n}") for n, text in enumerate(VIDEO_BLOCKS[0].values[2]["slides"], 1)],
    ],
)
def test_slide_text_stays_inside_the_margins(text):
    palette = images.PALETTES["lage-rugpijn"]
    frame = videos.slide_frame(text, 1, 9, palette)
    width, height = videos.SIZE
    # Everything right of the text column, below the coloured band and above the slide count, is plain background.
    margin = frame.crop((width - videos.MARGIN + 2, 20, width, height - 60))
    assert margin.getcolors() == [(margin.width * margin.height, images._rgba(palette[3], 255)[:3])]
    assert frame.getbbox() is not None


def test_text_that_cannot_fit_is_refused_rather_than_cut_off():
    with pytest.raises(ValueError, match="does not fit"):
        videos.fit_text("x" * 200, 600, 300, largest=52)


def test_cue_times_follow_the_spoken_length(monkeypatch):
    rate = 20_000
    spoken_seconds = {"kort": 0.5, "lang": 3.0}
    monkeypatch.setattr(videos, "narrate", lambda text, tools: (bytes(2 * int(rate * spoken_seconds[text])), rate))
    cues = [videos.Cue(0, 1, "lang", "Dia 1"), videos.Cue(1, 2, "kort"), videos.Cue(2, 3, "lang")]
    timed, track, track_rate = videos.timed_narration(cues, tools={})
    assert [(cue.start, cue.end) for cue in timed] == [(2.0, 5.4), (5.4, 7.4), (7.4, 10.8)]
    assert [cue.identifier for cue in timed] == ["Dia 1", "", ""]
    assert track_rate == rate and len(track) == 2 * rate * 11.4


def test_the_command_says_what_to_install_when_a_tool_is_missing(monkeypatch):
    monkeypatch.setattr(videos.shutil, "which", lambda name: None if name == "espeak-ng" else f"/usr/bin/{name}")
    with pytest.raises(CommandError, match="espeak-ng not found.*apt-get install ffmpeg espeak-ng"):
        call_command("make_demo_videos", stdout=io.StringIO())
