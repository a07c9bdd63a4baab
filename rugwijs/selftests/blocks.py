"""Blocks an editor builds a self-test from: questions, scales, rules and results.

Each question and option has a key that stays the same when its wording changes; rules and the
JSON API refer to those keys.
"""

from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from rugwijs.core import urgency
from rugwijs.core.blocks import RICH_TEXT_FEATURES

from . import engine

key_validator = RegexValidator(r"^[a-z0-9_]+$", _("Use lower-case letters, digits and underscores."))


def KeyBlock(**kwargs):  # noqa: N802 - reads like the other block classes
    return blocks.CharBlock(max_length=60, validators=[key_validator], **kwargs)


ALARM_CHOICES = [("", _("No alarm")), *urgency.choices(urgency.ALARM_LEVELS)]


class PointsBlock(blocks.StructBlock):
    scale = KeyBlock(label=_("scale"))
    points = blocks.DecimalBlock(label=_("points"), decimal_places=2)

    class Meta:
        icon = "plus"
        label = _("Points")


class OptionBlock(blocks.StructBlock):
    key = KeyBlock(label=_("key"))
    label = blocks.CharBlock(label=_("label"), max_length=200)
    points = blocks.ListBlock(PointsBlock(), label=_("points to scales"), default=[])
    alarm = blocks.ChoiceBlock(label=_("alarm"), choices=ALARM_CHOICES, required=False)

    class Meta:
        icon = "radio-full"
        label = _("Option")
        label_format = "{key}: {label}"


class YesNoAnswerBlock(blocks.StructBlock):
    points = blocks.ListBlock(PointsBlock(), label=_("points to scales"), default=[])
    alarm = blocks.ChoiceBlock(label=_("alarm"), choices=ALARM_CHOICES, required=False)


class BodyRegionOptionBlock(OptionBlock):
    key = blocks.ChoiceBlock(label=_("region"), choices=[(region, region) for region in engine.BODY_REGIONS])


class QuestionBlock(blocks.StructBlock):
    key = KeyBlock(label=_("key"), help_text=_("Stays the same when the wording changes, e.g. 'pijn_plek'."))
    text = blocks.CharBlock(label=_("question"), max_length=300)
    help = blocks.CharBlock(label=_("explanation"), max_length=300, required=False)
    required = blocks.BooleanBlock(label=_("required"), required=False, default=True)
    show_when_question = blocks.CharBlock(
        label=_("only show when question"), max_length=60, required=False, help_text=_("Key of an earlier question.")
    )
    show_when_options = blocks.CharBlock(
        label=_("has one of these answers"),
        max_length=300,
        required=False,
        help_text=_("Option keys, separated by commas."),
    )

    class Meta:
        icon = "help"
        label_format = "{key}: {text}"  # collapsed blocks show which question they are

    def to_engine_dict(self, value, kind: str) -> dict:
        data = {"key": value["key"], "type": kind, "text": value["text"], "help": value["help"]}
        data["required"] = bool(value["required"])
        if value["show_when_question"]:
            options = [part.strip() for part in value["show_when_options"].split(",") if part.strip()]
            data["show_when"] = {"question": value["show_when_question"], "options": options}
        return data


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

    def to_engine_dict(self, value, kind):
        data = super().to_engine_dict(value, kind)
        data["options"] = [
            _option_dict({"key": "ja", "label": "Ja", **value["yes"]}),
            _option_dict({"key": "nee", "label": "Nee", **value["no"]}),
        ]
        return data


class ChoiceQuestionBlock(QuestionBlock):
    options = blocks.ListBlock(OptionBlock(), label=_("options"), min_num=2)

    def to_engine_dict(self, value, kind):
        data = super().to_engine_dict(value, kind)
        data["options"] = [_option_dict(option) for option in value["options"]]
        return data


class SingleChoiceQuestionBlock(ChoiceQuestionBlock):
    class Meta:
        label = _("Single choice")
        description = _("The reader picks one option.")


