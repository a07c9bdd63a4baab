"""Blocks an editor builds a self-test from: questions, scales, rules and results.

Each question, option, scale and result has a key that stays the same when its wording changes; rules
and the JSON API refer to those keys. Editors never type a key to refer to something: reference fields
render as text inputs that the admin script (static/selftests/admin/editor.js) turns into lists of what
the test itself holds. Keys are made from the wording when left empty and sit under "Advanced".
"""

import copy
import re
import unicodedata

from django import forms
from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.struct_block import BlockGroup
from wagtail.models import Page

from rugwijs.core import urgency
from rugwijs.core.blocks import RICH_TEXT_FEATURES

from . import engine
from .form_answers import form_questions

KEY_MAX_LENGTH = engine.KEY_MAX_LENGTH
key_validator = RegexValidator(r"^[a-z0-9_]+$", _("Use lower-case letters, digits and underscores."))


def make_key(text: str) -> str:
    """A key from wording, as the admin script makes it: 'Pijn in één been?' -> 'pijn_in_een_been'."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "_", ascii_text).strip("_")[:KEY_MAX_LENGTH].rstrip("_")


def KeyBlock(**kwargs):  # noqa: N802 - reads like the other block classes
    return blocks.CharBlock(max_length=KEY_MAX_LENGTH, validators=[key_validator], **kwargs)


class ReferenceInput(forms.TextInput):
    """A text input holding key(s) of something in this test; the admin script shows it as a list to pick from.

    kind: "question", "earlier_question", "options" (comma-separated keys of the question named in the sibling
    field `question_field`), "scale" or "result". Without the script it stays a plain text input.
    """

    def __init__(self, kind: str, question_field: str = "", attrs=None):
        attrs = {
            "data-controller": "rugwijs-reference",
            "data-rugwijs-reference-kind-value": kind,
            "data-rugwijs-reference-empty-value": _("Choose…"),
            "data-rugwijs-reference-unknown-value": _("Unknown: %(key)s"),
            **(attrs or {}),
        }
        if question_field:
            attrs["data-rugwijs-reference-question-field-value"] = question_field
            attrs["data-rugwijs-reference-no-question-value"] = _("Choose the question first.")
            attrs["data-rugwijs-reference-yes-value"] = _("Yes")
            attrs["data-rugwijs-reference-no-value"] = _("No")
        super().__init__(attrs)


class ReferenceBlock(blocks.FieldBlock):
    """The key (or comma-separated keys) of a question, option, scale or result of this test."""

    def __init__(self, kind: str, question_field: str = "", required=True, help_text=None, validators=(), **kwargs):
        self.field = forms.CharField(
            required=required,
            max_length=300 if kind == "options" else KEY_MAX_LENGTH,
            help_text=help_text,
            validators=validators,
            widget=ReferenceInput(kind, question_field),
        )
        super().__init__(**kwargs)

    def get_searchable_content(self, value):
        return []


class KeyedBlock(blocks.StructBlock):
    """A struct with a `key` made from another child (Meta.key_source) when the editor leaves it empty.

    The key sits in a collapsed "Advanced" group at the end, so editors see the wording first.
    """

    def get_form_layout(self):
        names = [name for name in self.child_blocks if name != "key"]
        advanced = BlockGroup(["key"], heading=_("Advanced"), classname="collapsed", icon="cog")
        return BlockGroup([*names, advanced])

    def clean(self, value):
        value = super().clean(value)
        if not value.get("key"):
            value["key"] = make_key(str(value.get(self.meta.key_source) or ""))
        return value

    class Meta:
        key_source = "label"


def OptionalKeyBlock(**kwargs):  # noqa: N802
    kwargs.setdefault("help_text", _("Made from the wording when left empty. Rules refer to it: change with care."))
    return KeyBlock(required=False, **kwargs)


ALARM_CHOICES = [("", _("No alarm")), *urgency.choices(urgency.ALARM_LEVELS)]


class PointsBlock(blocks.StructBlock):
    scale = ReferenceBlock("scale", label=_("scale"))
    points = blocks.DecimalBlock(label=_("points"), decimal_places=2)

    class Meta:
        icon = "plus"
        label = _("Points")
        description = _("Points this answer adds to a scale.")
        preview_value = {"scale": "zenuw", "points": 1}


class OptionBlock(KeyedBlock):
    key = OptionalKeyBlock(label=_("key"))
    label = blocks.CharBlock(label=_("label"), max_length=200)
    points = blocks.ListBlock(PointsBlock(), label=_("points to scales"), default=[])
    alarm = blocks.ChoiceBlock(label=_("alarm"), choices=ALARM_CHOICES, required=False)

    class Meta:
        icon = "radio-full"
        label = _("Option")
        label_format = "{label}"
        key_source = "label"
        description = _("An answer the reader can choose.")
        preview_value = {"label": "Alleen in mijn rug", "points": [], "alarm": ""}


class YesNoAnswerBlock(blocks.StructBlock):
    points = blocks.ListBlock(PointsBlock(), label=_("points to scales"), default=[])
    alarm = blocks.ChoiceBlock(label=_("alarm"), choices=ALARM_CHOICES, required=False)

    class Meta:
        icon = "radio-full"
        description = _("What this answer adds to scales, and whether it is an alarm sign.")
        preview_value = {"points": [], "alarm": ""}


class BodyRegionOptionBlock(OptionBlock):
    key = blocks.ChoiceBlock(label=_("region"), choices=[(region, region) for region in engine.BODY_REGIONS])

    def get_form_layout(self):
        return BlockGroup(list(self.child_blocks))  # the region is what the reader points at, not a hidden key


class QuestionBlock(KeyedBlock):
    key = OptionalKeyBlock(label=_("key"))
    text = blocks.CharBlock(label=_("question"), max_length=300)
    help = blocks.CharBlock(label=_("explanation"), max_length=300, required=False)
    required = blocks.BooleanBlock(label=_("required"), required=False, default=True)
    show_when_question = ReferenceBlock(
        "earlier_question",
        label=_("only show when question"),
        required=False,
        help_text=_("Leave empty to always show this question."),
    )
    show_when_options = ReferenceBlock(
        "options", question_field="show_when_question", label=_("has one of these answers"), required=False
    )

    class Meta:
        icon = "help"
        label_format = "{text}"  # collapsed blocks show which question they are
        key_source = "text"
        preview_template = "selftests/blocks/question_preview.html"
        description = _("A question of the test.")

    def get_preview_context(self, value, parent_context=None):
        """The question as readers get it, from the same template as the test page."""
        context = super().get_preview_context(value, parent_context)
        value = {**{name: child.get_default() for name, child in self.child_blocks.items()}, **dict(value)}
        question = self.to_engine_dict(value, self.name or engine.SINGLE)
        context["item"] = form_questions(engine.Definition.from_dict({"questions": [question]}), {}, {})[0]
        return context

    # The engine's names (engine.Problem.path) of fields that have another name here.
    engine_paths = {
        ("show_when", "question"): ("show_when_question",),
        ("show_when", "options"): ("show_when_options",),
        ("min",): ("minimum",),
        ("max",): ("maximum",),
    }

    def error_path(self, value, path: tuple) -> tuple:
        """Where in this block's value a problem at `path` (the engine's path within the question) shows."""
        for engine_path, block_path in self.engine_paths.items():
            if path[: len(engine_path)] == engine_path:
                return block_path + path[len(engine_path) :]
        return path

    def to_engine_dict(self, value, kind: str) -> dict:
        data = {"key": value["key"], "type": kind, "text": value["text"], "help": value["help"]}
        data["required"] = bool(value["required"])
        if value["show_when_question"]:
            options = [part.strip() for part in value["show_when_options"].split(",") if part.strip()]
            data["show_when"] = {"question": value["show_when_question"], "options": options}
        return data


def _option_error_path(option, path: tuple) -> tuple:
    """An option's engine path ("points", scale) leads to the first line of its points list with that scale."""
    if path[:1] == ("points",) and len(path) == 2:
        lines = [item["scale"] for item in option["points"]]
        return ("points", lines.index(path[1]), "scale") if path[1] in lines else ("points",)
    return path


