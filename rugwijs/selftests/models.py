from django.core.exceptions import ValidationError
from django.db import models
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models.panels import CommentPanelPlaceholder
from wagtail.search import index

from rugwijs.core.blocks import RICH_TEXT_FEATURES
from rugwijs.core.models import BasePage

from . import engine
from .block_errors import validation_errors
from .blocks import QUESTION_BLOCKS, PointRuleBlock, ReferenceInput, ResultBlock, ResultRuleBlock, ScaleBlock
from .form_answers import form_questions
from .forms import SelfTestPageForm


class SelfTestIndexPage(BasePage):
    intro = models.TextField(_("intro"), blank=True)

    content_panels = BasePage.content_panels + [FieldPanel("intro")]
    subpage_types = ["selftests.SelfTestPage"]
    max_count = 1

    class Meta:
        verbose_name = _("self-test overview")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["tests"] = SelfTestPage.objects.live().public().child_of(self)
        return context


class SelfTestPage(BasePage):
    intro = models.TextField(_("intro"))
    minutes = models.PositiveSmallIntegerField(_("estimated minutes"), default=2)
    sources = RichTextField(_("sources"), features=RICH_TEXT_FEATURES, blank=True)
    # Questions and results open collapsed, as a list of their wording: a test has dozens of them, and the
    # browser lays out none of their fields until the editor opens one (or one has an error).
    questions = StreamField(QUESTION_BLOCKS, verbose_name=_("questions"), collapsed=True)
    scales = StreamField([("scale", ScaleBlock())], verbose_name=_("scales"), blank=True)
    point_rules = StreamField(
        [("rule", PointRuleBlock())],
        verbose_name=_("extra points"),
        blank=True,
        help_text=_("Points that depend on a combination of answers."),
    )
    result_rules = StreamField(
        [("rule", ResultRuleBlock())],
        verbose_name=_("result rules"),
        blank=True,
        help_text=_("Tried from top to bottom; the first rule that holds gives the result."),
    )
    results = StreamField([("result", ResultBlock())], verbose_name=_("results"), collapsed=True)
    default_result = models.CharField(
        _("default result"), max_length=60, help_text=_("The result given when no rule holds.")
    )
    spoed_result = models.CharField(
        _("spoed result"),
        max_length=60,
        blank=True,
        help_text=_("Given whenever any answer raises a 'spoed' alarm, whatever the other answers."),
    )
    vandaag_result = models.CharField(
        _("vandaag result"),
        max_length=60,
        blank=True,
        help_text=_("Given for a 'vandaag' alarm when no answer raises 'spoed'. Needed when any answer can raise one."),
    )
    binnenkort_result = models.CharField(
        _("binnenkort result"),
        max_length=60,
        blank=True,
        help_text=_(
            "Given for a 'binnenkort' alarm when no stronger alarm is raised. Without one, the rules decide and "
            "the result adds the advice to see the GP within a few days."
        ),
    )

    content_panels = BasePage.content_panels + [
        FieldPanel("intro"),
        FieldPanel("minutes"),
        FieldPanel("questions"),
        FieldPanel("scales"),
        FieldPanel("point_rules"),
        FieldPanel("result_rules"),
        FieldPanel("results"),
        MultiFieldPanel(
            [
                FieldPanel(name, widget=ReferenceInput("result"))
                for name in ("default_result", "spoed_result", "vandaag_result", "binnenkort_result")
            ],
            heading=_("Special results"),
        ),
        FieldPanel("sources"),
    ]
    # No editor comments on self-tests: they hang a comment button and its script on each of the hundreds
    # of fields a test has, which made the editor take seconds to open. Articles keep them.
    settings_panels = [panel for panel in BasePage.settings_panels if not isinstance(panel, CommentPanelPlaceholder)]
    search_fields = BasePage.search_fields + [
        index.SearchField("title", boost=2),
        index.SearchField("intro", boost=1.5),
    ]
    parent_page_types = ["selftests.SelfTestIndexPage"]
    subpage_types = []
    base_form_class = SelfTestPageForm
    # The fields the test's definition is made of (definition_dict); clean() checks them together unless
    # the admin form turns `check_definition` off because it refused one of them.
    definition_fields = (
        "questions",
        "scales",
        "point_rules",
        "result_rules",
        "results",
        "default_result",
        "spoed_result",
        "vandaag_result",
        "binnenkort_result",
    )
    check_definition = True

    class Meta:
        verbose_name = _("self-test")

    def clean(self):
        """Refuse a test that would misbehave, with each problem at the field it is about."""
        super().clean()
        if self.check_definition:
            found = engine.problems(engine.Definition.from_dict(self.definition_dict()))
            if found:
                raise ValidationError(validation_errors(self, found))

    def definition_dict(self) -> dict:
        """The test in the interchange format of demo/content/SELFTESTS.md (without wording of results)."""
        return {
            "questions": [child.block.to_engine_dict(child.value, child.block_type) for child in self.questions],
            "scales": [{"key": child.value["key"], "label": child.value["label"]} for child in self.scales],
            "point_rules": [
                {
                    "scale": child.value["scale"],
                    "points": float(child.value["points"]),
                    "conditions": child.block.child_blocks["conditions"].to_engine_list(child.value["conditions"]),
                }
                for child in self.point_rules
            ],
            "result_rules": [
                {
                    "result": child.value["result"],
                    "conditions": child.block.child_blocks["conditions"].to_engine_list(child.value["conditions"]),
                }
                for child in self.result_rules
            ],
            "results": [{"key": child.value["key"]} for child in self.results],
            "default_result": self.default_result,
            "spoed_result": self.spoed_result,
            "vandaag_result": self.vandaag_result,
            "binnenkort_result": self.binnenkort_result,
        }

    @cached_property
    def definition(self) -> engine.Definition:
        return engine.Definition.from_dict(self.definition_dict())

    @cached_property
    def scale_labels(self) -> dict[str, str]:
        return {child.value["key"]: child.value["label"] for child in self.scales}

    def get_context(self, request, *args, answers=None, errors=None, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        errors = errors or {}
        context["questions"] = form_questions(self.definition, answers or {}, errors)
        context["errors"] = errors
        context["question_count"] = len(self.definition.questions)
        return context

    def result(self, key: str):
        return next((child.value for child in self.results if child.value["key"] == key), None)


class SelfTestResultCount(models.Model):
    """How often a test gave a result on a day. The only trace a test leaves: never any answers."""

    page = models.ForeignKey(
        SelfTestPage, verbose_name=_("self-test"), on_delete=models.CASCADE, related_name="result_counts"
    )
    result = models.CharField(_("result"), max_length=60)
    day = models.DateField(_("day"))
    count = models.PositiveIntegerField(_("count"), default=0)

    # Counts refer to their test page, but nobody needs "used by" entries for them.
    wagtail_reference_index_ignore = True

    class Meta:
        constraints = [models.UniqueConstraint(fields=["page", "result", "day"], name="one_count_per_result_per_day")]
        ordering = ["-day", "page", "result"]
        verbose_name = _("self-test result count")
        verbose_name_plural = _("self-test result counts")

    def __str__(self):
        return f"{self.page} {self.result} {self.day}: {self.count}"
