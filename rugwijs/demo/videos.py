"""Narrated slide videos for the courses' video blocks, made from the course JSON alone.

A video block holds its `slides` and its captions (`captions_vtt`). Each caption cue is spoken by
espeak-ng, so the spoken text and the captions can never drift apart. A cue whose identifier is `Dia N`
starts slide N (counted from 1); the cues after it belong to the same slide until the next `Dia …`
identifier. The cue timings are measured from the spoken audio and written back into the JSON.

Generating needs ffmpeg and espeak-ng (`make_demo_videos`); the resulting MP4 and poster PNG are
committed, so loading the demo needs neither. Everything here except `render_video` and `narrate` is
plain Python that the tests use without those programs.
"""

import io
import json
import re
import shutil
import subprocess
import tempfile
import wave
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from . import images

COURSES_DIR = Path(__file__).resolve().parent / "content" / "courses"
MEDIA_DIR = COURSES_DIR / "media"

SIZE = (854, 480)
FPS = 10  # slides stand still; few frames keep the files small and the encoding quick
VOICE = "nl"
WORDS_PER_MINUTE = 160  # a little slower than espeak's default, easier to follow for a patient
TITLE_SECONDS = 2.0  # the title frame, silent, before the first cue
PAUSE_SECONDS = 0.4  # between the end of one spoken cue and the start of the next
MIN_CUE_SECONDS = 2.0  # a caption shorter than this is gone before it can be read
END_SECONDS = 0.6
SIZE_BUDGET = 600_000  # bytes per MP4
MARGIN = 64
# Capitalised, so the demo's text checks (demo/tests/content_text.py) still end the caption's sentence before it.
SLIDE_ID = re.compile(r"^Dia (\d+)$")
_TIMING = re.compile(r"^(?:(\d+):)?(\d{2}):(\d{2})\.(\d{3})\s+-->\s+(?:(\d+):)?(\d{2}):(\d{2})\.(\d{3})")


class MissingTool(RuntimeError):
    pass


@dataclass(frozen=True)
class Cue:
    start: float
    end: float
    text: str
    identifier: str = ""


# --- Captions -------------------------------------------------------------------------------------


def parse_vtt(vtt: str) -> list[Cue]:
    """The cues of a WebVTT file: optional identifier, timing line, text lines. Raises ValueError on
    anything else, so a typo in the JSON shows up in the tests rather than as silent missing captions."""
    blocks = re.split(r"\n{2,}", vtt.replace("\r\n", "\n").strip())
    if not blocks or not blocks[0].startswith("WEBVTT"):
        raise ValueError("captions must start with WEBVTT")
    cues = []
    for block in blocks[1:]:
        lines = block.split("\n")
        identifier = ""
        if "-->" not in lines[0]:
            identifier, lines = lines[0].strip(), lines[1:]
        match = _TIMING.match(lines[0]) if lines else None
        if match is None:
            raise ValueError(f"no timing line in cue: {block!r}")
        groups = match.groups()
        text = "\n".join(lines[1:]).strip()
        cues.append(Cue(_seconds(*groups[:4]), _seconds(*groups[4:]), text, identifier))
    return cues


def format_vtt(cues: list[Cue]) -> str:
    parts = ["WEBVTT"]
    for cue in cues:
        head = f"{cue.identifier}\n" if cue.identifier else ""
        parts.append(f"{head}{_timestamp(cue.start)} --> {_timestamp(cue.end)}\n{cue.text}")
    return "\n\n".join(parts) + "\n"


def _seconds(hours, minutes, seconds, millis) -> float:
    return int(hours or 0) * 3600 + int(minutes) * 60 + int(seconds) + int(millis) / 1000


def _timestamp(seconds: float) -> str:
    millis = round(seconds * 1000)
    hours, millis = divmod(millis, 3_600_000)
    minutes, millis = divmod(millis, 60_000)
    secs, millis = divmod(millis, 1000)
    prefix = f"{hours:02d}:" if hours else ""
    return f"{prefix}{minutes:02d}:{secs:02d}.{millis:03d}"