def _option_dict(option) -> dict:
    return {
        "key": option["key"],
        "label": option["label"],
        "points": {item["scale"]: float(item["points"]) for item in option["points"]},
        "alarm": option["alarm"] or "",
    }


class YesNoQuestionBlock(QuestionBlock):
    yes = YesNoAnswerBlock(label=_("when the answer is yes"))
    no = YesNoAnswerBlock(label=_("when the answer is no"))

    class Meta:
        label = _("Yes / no")
        description = _("A question answered with yes or no (keys 'ja' and 'nee').")
        preview_value = {"key": "voorbeeld", "text": "Tintelt of slaapt je voet?", "required": True}

    def error_path(self, value, path):
        if path[:1] == ("options",) and len(path) > 1:  # option 0 is "ja", 1 is "nee"
            answer = ("yes", "no")[path[1]]
            return (answer, *_option_error_path(value[answer], path[2:]))
        return super().error_path(value, path)

    def to_engine_dict(self, value, kind):
        data = super().to_engine_dict(value, kind)
        data["options"] = [
            _option_dict({"key": "ja", "label": "Ja", **value["yes"]}),
            _option_dict({"key": "nee", "label": "Nee", **value["no"]}),
        ]
        return data


class ChoiceQuestionBlock(QuestionBlock):
    options = blocks.ListBlock(OptionBlock(), label=_("options"), min_num=2)

    def error_path(self, value, path):
        if path[:1] == ("options",) and len(path) > 1:
            return ("options", path[1], *_option_error_path(value["options"][path[1]], path[2:]))
        return super().error_path(value, path)

    def to_engine_dict(self, value, kind):
        data = super().to_engine_dict(value, kind)
        data["options"] = [_option_dict(option) for option in value["options"]]
        return data


