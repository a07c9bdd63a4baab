"""The course pages editors build in the page tree: catalogue › course › module › lesson."""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.db import models
from django.template.response import TemplateResponse
from django.utils.cache import add_never_cache_headers
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel, PageChooserPanel
from wagtail.fields import StreamField
from wagtail.models import Orderable
from wagtail.search import index

from rugwijs.core.blocks import ParagraphBlock
from rugwijs.core.models import BasePage

from .. import schedule
from ..blocks import LessonBodyBlock, external_embed, origin_of
from ..forms import CourseModulePageForm
from .learner import LearnerCourse

# A course costs at most € 10,000: a typing slip of a few zeros is caught before it reaches a payment.
MAX_PRICE_CENTS = 1_000_000


class CourseIndexPage(BasePage):
    """The catalogue: every published course, with what it costs and how long it takes."""

    intro = models.TextField(_("intro"), blank=True)

    content_panels = BasePage.content_panels + [FieldPanel("intro")]
    subpage_types = ["courses.CoursePage"]
    max_count = 1

    class Meta:
        verbose_name = _("course catalogue")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["courses"] = CoursePage.objects.live().public().child_of(self).select_related("listing_image")
        return context


class FaqItemBlock(blocks.StructBlock):
    question = blocks.CharBlock(label=_("question"), max_length=200)
    answer = ParagraphBlock(label=_("answer"))

    class Meta:
        icon = "help"
        label = _("Question")


class CoursePage(BasePage):
    intro = models.TextField(_("intro"), help_text=_("What the course is about, in two or three sentences."))
    audience = StreamField(
        [("item", blocks.CharBlock(label=_("who"), max_length=200))],
        verbose_name=_("for whom"),
        blank=True,
    )
    outcomes = StreamField(
        [("item", blocks.CharBlock(label=_("what"), max_length=200))],
        verbose_name=_("what you learn"),
        blank=True,
    )
    duration = models.CharField(
        _("duration"), max_length=120, help_text=_("For example '6 lessons of 10 minutes, in your own time'.")
    )
    price_cents = models.PositiveIntegerField(
        _("price in cents"),
        default=0,
        validators=[MaxValueValidator(MAX_PRICE_CENTS)],
        help_text=_("0 makes the course free. 4900 is € 49,00, VAT included."),
    )
    faq = StreamField([("question", FaqItemBlock())], verbose_name=_("frequently asked questions"), blank=True)

    content_panels = BasePage.content_panels + [
        FieldPanel("intro"),
        MultiFieldPanel([FieldPanel("audience"), FieldPanel("outcomes")], heading=_("For whom, and what they learn")),
        MultiFieldPanel([FieldPanel("duration"), FieldPanel("price_cents")], heading=_("Duration and price")),
        InlinePanel("teachers", label=_("Teachers"), min_num=1),
        FieldPanel("faq"),
    ]
    search_fields = BasePage.search_fields + [index.SearchField("intro")]
    parent_page_types = ["courses.CourseIndexPage"]
    subpage_types = ["courses.CourseModulePage"]

    class Meta:
        verbose_name = _("course")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["learner"] = LearnerCourse(self, request.user)
        return context

    @property
    def is_free(self) -> bool:
        return self.price_cents == 0

    @cached_property
    def outline(self) -> list[tuple["CourseModulePage", list["LessonPage"]]]:
        """The published modules in their order, each with its published lessons (two queries)."""
        modules = list(CourseModulePage.objects.live().public().child_of(self).order_by("path"))
        lessons = LessonPage.objects.live().public().descendant_of(self).order_by("path")
        by_module = {module.path: [] for module in modules}
        for lesson in lessons:
            by_module.get(lesson.path[: -lesson.steplen], []).append(lesson)
        return [(module, by_module[module.path]) for module in modules]

    @cached_property
    def schedule_modules(self) -> list[schedule.Module]:
        return [
            schedule.Module(
                id=module.pk,
                title=module.title,
                lesson_ids=tuple(lesson.pk for lesson in lessons),
                opens_after_days=module.opens_after_days,
                required_module_id=module.required_module_id,
            )
            for module, lessons in self.outline
        ]

    @cached_property
    def lessons(self) -> dict[int, "LessonPage"]:
        return {lesson.pk: lesson for _module, lessons in self.outline for lesson in lessons}

    @property
    def lesson_count(self) -> int:
        return len(self.lessons)

    @cached_property
    def teacher_people(self) -> list:
        return [teacher.person for teacher in self.teachers.select_related("person", "person__photo")]


class CourseTeacher(Orderable):
    course = ParentalKey(CoursePage, on_delete=models.CASCADE, related_name="teachers")
    person = models.ForeignKey(
        "people.PersonPage", verbose_name=_("person"), on_delete=models.CASCADE, related_name="courses_taught"
    )

    panels = [PageChooserPanel("person", "people.PersonPage")]

    class Meta(Orderable.Meta):
        verbose_name = _("teacher")