def slide_of_each_cue(cues: list[Cue], slide_count: int) -> list[int]:
    """The slide index (from 0) shown while each cue is spoken; see the module docstring for the rule.

    Every slide must start exactly once and in order, so no slide is skipped or shown twice."""
    starts = []
    current = -1
    for position, cue in enumerate(cues):
        if match := SLIDE_ID.match(cue.identifier):
            number = int(match[1])
            if number != current + 2:
                raise ValueError(f"cue {position + 1} starts slide {number}; slide {current + 2} comes next")
            current = number - 1
        elif position == 0:
            raise ValueError("the first cue must start slide 1 (identifier Dia 1)")
        starts.append(current)
    if current + 1 != slide_count:
        raise ValueError(f"the captions start {current + 1} slides, the block has {slide_count}")
    return starts


# --- Where the blocks and files are ----------------------------------------------------------------


def course_files() -> list[Path]:
    return sorted(COURSES_DIR.glob("*.json"))


def video_blocks(course: dict) -> Iterator[tuple[str, dict]]:
    """(lesson slug, video block) for every video in the course; a lesson has at most one, because the
    file name is made from the lesson's slug."""
    for module in course["modules"]:
        for lesson in module["lessons"]:
            videos = [block for block in lesson["blocks"] if block["type"] == "video"]
            if len(videos) > 1:
                raise ValueError(f"lesson {lesson['slug']} has {len(videos)} videos; one per lesson")
            for block in videos:
                yield lesson["slug"], block


def media_name(course_slug: str, lesson_slug: str) -> str:
    return f"{course_slug}-{lesson_slug}"


def video_path(course_slug: str, lesson_slug: str) -> Path:
    return MEDIA_DIR / f"{media_name(course_slug, lesson_slug)}.mp4"


def poster_path(course_slug: str, lesson_slug: str) -> Path:
    return MEDIA_DIR / f"{media_name(course_slug, lesson_slug)}.png"


def mp4_duration(data: bytes) -> float:
    """Seconds, from the movie header (`mvhd`) inside the `moov` box; no ffprobe needed."""
    moov = _box(data, b"moov")
    mvhd = _box(moov, b"mvhd")
    if mvhd[0] == 1:
        timescale = int.from_bytes(mvhd[20:24])
        duration = int.from_bytes(mvhd[24:32])
    else:
        timescale = int.from_bytes(mvhd[12:16])
        duration = int.from_bytes(mvhd[16:20])
    return duration / timescale


def _box(data: bytes, kind: bytes) -> bytes:
    """The payload of the first box of this kind at this level (ISO base media file format)."""
    offset = 0
    while offset + 8 <= len(data):
        size = int.from_bytes(data[offset : offset + 4])
        header = 8
        if size == 1:
            size, header = int.from_bytes(data[offset + 8 : offset + 16]), 16
        elif size == 0:
            size = len(data) - offset
        if data[offset + 4 : offset + 8] == kind:
            return data[offset + header : offset + size]
        if size < header:
            break
        offset += size
    raise ValueError(f"no {kind.decode()} box")


# --- Frames ---------------------------------------------------------------------------------------


def palette_of(block: dict) -> list[str]:
    return images.PALETTES.get(block.get("palette", "default"), images.PALETTES["default"])


def contrast_ratio(first: str, second: str) -> float:
    """WCAG contrast ratio of two #rrggbb colours."""
    lighter, darker = sorted((_luminance(first), _luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def _luminance(hex_colour: str) -> float:
    value = hex_colour.lstrip("#")
    channels = (int(value[i : i + 2], 16) / 255 for i in (0, 2, 4))
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def text_colours(palette: list[str]) -> dict[str, tuple[str, str]]:
    """(text, background) of every text the frames draw; the tests hold each to 4.5:1."""
    return {"slide": (palette[0], palette[3]), "title": ("#ffffff", palette[0])}


def fit_text(text: str, width: int, height: int, largest: int, smallest: int = 22):
    """The largest bold font (down to `smallest`) at which the text, wrapped on words, fits the box.

    Returns (font, lines, line_height). A word too long for the box at the smallest size is an error:
    it would run off the frame."""
    for size in range(largest, smallest - 1, -2):
        font = _font(size)
        lines = _wrap(text, font, width)
        line_height = round(size * 1.25)
        if lines is not None and line_height * len(lines) <= height:
            return font, lines, line_height
    raise ValueError(f"text does not fit a {width}×{height} box: {text!r}")


def _wrap(text: str, font, width: int) -> list[str] | None:
    lines: list[str] = []
    for word in text.split():
        if font.getlength(word) > width:
            return None
        if lines and font.getlength(f"{lines[-1]} {word}") <= width:
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(word)
    return lines


def _font(size: int):
    try:
        return ImageFont.truetype("DejaVuSans-Bold.ttf", size)
    except OSError:
        # Pillow's own font: fewer glyphs, but the frames still render on a machine without DejaVu.
        return ImageFont.load_default(size=size)


def slide_frame(text: str, number: int, total: int, palette: list[str]) -> Image.Image:
    """A light slide: dark text on the palette's pale colour, a coloured band above, the slide count below."""
    width, height = SIZE
    text_colour, background = text_colours(palette)["slide"]
    image = Image.new("RGB", SIZE, background)
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, width, 14), fill=palette[1])
    draw.rectangle((MARGIN, 56, MARGIN + 72, 64), fill=palette[2])
    box_width, box_height = width - 2 * MARGIN, height - 2 * MARGIN - 60
    font, lines, line_height = fit_text(text, box_width, box_height, largest=52)
    top = 72 + (box_height - line_height * len(lines)) // 2
    for index, line in enumerate(lines):
        draw.text((MARGIN, top + index * line_height), line, font=font, fill=text_colour)
    draw.text((width - MARGIN, height - 40), f"{number} / {total}", font=_font(22), fill=text_colour, anchor="rm")
    return image