class SingleChoiceQuestionBlock(ChoiceQuestionBlock):
    class Meta:
        label = _("Single choice")
        description = _("The reader picks one option.")
        preview_value = {
            "key": "voorbeeld",
            "text": "Waar voel je de pijn het meest?",
            "required": True,
            "options": [
                {"key": "rug", "label": "Alleen in mijn rug", "points": [], "alarm": ""},
                {"key": "been", "label": "Ook in mijn been", "points": [], "alarm": ""},
                {"key": "voet", "label": "Tot in mijn voet", "points": [], "alarm": ""},
            ],
        }


class MultipleChoiceQuestionBlock(ChoiceQuestionBlock):
    class Meta:
        label = _("Multiple choice")
        description = _("The reader picks any number of options.")
        preview_value = {
            "key": "voorbeeld",
            "text": "Waar voel je de pijn het meest?",
            "required": True,
            "options": [
                {"key": "rug", "label": "Alleen in mijn rug", "points": [], "alarm": ""},
                {"key": "been", "label": "Ook in mijn been", "points": [], "alarm": ""},
                {"key": "voet", "label": "Tot in mijn voet", "points": [], "alarm": ""},
            ],
        }


class BodyMapQuestionBlock(ChoiceQuestionBlock):
    options = blocks.ListBlock(BodyRegionOptionBlock(), label=_("regions"), min_num=1)

    class Meta:
        label = _("Body map")
        icon = "user"
        description = _(
            "The reader points out where it hurts on a drawing of the body (checkboxes without JavaScript)."
        )
        preview_value = {
            "key": "voorbeeld",
            "text": "Waar heb je pijn?",
            "required": True,
            "options": [
                {"key": region, "label": label, "points": [], "alarm": ""}
                for region, label in [("onderrug", "Onderrug"), ("bil", "Bil"), ("bovenbeen", "Bovenbeen")]
            ],
        }