class CourseModulePage(BasePage):
    intro = models.TextField(_("intro"), blank=True)
    opens_after_days = models.PositiveSmallIntegerField(
        _("opens after (days)"),
        default=0,
        validators=[MaxValueValidator(365)],
        help_text=_("Days after enrolment before this module opens. 0 opens it at once."),
    )
    required_module = models.ForeignKey(
        "courses.CourseModulePage",
        verbose_name=_("finish this module first"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("An earlier module of this course whose lessons must all be done before this one opens."),
    )

    content_panels = BasePage.content_panels + [
        FieldPanel("intro"),
        MultiFieldPanel(
            [FieldPanel("opens_after_days"), PageChooserPanel("required_module", "courses.CourseModulePage")],
            heading=_("When it opens"),
        ),
    ]
    base_form_class = CourseModulePageForm
    parent_page_types = ["courses.CoursePage"]
    subpage_types = ["courses.LessonPage"]

    class Meta:
        verbose_name = _("course module")

    @cached_property
    def course(self) -> CoursePage:
        return CoursePage.objects.ancestor_of(self).get()

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        learner = LearnerCourse(self.course, request.user)
        context["learner"] = learner
        context["module_rows"] = [row for row in learner.outline() if row["module"].pk == self.pk]
        return context

    def clean(self):
        super().clean()
        if self.required_module_id and self.required_module_id == self.pk:
            raise ValidationError({"required_module": _("A module cannot wait for itself.")})


class LessonPage(BasePage):
    intro = models.TextField(_("intro"), blank=True)
    minutes = models.PositiveSmallIntegerField(_("minutes"), default=10, validators=[MaxValueValidator(240)])
    free_preview = models.BooleanField(
        _("free preview"),
        default=False,
        help_text=_("Anyone can read this lesson, also without enrolling; its files and videos too."),
    )
    body = StreamField(LessonBodyBlock(), verbose_name=_("lesson"))

    content_panels = BasePage.content_panels + [
        FieldPanel("intro"),
        MultiFieldPanel([FieldPanel("minutes"), FieldPanel("free_preview")], heading=_("About this lesson")),
        FieldPanel("body"),
    ]
    search_fields = BasePage.search_fields + [index.SearchField("intro")]
    parent_page_types = ["courses.CourseModulePage"]
    subpage_types = []

    class Meta:
        verbose_name = _("lesson")

    @cached_property
    def module(self) -> CourseModulePage:
        return CourseModulePage.objects.parent_of(self).get()

    @cached_property
    def course(self) -> CoursePage:
        return CoursePage.objects.ancestor_of(self).get()

    @property
    def learners_only(self) -> bool:
        return not self.free_preview

    def get_sitemap_urls(self, request=None):
        # A lesson for learners only answers 403 to a search engine: no use listing it.
        return [] if self.learners_only else super().get_sitemap_urls(request)

    def serve(self, request, *args, **kwargs):
        """The lesson for those who may open it; for anyone else a page that says why not and what to do.

        Never stored by a proxy: what it shows depends on who asks.
        """
        learner = LearnerCourse(self.course, request.user)
        access = learner.lesson_access(self)
        if access.allowed:
            enrolment = learner.enrolment if learner.is_enrolled else None
            if enrolment is not None and enrolment.last_lesson_id != self.pk:
                type(enrolment).objects.filter(pk=enrolment.pk).update(last_lesson=self)
            response = super().serve(request, *args, learner=learner, **kwargs)
            if frame_origin := self.requested_embed_origin(request):
                # Only this answer may frame the provider the learner chose to load (django-csp).
                response._csp_update = {"frame-src": [frame_origin]}
        else:
            context = {"page": self, "course": self.course, "learner": learner, "access": access}
            response = TemplateResponse(request, "courses/lesson_locked.html", context, status=403)
        add_never_cache_headers(response)
        return response

    def get_context(self, request, *args, learner=None, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        learner = learner or LearnerCourse(self.course, request.user)
        context["learner"] = learner
        context["course"] = self.course
        context["previous_lesson"], context["next_lesson"] = learner.neighbours(self)
        context["is_done"] = self.pk in learner.completed
        module = learner.module_of(self)
        context["module_progress"] = learner.module_progress(module.id) if module else None
        return context

    def requested_embed_origin(self, request) -> str:
        block_id = request.GET.get("video", "")
        for block in self.body:
            if block.block_type == "external_video" and block.id == block_id:
                embed = external_embed(block.value["url"])
                return origin_of(embed[0]) if embed else ""
        return ""

    def _chosen_ids(self, block_type: str, field: str) -> set[int]:
        # A chosen item deleted since is None in the block's value.
        return {block.value[field].pk for block in self.body if block.block_type == block_type and block.value[field]}

    def uses_document(self, document_id: int) -> bool:
        """Only files the lesson shows are served through it, so a lesson id cannot unlock any other file."""
        return document_id in self._chosen_ids("document", "document")

    def uses_video(self, video_id: int) -> bool:
        return video_id in self._chosen_ids("video", "video")

    def quiz(self, block_id: str):
        return next((b for b in self.body if b.block_type == "quiz" and b.id == block_id), None)