def title_frame(title: str, course_title: str, palette_name: str) -> Image.Image:
    """The demo's hills illustration with a dark panel holding the video's and the course's titles."""
    palette = images.PALETTES.get(palette_name, images.PALETTES["default"])
    picture = images.abstract_illustration(f"video:{title}", palette_name, size=SIZE)
    image = Image.open(io.BytesIO(picture)).convert("RGB")
    draw = ImageDraw.Draw(image)
    text_colour, panel = text_colours(palette)["title"]
    width, height = SIZE
    box_width = width - 4 * MARGIN
    font, lines, line_height = fit_text(title, box_width, 170, largest=50)
    small, small_lines, small_height = fit_text(course_title, box_width, 60, largest=26, smallest=16)
    inner = line_height * len(lines) + 20 + small_height * len(small_lines)
    top = (height - inner) // 2
    draw.rectangle((MARGIN, top - 40, width - MARGIN, top + inner + 40), fill=panel)
    for index, line in enumerate(small_lines):
        draw.text((2 * MARGIN, top + index * small_height), line, font=small, fill=text_colour)
    top += small_height * len(small_lines) + 20
    for index, line in enumerate(lines):
        draw.text((2 * MARGIN, top + index * line_height), line, font=font, fill=text_colour)
    return image


# --- Narration and encoding (need espeak-ng and ffmpeg) -------------------------------------------


def require_tools() -> dict[str, str]:
    found = {name: shutil.which(name) for name in ("ffmpeg", "espeak-ng")}
    missing = [name for name, path in found.items() if path is None]
    if missing:
        raise MissingTool(
            f"{' and '.join(missing)} not found. Making the demo videos needs both: "
            "apt-get install ffmpeg espeak-ng (the committed videos work without them)."
        )
    return found


def narrate(text: str, tools: dict[str, str]) -> tuple[bytes, int]:
    """Mono 16-bit samples of the text spoken in Dutch, and their sample rate."""
    result = subprocess.run(  # noqa: S603 - fixed program, the text goes in on stdin
        [tools["espeak-ng"], "-v", VOICE, "-s", str(WORDS_PER_MINUTE), "-b", "1", "--stdin", "--stdout"],
        input=text.encode("utf-8"),
        capture_output=True,
        check=True,
    )
    with wave.open(io.BytesIO(result.stdout)) as sound:
        if sound.getnchannels() != 1 or sound.getsampwidth() != 2:
            raise RuntimeError("espeak-ng did not give mono 16-bit audio")
        return sound.readframes(sound.getnframes()), sound.getframerate()