class ScaleQuestionBlock(QuestionBlock):
    maximum = blocks.IntegerBlock(label=_("highest value"), min_value=1, max_value=10, default=4)
    min_label = blocks.CharBlock(label=_("meaning of 0"), max_length=60)
    max_label = blocks.CharBlock(label=_("meaning of the highest value"), max_length=60)
    scale = ReferenceBlock("scale", label=_("adds to scale"))
    reverse = blocks.BooleanBlock(label=_("count reversed"), required=False, help_text=_("Highest answer adds 0."))

    class Meta:
        label = _("Scale 0 to N")
        icon = "order"
        description = _("The reader picks a value from 0 to N; it is added to a scale.")
        preview_value = {
            "key": "voorbeeld",
            "text": "Hoe gespannen voelde je je de afgelopen week?",
            "required": True,
            "maximum": 4,
            "min_label": "helemaal niet",
            "max_label": "heel erg",
        }

    def to_engine_dict(self, value, kind):
        data = super().to_engine_dict(value, kind)
        data.update(
            max=value["maximum"],
            min_label=value["min_label"],
            max_label=value["max_label"],
            scale=value["scale"],
            reverse=bool(value["reverse"]),
        )
        return data


class NumberQuestionBlock(QuestionBlock):
    minimum = blocks.IntegerBlock(label=_("minimum"), default=0)
    maximum = blocks.IntegerBlock(label=_("maximum"))
    unit = blocks.CharBlock(label=_("unit"), max_length=30, required=False, help_text=_("For example 'weken'."))
    scale = ReferenceBlock("scale", label=_("adds to scale"), required=False)

    class Meta:
        label = _("Number")
        icon = "decimal"
        description = _("The reader types a number, for example a number of weeks.")
        preview_value = {
            "key": "voorbeeld",
            "text": "Hoeveel weken heb je al rugpijn?",
            "required": True,
            "minimum": 0,
            "maximum": 52,
            "unit": "weken",
        }

    def to_engine_dict(self, value, kind):
        data = super().to_engine_dict(value, kind)
        data.update(min=value["minimum"], max=value["maximum"], unit=value["unit"], scale=value["scale"])
        return data


QUESTION_BLOCKS = [
    (engine.YES_NO, YesNoQuestionBlock()),
    (engine.SINGLE, SingleChoiceQuestionBlock()),
    (engine.MULTIPLE, MultipleChoiceQuestionBlock()),
    (engine.BODY_MAP, BodyMapQuestionBlock()),
    (engine.SCALE, ScaleQuestionBlock()),
    (engine.NUMBER, NumberQuestionBlock()),
]


class ScaleBlock(KeyedBlock):
    key = OptionalKeyBlock(label=_("key"))
    label = blocks.CharBlock(label=_("name shown to readers"), max_length=80)

    class Meta:
        icon = "order"
        label = _("Scale")
        label_format = "{label}"
        key_source = "label"
        description = _("A score that answers add points to, for example 'Zenuw'.")
        preview_value = {"label": "Zenuw"}


class ConditionBlock(blocks.StructBlock):
    """One condition of a rule; its preview in the block picker reads as a sentence (Meta.sentence)."""

    def get_preview_context(self, value, parent_context=None):
        context = super().get_preview_context(value, parent_context)
        context["sentence"] = self.meta.sentence % dict(value)
        return context


class ScaleCompareBlock(ConditionBlock):
    scale = ReferenceBlock("scale", label=_("scale"))
    op = blocks.ChoiceBlock(label=_("is"), choices=[(op, op) for op in engine.OPERATORS], default=">=")
    value = blocks.DecimalBlock(label=_("value"), decimal_places=2)

    class Meta:
        label = _("Scale compared with a value")
        icon = "order"
        description = _("Holds when a scale's score is at least, at most or exactly a value.")
        preview_template = "selftests/blocks/condition_preview.html"
        preview_value = {"scale": "zenuw", "op": ">=", "value": 3}
        sentence = _("Score of scale '%(scale)s' %(op)s %(value)s")


class ScaleGreaterBlock(ConditionBlock):
    scale = ReferenceBlock("scale", label=_("scale"))
    other = ReferenceBlock("scale", label=_("is greater than scale"))

    class Meta:
        label = _("Scale greater than another scale")
        icon = "order-up"
        description = _("Holds when one scale scores higher than another.")
        preview_template = "selftests/blocks/condition_preview.html"
        preview_value = {"scale": "zenuw", "other": "spier"}
        sentence = _("Scale '%(scale)s' scores higher than scale '%(other)s'")


