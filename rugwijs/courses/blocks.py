"""What a lesson is built from: text, images, files, video, an exercise or self-test, and a quiz with feedback."""

from urllib.parse import parse_qs, urlsplit

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks import StructBlockValidationError
from wagtail.documents.blocks import DocumentChooserBlock
from wagtailmedia.blocks import VideoChooserBlock

from rugwijs.core.blocks import CalloutBlock, FigureBlock, LinkingBlockMixin, ParagraphBlock, SubheadingBlock
from rugwijs.core.links import url_for


def external_embed(address: str) -> tuple[str, str] | None:
    """The privacy-friendly embed address and the provider's name for a video page on YouTube or Vimeo.

    Only these two: each embed is a third-party request the learner agrees to by clicking, so the
    notice must be able to name who receives it.
    """
    parts = urlsplit(address)
    host = (parts.hostname or "").removeprefix("www.").removeprefix("m.")
    video_id = ""
    if host in ("youtube.com", "youtube-nocookie.com"):
        if parts.path == "/watch":
            video_id = parse_qs(parts.query).get("v", [""])[0]
        elif parts.path.startswith(("/embed/", "/shorts/")):
            video_id = parts.path.split("/")[2]
    elif host == "youtu.be":
        video_id = parts.path.lstrip("/")
    if video_id:
        valid = video_id.isascii() and video_id.replace("-", "").replace("_", "").isalnum()
        return (f"https://www.youtube-nocookie.com/embed/{video_id}", "YouTube") if valid else None
    if host in ("vimeo.com", "player.vimeo.com"):
        number = parts.path.rstrip("/").rsplit("/", 1)[-1]
        if number.isdigit():
            return f"https://player.vimeo.com/video/{number}?dnt=1", "Vimeo"
    return None


def origin_of(address: str) -> str:
    parts = urlsplit(address)
    return f"{parts.scheme}://{parts.netloc}"


class DocumentBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("document"))
    title = blocks.CharBlock(label=_("title"), max_length=120)
    description = blocks.TextBlock(label=_("what it is for"), max_length=300, required=False)

    class Meta:
        icon = "doc-full"
        label = _("Download")
        template = "courses/blocks/document_block.html"
        description = _("A worksheet or handout; only learners of the course can download it.")

    def clean(self, value):
        value = super().clean(value)
        document = value.get("document")
        if document is not None and not document.collection.get_view_restrictions().exists():
            # Wagtail serves every document at /documents/<id>/ unless its collection is private.
            raise StructBlockValidationError(
                {
                    "document": ValidationError(
                        _(
                            "This document is in a collection anyone can download from. Move it to a private "
                            "collection (such as 'Cursusmateriaal') so only learners get it."
                        )
                    )
                }
            )
        return value


class VideoBlock(blocks.StructBlock):
    video = VideoChooserBlock(label=_("video"))
    description = blocks.TextBlock(
        label=_("short description"), max_length=300, help_text=_("Shown above the video, and read out.")
    )

    class Meta:
        icon = "media"
        label = _("Video")
        template = "courses/blocks/video_block.html"
        description = _("A video from the media library, with captions, played on this site.")

    def clean(self, value):
        value = super().clean(value)
        video = value.get("video")
        if video is not None and not video.captions:
            raise StructBlockValidationError(
                {"video": ValidationError(_("This video has no captions file yet; add one in Media first."))}
            )
        return value


class ExternalVideoBlock(blocks.StructBlock):
    url = blocks.URLBlock(label=_("address of the video"), help_text=_("A video page on YouTube or Vimeo."))
    title = blocks.CharBlock(label=_("title"), max_length=120)
    description = blocks.TextBlock(label=_("short description"), max_length=300)

    class Meta:
        icon = "link-external"
        label = _("Video from elsewhere")
        template = "courses/blocks/external_video_block.html"
        description = _("A YouTube or Vimeo video that loads only after the learner agrees.")

    def clean(self, value):
        value = super().clean(value)
        if value.get("url") and external_embed(value["url"]) is None:
            raise StructBlockValidationError(
                {"url": ValidationError(_("Use the address of one video on YouTube or Vimeo."))}
            )
        return value

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        context["embed_url"], context["provider"] = external_embed(value["url"]) or ("", "")
        request = (parent_context or {}).get("request")
        block_id = (parent_context or {}).get("block_id", "")
        # Without JavaScript, the learner's click reloads the lesson with ?video=<block id>.
        context["load_requested"] = bool(block_id) and request is not None and request.GET.get("video") == block_id
        return context