def timed_narration(cues: list[Cue], tools: dict[str, str]) -> tuple[list[Cue], bytes, int]:
    """Speak every cue; return the cues with their measured times, the whole soundtrack and its rate."""
    spoken = [narrate(cue.text, tools) for cue in cues]
    rate = spoken[0][1]
    track = bytearray()
    timed = []
    start_ms = round(TITLE_SECONDS * 1000)
    for cue, (samples, _rate) in zip(cues, spoken, strict=True):
        length_ms = 1000 * len(samples) // (2 * rate)
        end_ms = start_ms + max(length_ms + round(PAUSE_SECONDS * 1000), round(MIN_CUE_SECONDS * 1000))
        _pad_to(track, start_ms, rate)
        track += samples
        timed.append(Cue(start_ms / 1000, end_ms / 1000, cue.text, cue.identifier))
        start_ms = end_ms
    _pad_to(track, start_ms + round(END_SECONDS * 1000), rate)
    return timed, bytes(track), rate


def _pad_to(track: bytearray, milliseconds: int, rate: int) -> None:
    wanted = 2 * (milliseconds * rate // 1000)
    if len(track) < wanted:
        track += bytes(wanted - len(track))


def render_video(course: dict, lesson_slug: str, block: dict, tools: dict[str, str]) -> str:
    """Write the lesson's MP4 and poster; return the block's captions with the measured timings."""
    cues = parse_vtt(block["captions_vtt"])
    slide_per_cue = slide_of_each_cue(cues, len(block["slides"]))
    timed, track, rate = timed_narration(cues, tools)
    total = len(track) / (2 * rate)
    palette_name = block.get("palette", "default")
    palette = palette_of(block)

    # Frame numbers where each picture starts: the title at 0, each slide at its first cue.
    firsts = [i for i, slide in enumerate(slide_per_cue) if i == 0 or slide != slide_per_cue[i - 1]]
    changes = [0] + [round(timed[i].start * FPS) for i in firsts]
    changes.append(round(total * FPS))
    pictures = [title_frame(block["title"], course["title"], palette_name)]
    pictures += [slide_frame(text, n, len(block["slides"]), palette) for n, text in enumerate(block["slides"], 1)]

    MEDIA_DIR.mkdir(parents=True, exist_ok=True)
    pictures[0].save(poster_path(course["slug"], lesson_slug), format="PNG", optimize=True)
    with tempfile.TemporaryDirectory(prefix="rugwijs-video-") as work:
        folder = Path(work)
        inputs: list[str] = []
        for index, picture in enumerate(pictures):
            frame_file = folder / f"frame{index:02d}.png"
            picture.save(frame_file)
            seconds = (changes[index + 1] - changes[index]) / FPS
            inputs += ["-loop", "1", "-framerate", str(FPS), "-t", f"{seconds:.3f}", "-i", str(frame_file)]
        sound_file = folder / "narration.wav"
        with wave.open(str(sound_file), "wb") as sound:
            sound.setnchannels(1)
            sound.setsampwidth(2)
            sound.setframerate(rate)
            sound.writeframes(track)
        inputs += ["-i", str(sound_file)]
        joined = "".join(f"[{index}:v]" for index in range(len(pictures)))
        subprocess.run(  # noqa: S603 - fixed program and arguments
            [
                tools["ffmpeg"], "-y", "-v", "error", *inputs,
                "-filter_complex", f"{joined}concat=n={len(pictures)}:v=1:a=0,format=yuv420p[v]",
                "-map", "[v]", "-map", f"{len(pictures)}:a",
                "-c:v", "libx264", "-profile:v", "main", "-preset", "slow", "-tune", "stillimage",
                "-crf", "30", "-r", str(FPS), "-g", str(FPS * 10),
                "-c:a", "aac", "-b:a", "24k", "-ac", "1",
                "-movflags", "+faststart", "-map_metadata", "-1", "-fflags", "+bitexact",
                str(video_path(course["slug"], lesson_slug)),
            ],
            check=True,
            capture_output=True,
        )  # fmt: skip
    return format_vtt(timed)


def regenerate(only_course: str | None = None) -> list[tuple[Path, float, int]]:
    """Make every course video again and write the measured captions back into the course files.

    Returns (video file, seconds, bytes) per video."""
    tools = require_tools()
    made = []
    for path in course_files():
        course = json.loads(path.read_text(encoding="utf-8"))
        if only_course and course["slug"] != only_course:
            continue
        for lesson_slug, block in video_blocks(course):
            block["captions_vtt"] = render_video(course, lesson_slug, block, tools)
            video = video_path(course["slug"], lesson_slug)
            data = video.read_bytes()
            made.append((video, mp4_duration(data), len(data)))
        # The repository's JSON style: two spaces, real accented letters, a final newline.
        path.write_text(json.dumps(course, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return made