class MultipleChoiceQuestionBlock(ChoiceQuestionBlock):
    class Meta:
        label = _("Multiple choice")
        description = _("The reader picks any number of options.")


class BodyMapQuestionBlock(ChoiceQuestionBlock):
    options = blocks.ListBlock(BodyRegionOptionBlock(), label=_("regions"), min_num=1)

    class Meta:
        label = _("Body map")
        icon = "user"
        description = _(
            "The reader points out where it hurts on a drawing of the body (checkboxes without JavaScript)."
        )


class ScaleQuestionBlock(QuestionBlock):
    maximum = blocks.IntegerBlock(label=_("highest value"), min_value=1, max_value=10, default=4)
    min_label = blocks.CharBlock(label=_("meaning of 0"), max_length=60)
    max_label = blocks.CharBlock(label=_("meaning of the highest value"), max_length=60)
    scale = KeyBlock(label=_("adds to scale"))
    reverse = blocks.BooleanBlock(label=_("count reversed"), required=False, help_text=_("Highest answer adds 0."))

    class Meta:
        label = _("Scale 0 to N")
        icon = "order"
        description = _("The reader picks a value from 0 to N; it is added to a scale.")

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
    scale = blocks.CharBlock(label=_("adds to scale"), max_length=60, required=False)

    class Meta:
        label = _("Number")
        icon = "decimal"
        description = _("The reader types a number, for example a number of weeks.")

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


class ScaleBlock(blocks.StructBlock):
    key = KeyBlock(label=_("key"))
    label = blocks.CharBlock(label=_("name shown to readers"), max_length=80)

    class Meta:
        icon = "order"
        label = _("Scale")
        label_format = "{key}: {label}"


class ScaleCompareBlock(blocks.StructBlock):
    scale = KeyBlock(label=_("scale"))
    op = blocks.ChoiceBlock(label=_("is"), choices=[(op, op) for op in engine.OPERATORS], default=">=")
    value = blocks.DecimalBlock(label=_("value"), decimal_places=2)

    class Meta:
        label = _("Scale compared with a value")


class ScaleGreaterBlock(blocks.StructBlock):
    scale = KeyBlock(label=_("scale"))
    other = KeyBlock(label=_("is greater than scale"))

    class Meta:
        label = _("Scale greater than another scale")


class OptionConditionBlock(blocks.StructBlock):
    question = KeyBlock(label=_("question"))
    options = blocks.CharBlock(label=_("option keys"), max_length=300, help_text=_("Separated by commas."))


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
    scale = KeyBlock(label=_("add to scale"))
    points = blocks.DecimalBlock(label=_("points"), decimal_places=2)
    conditions = ConditionsBlock(label=_("when all of these hold"))

    class Meta:
        icon = "plus"
        label = _("Extra points")


class ResultRuleBlock(blocks.StructBlock):
    result = KeyBlock(label=_("give result"))
    conditions = ConditionsBlock(label=_("when all of these hold"))

    class Meta:
        icon = "arrow-right"
        label = _("Rule")
        label_format = "→ {result}"


class ResultBlock(blocks.StructBlock):
    key = KeyBlock(label=_("key"))
    title = blocks.CharBlock(label=_("title"), max_length=160)
    summary = blocks.TextBlock(label=_("short summary"), max_length=400)
    urgency = blocks.ChoiceBlock(
        label=_("urgency"),
        choices=urgency.choices(),
        default=urgency.GEEN,
    )
    explanation = blocks.RichTextBlock(label=_("explanation in plain language"), features=RICH_TEXT_FEATURES)
    self_care = blocks.RichTextBlock(label=_("what you can do yourself"), features=RICH_TEXT_FEATURES, required=False)
    who_to_see = blocks.RichTextBlock(label=_("when to see whom"), features=RICH_TEXT_FEATURES, required=False)
    recommended = blocks.ListBlock(blocks.PageChooserBlock(), label=_("recommended pages"), default=[])

    class Meta:
        icon = "tick-inverse"
        label = _("Result")
        label_format = "{key}: {title}"