class SelfTestBlock(LinkingBlockMixin, blocks.StructBlock):
    page = blocks.PageChooserBlock(label=_("self-test"), page_type="selftests.SelfTestPage")
    text = blocks.TextBlock(label=_("why take it now"), max_length=300)

    class Meta:
        icon = "tasks"
        label = _("Self-test")
        template = "courses/blocks/selftest_block.html"
        description = _("Invites the learner to take one of the site's self-tests.")

    def target_url(self, value) -> str:
        return url_for(value.get("page"))


class ExerciseBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("name of the exercise"), max_length=120)
    steps = blocks.ListBlock(blocks.CharBlock(label=_("step"), max_length=300), label=_("steps"), min_num=1)
    dose = blocks.CharBlock(
        label=_("how often"), max_length=160, required=False, help_text=_("For example '5 times, twice a day'.")
    )
    stop_when = blocks.CharBlock(
        label=_("stop when"),
        max_length=300,
        required=False,
        help_text=_("When to stop and what to do then, for example when pain shoots into the leg."),
    )

    class Meta:
        icon = "pick"
        label = _("Exercise")
        template = "courses/blocks/exercise_block.html"
        description = _("An exercise in numbered steps, with how often and when to stop.")


class QuizAnswerBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("answer"), max_length=200)
    correct = blocks.BooleanBlock(label=_("correct"), required=False)
    feedback = blocks.TextBlock(label=_("feedback"), max_length=500, help_text=_("Shown when this answer is chosen."))


class QuizQuestionBlock(blocks.StructBlock):
    question = blocks.CharBlock(label=_("question"), max_length=300)
    answers = blocks.ListBlock(QuizAnswerBlock(), label=_("answers"), min_num=2, max_num=6)

    def clean(self, value):
        value = super().clean(value)
        if not any(answer["correct"] for answer in value["answers"]):
            raise StructBlockValidationError({"answers": ValidationError(_("Mark at least one answer as correct."))})
        return value


class QuizBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("title"), max_length=120, default="Test jezelf")
    questions = blocks.ListBlock(QuizQuestionBlock(), label=_("questions"), min_num=1, max_num=10)

    class Meta:
        icon = "help"
        label = _("Quiz")
        template = "courses/blocks/quiz_block.html"
        description = _("A few questions; the learner sees the feedback you wrote for each answer they pick.")

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        request = (parent_context or {}).get("request")
        block_id = (parent_context or {}).get("block_id", "")
        submitted = request is not None and bool(block_id) and request.GET.get("quiz") == block_id
        context["block_id"] = block_id
        context["submitted"] = submitted
        context["questions"] = quiz_questions(value, request.GET if submitted else {})
        if submitted:
            context["score"] = sum(1 for question in context["questions"] if question["is_correct"])
        return context


def quiz_questions(value, answers) -> list[dict]:
    """Each question with its answers, the one chosen (if any, from the submitted form) and whether it is right.

    A missing, non-numeric or out-of-range choice counts as no answer, never as an error.
    """
    questions = []
    for q_index, question in enumerate(value["questions"], start=1):
        raw = answers.get(f"v{q_index}", "")
        choices = list(question["answers"])
        chosen = int(raw) if raw.isdigit() and 1 <= int(raw) <= len(choices) else None
        chosen_answer = choices[chosen - 1] if chosen else None
        questions.append(
            {
                "number": q_index,
                "question": question["question"],
                "answers": [(a_index, answer["text"]) for a_index, answer in enumerate(choices, start=1)],
                "chosen": chosen,
                "is_correct": bool(chosen_answer and chosen_answer["correct"]),
                "feedback": chosen_answer["feedback"] if chosen_answer else "",
            }
        )
    return questions


class LessonSubheadingBlock(SubheadingBlock):
    """A lesson has no sections: its own headings sit right below the title, at level 2."""

    level = blocks.ChoiceBlock(
        label=_("level"),
        choices=[("h2", _("Level 2 (below the lesson title)")), ("h3", _("Level 3"))],
        default="h2",
        help_text=_("Screen readers use levels to navigate; pick the level that matches the structure."),
    )

    class Meta:
        template = "courses/blocks/subheading_block.html"
        preview_value = {"text": "Wat kun je zelf doen?", "level": "h2"}


class LessonBodyBlock(blocks.StreamBlock):
    paragraph = ParagraphBlock()
    subheading = LessonSubheadingBlock()
    figure = FigureBlock()
    callout = CalloutBlock()
    document = DocumentBlock()
    video = VideoBlock()
    external_video = ExternalVideoBlock()
    exercise = ExerciseBlock()
    selftest = SelfTestBlock()
    quiz = QuizBlock()