class OptionConditionBlock(ConditionBlock):
    question = ReferenceBlock("question", label=_("question"))
    options = ReferenceBlock("options", question_field="question", label=_("answers"))

    class Meta:
        icon = "radio-full"
        description = _("Holds depending on the answers chosen to a question.")
        preview_template = "selftests/blocks/condition_preview.html"
        preview_value = {"question": "pijn_plek", "options": "been, voet"}
        sentence = _("Question '%(question)s' answered with: %(options)s")


class ConditionsBlock(blocks.StreamBlock):
    scale_compare = ScaleCompareBlock()
    scale_greater = ScaleGreaterBlock()
    option_chosen = OptionConditionBlock(label=_("One of these options chosen"))
    option_not_chosen = OptionConditionBlock(label=_("None of these options chosen"))

    def to_engine_list(self, value) -> list[dict]:
        conditions = []
        for child in value:
            data = {"type": child.block_type, **dict(child.value)}
            if "options" in data:
                data["options"] = [part.strip() for part in data["options"].split(",") if part.strip()]
            if "value" in data:
                data["value"] = float(data["value"])
            conditions.append(data)
        return conditions


class PointRuleBlock(blocks.StructBlock):
    scale = ReferenceBlock("scale", label=_("add to scale"))
    points = blocks.DecimalBlock(label=_("points"), decimal_places=2)
    conditions = ConditionsBlock(label=_("when all of these hold"))

    class Meta:
        icon = "plus"
        label = _("Extra points")
        description = _("Points added to a scale when a combination of answers is given.")


class ResultRuleBlock(blocks.StructBlock):
    result = ReferenceBlock("result", label=_("give result"))
    conditions = ConditionsBlock(label=_("when all of these hold"))

    class Meta:
        icon = "arrow-right"
        label = _("Rule")
        description = _("Gives a result when all its conditions hold.")
        label_format = "→ {result}"


class RecommendedPageBlock(blocks.PageChooserBlock):
    """A page a result recommends: all of a test's arrive specific and with their parents in three queries.

    The admin's page chooser shows each page's specific title and opens at its parent, which cost two
    queries per page: over thirty for the largest demo test.
    """

    def bulk_to_python(self, values):
        pages = Page.objects.filter(pk__in=[value for value in values if value]).specific().in_bulk()
        parent_paths = {page.path[: -Page.steplen] for page in pages.values() if page.depth > 1}
        parents = Page.objects.in_bulk(parent_paths, field_name="path")
        for page in pages.values():
            if page.depth > 1:
                page._cached_parent_obj = parents.get(page.path[: -Page.steplen])  # where get_parent() looks first
        result, seen = [], set()
        for value in values:
            page = pages.get(value)
            result.append(copy.copy(page) if page is not None and value in seen else page)
            seen.add(value)
        return result


class ResultBlock(KeyedBlock):
    key = OptionalKeyBlock(label=_("key"))
    title = blocks.CharBlock(label=_("title"), max_length=160)
    summary = blocks.TextBlock(label=_("short summary"), max_length=400)
    urgency = blocks.ChoiceBlock(
        label=_("urgency"),
        choices=urgency.choices(),
        default=urgency.GEEN,
    )
    # A test has several results of three texts each: their editors start when opened (core/widgets.py).
    explanation = blocks.RichTextBlock(
        label=_("explanation in plain language"), features=RICH_TEXT_FEATURES, editor="lazy"
    )
    self_care = blocks.RichTextBlock(
        label=_("what you can do yourself"), features=RICH_TEXT_FEATURES, required=False, editor="lazy"
    )
    who_to_see = blocks.RichTextBlock(
        label=_("when to see whom"), features=RICH_TEXT_FEATURES, required=False, editor="lazy"
    )
    recommended = blocks.ListBlock(RecommendedPageBlock(), label=_("recommended pages"), default=[])

    class Meta:
        icon = "tick-inverse"
        label = _("Result")
        label_format = "{title}"
        key_source = "title"
        description = _("What the reader reads at the end of the test.")
