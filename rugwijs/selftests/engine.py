"""The self-test engine: plain Python, no database, no HTTP.

A test is described by a `Definition` (questions, scales, point rules, result rules, results), built
from the same dict format the admin, the demo content and the tests use. `check_answers` validates
raw answers, `evaluate` turns valid answers into exactly one result, and `problems` lists what is
wrong with a definition. Alarm answers come before every rule: spoed before vandaag before binnenkort.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from rugwijs.core.numbers import plain_number
from rugwijs.core.urgency import ALARM_LEVELS, BINNENKORT, SPOED, VANDAAG

YES_NO, SINGLE, MULTIPLE, BODY_MAP, SCALE, NUMBER = (
    "yes_no",
    "single_choice",
    "multiple_choice",
    "body_map",
    "scale",
    "number",
)
ALARM_RESULT_FIELDS = {SPOED: "spoed_result", VANDAAG: "vandaag_result", BINNENKORT: "binnenkort_result"}

QUESTION_TYPES = (YES_NO, SINGLE, MULTIPLE, BODY_MAP, SCALE, NUMBER)
MULTIPLE_TYPES = (MULTIPLE, BODY_MAP)
BODY_REGIONS = ("nek", "bovenrug", "onderrug", "bil", "bovenbeen", "onderbeen_voet")

# The largest test an editor can save. The answer endpoints size their request-body limits from it.
MAX_QUESTIONS = 40
MAX_OPTIONS = 12
KEY_MAX_LENGTH = 60
# One answer as a form field, `q_<question key>=<option key>&`, at its longest; a number is shorter.
_LONGEST_ANSWER = len("q_=&") + 2 * KEY_MAX_LENGTH
# Every option of every question ticked, plus room for the e-mail address and headers of a form.
ANSWERS_BODY_LIMIT = MAX_QUESTIONS * MAX_OPTIONS * _LONGEST_ANSWER + 2048

SCALE_COMPARE, SCALE_GREATER, OPTION_CHOSEN, OPTION_NOT_CHOSEN = (
    "scale_compare",
    "scale_greater",
    "option_chosen",
    "option_not_chosen",
)
OPERATORS = {
    ">=": lambda a, b: a >= b,
    "<=": lambda a, b: a <= b,
    "=": lambda a, b: math.isclose(a, b),
    ">": lambda a, b: a > b,
    "<": lambda a, b: a < b,
}


@dataclass(frozen=True)
class Option:
    key: str
    label: str
    points: dict[str, float] = field(default_factory=dict)
    alarm: str = ""


@dataclass(frozen=True)
class ShowWhen:
    question: str
    options: tuple[str, ...]


@dataclass(frozen=True)
class Question:
    key: str
    type: str
    text: str
    help: str = ""
    required: bool = True
    options: tuple[Option, ...] = ()
    minimum: float | None = None
    maximum: float | None = None
    unit: str = ""
    scale: str = ""
    reverse: bool = False
    min_label: str = ""
    max_label: str = ""
    show_when: ShowWhen | None = None

    @property
    def multiple(self) -> bool:
        return self.type in MULTIPLE_TYPES

    @property
    def option_keys(self) -> tuple[str, ...]:
        return tuple(option.key for option in self.options)

    def option(self, key: str) -> Option | None:
        return next((option for option in self.options if option.key == key), None)


@dataclass(frozen=True)
class Condition:
    type: str
    scale: str = ""
    op: str = ">="
    value: float = 0
    other: str = ""
    question: str = ""
    options: tuple[str, ...] = ()


@dataclass(frozen=True)
class PointRule:
    scale: str
    points: float
    conditions: tuple[Condition, ...]


@dataclass(frozen=True)
class ResultRule:
    result: str
    conditions: tuple[Condition, ...]


@dataclass(frozen=True)
class Definition:
    questions: tuple[Question, ...]
    scales: tuple[str, ...] = ()
    point_rules: tuple[PointRule, ...] = ()
    result_rules: tuple[ResultRule, ...] = ()
    results: tuple[str, ...] = ()
    default_result: str = ""
    spoed_result: str = ""
    vandaag_result: str = ""
    binnenkort_result: str = ""

    def question(self, key: str) -> Question | None:
        return next((question for question in self.questions if question.key == key), None)

    @classmethod
    def from_dict(cls, data: dict) -> Definition:
        """Build from the interchange format described in demo/content/SELFTESTS.md."""
        return cls(
            questions=tuple(_question(item) for item in data.get("questions", [])),
            scales=tuple(scale["key"] for scale in data.get("scales", [])),
            point_rules=tuple(
                PointRule(rule["scale"], float(rule.get("points", 0)), _conditions(rule.get("conditions", [])))
                for rule in data.get("point_rules", [])
            ),
            result_rules=tuple(
                ResultRule(rule["result"], _conditions(rule.get("conditions", [])))
                for rule in data.get("result_rules", [])
            ),
            results=tuple(result["key"] for result in data.get("results", [])),
            default_result=data.get("default_result") or "",
            spoed_result=data.get("spoed_result") or "",
            vandaag_result=data.get("vandaag_result") or "",
            binnenkort_result=data.get("binnenkort_result") or "",
        )

    def alarm_result(self, level: str) -> str:
        """The result this test gives for an alarm level, or '' when the rules decide."""
        field_name = ALARM_RESULT_FIELDS.get(level)
        return getattr(self, field_name) if field_name else ""


def _question(item: dict) -> Question:
    kind = item["type"]
    if kind == SCALE:
        top = int(item.get("max", 4))
        options = tuple(Option(str(value), str(value)) for value in range(top + 1))
    else:
        options = tuple(
            Option(
                option["key"],
                option.get("label", option["key"]),
                {scale: float(points) for scale, points in (option.get("points") or {}).items()},
                option.get("alarm") or "",
            )
            for option in item.get("options", [])
        )
    show_when = item.get("show_when")
    return Question(
        key=item["key"],
        type=kind,
        text=item.get("text", ""),
        help=item.get("help", ""),
        required=item.get("required", True),
        options=options,
        minimum=item.get("min", 0 if kind == SCALE else None),
        maximum=item.get("max"),
        unit=item.get("unit", ""),
        scale=item.get("scale", ""),
        reverse=bool(item.get("reverse", False)),
        min_label=item.get("min_label", ""),
        max_label=item.get("max_label", ""),
        show_when=ShowWhen(show_when["question"], tuple(show_when.get("options", ()))) if show_when else None,
    )


def _conditions(items: list[dict]) -> tuple[Condition, ...]:
    return tuple(
        Condition(
            type=item["type"],
            scale=item.get("scale", ""),
            op=item.get("op", ">="),
            value=float(item.get("value", 0)),
            other=item.get("other", ""),
            question=item.get("question", ""),
            options=tuple(item.get("options", ())),
        )
        for item in items
    )


# Answers ------------------------------------------------------------------------------------------

Answer = str | list[str] | float


def chosen(answer) -> set[str]:
    if isinstance(answer, list):
        return set(answer)
    if isinstance(answer, str):
        return {answer}
    return set()


def is_visible(question: Question, answers: dict[str, Answer]) -> bool:
    if question.show_when is None:
        return True
    return bool(chosen(answers.get(question.show_when.question)) & set(question.show_when.options))


def visible_questions(definition: Definition, answers: dict[str, Answer]) -> list[Question]:
    return [question for question in definition.questions if is_visible(question, answers)]


def check_answers(definition: Definition, raw) -> tuple[dict[str, Answer], dict[str, str]]:
    """Valid answers to the questions a reader saw, and a message per problem.

    Answers to questions that branching hides are dropped, not refused: a reader may have
    answered before changing an earlier answer. When a given answer raises a 'spoed' alarm,
    unanswered questions are no problem: the reader gets the urgent advice at once instead of
    answering the rest first (an early stop). Answers that were given are still checked.
    """
    if not isinstance(raw, dict):
        return {}, {"_body": _("Send the answers as an object of question keys and answers.")}
    errors: dict[str, str] = {}
    known = {question.key for question in definition.questions}
    for key in raw:
        if key not in known:
            errors[str(key)] = _("There is no question with this key.")
    answers: dict[str, Answer] = {}
    missing: dict[str, str] = {}
    for question in definition.questions:
        if not is_visible(question, answers):
            continue
        value = raw.get(question.key)
        if value is None or value == [] or value == "":
            if question.required:
                missing[question.key] = _("This question needs an answer.")
            continue
        cleaned, error = _clean(question, value)
        if error:
            errors[question.key] = error
        else:
            answers[question.key] = cleaned
    if not stops_early(definition, answers):
        errors.update(missing)
    return answers, errors


def stops_early(definition: Definition, answers: dict[str, Answer]) -> bool:
    """Whether the answers so far already decide the result: only a 'spoed' answer does.

    A 'vandaag' answer does not stop the test, or a later 'spoed' sign could be missed.
    """
    return bool(definition.spoed_result) and alarm_level(definition, answers) == SPOED


def _clean(question: Question, value) -> tuple[Answer | None, str]:
    if question.type == NUMBER:
        if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
            return None, _("Give a number.")
        if question.minimum is not None and value < question.minimum:
            return None, _("Give a number of at least %(min)s.") % {"min": plain_number(question.minimum)}
        if question.maximum is not None and value > question.maximum:
            return None, _("Give a number of at most %(max)s.") % {"max": plain_number(question.maximum)}
        return float(value), ""
    if question.multiple:
        if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
            return None, _("Give a list of option keys.")
        unknown = [item for item in value if item not in question.option_keys]
        if unknown:
            return None, _("Unknown option: %(options)s.") % {"options": ", ".join(unknown)}
        return [key for key in question.option_keys if key in value], ""
    if not isinstance(value, str):
        return None, _("Give one option key as text.")
    if value not in question.option_keys:
        return None, _("Unknown option: %(options)s.") % {"options": value}
    return value, ""


# Scoring ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Outcome:
    result: str
    scores: dict[str, float]
    alarm: str = ""  # the strongest alarm level among the answers, '' when none
    see_gp: str = ""  # an alarm level the test has no result of its own for: the result adds its GP advice

    @property
    def for_alarm(self) -> bool:
        """Given because of an alarm answer, whatever the scores (which may rest on a test stopped early)."""
        return bool(self.alarm) and not self.see_gp


def scores_for(definition: Definition, answers: dict[str, Answer]) -> dict[str, float]:
    scores = dict.fromkeys(definition.scales, 0.0)
    for question in visible_questions(definition, answers):
        answer = answers.get(question.key)
        if answer is None:
            continue
        if question.type == NUMBER:
            if question.scale:
                scores[question.scale] = scores.get(question.scale, 0.0) + float(answer)
            continue
        if question.type == SCALE and question.scale:
            value = float(answer)
            top = float(question.maximum if question.maximum is not None else len(question.options) - 1)
            scores[question.scale] = scores.get(question.scale, 0.0) + (top - value if question.reverse else value)
            continue
        for key in chosen(answer):
            option = question.option(key)
            for scale, points in option.points.items():
                scores[scale] = scores.get(scale, 0.0) + points
    for rule in definition.point_rules:
        if holds(rule.conditions, scores, answers):
            scores[rule.scale] = scores.get(rule.scale, 0.0) + rule.points
    return scores


def holds(conditions: tuple[Condition, ...], scores: dict[str, float], answers: dict[str, Answer]) -> bool:
    return all(_holds(condition, scores, answers) for condition in conditions)


def _holds(condition: Condition, scores, answers) -> bool:
    if condition.type == SCALE_COMPARE:
        return OPERATORS[condition.op](scores.get(condition.scale, 0.0), condition.value)
    if condition.type == SCALE_GREATER:
        return scores.get(condition.scale, 0.0) > scores.get(condition.other, 0.0)
    picked = chosen(answers.get(condition.question))
    if condition.type == OPTION_CHOSEN:
        return bool(picked & set(condition.options))
    if condition.type == OPTION_NOT_CHOSEN:
        return not picked & set(condition.options)
    raise ValueError(f"Unknown condition type {condition.type!r}")


def alarm_level(definition: Definition, answers: dict[str, Answer]) -> str:
    """The strongest alarm the answers raise (spoed > vandaag > binnenkort), or '' when none."""
    levels = [
        option.alarm
        for question in visible_questions(definition, answers)
        for key in chosen(answers.get(question.key))
        if (option := question.option(key)) and option.alarm in ALARM_LEVELS
    ]
    return next((level for level in ALARM_LEVELS if level in levels), "")


def evaluate(definition: Definition, answers: dict[str, Answer]) -> Outcome:
    """Exactly one result: alarm answers first, strongest first, then the first rule that holds, else the default.

    An alarm level without a result of its own in this test leaves the choice to the rules, and the
    outcome says which GP advice the result must add (`see_gp`).
    """
    scores = scores_for(definition, answers)
    alarm = alarm_level(definition, answers)
    if definition.alarm_result(alarm):
        return Outcome(definition.alarm_result(alarm), scores, alarm)
    result = next(
        (rule.result for rule in definition.result_rules if holds(rule.conditions, scores, answers)),
        definition.default_result,
    )
    return Outcome(result, scores, alarm, see_gp=alarm)


# Checking a definition ----------------------------------------------------------------------------


Path = tuple[str | int, ...]


@dataclass(frozen=True)
class Problem:
    """Something that would make the test misbehave, and where it is.

    `path` leads through the definition's dict format (demo/content/SELFTESTS.md) to what the message is
    about: ("default_result",), ("results", 3) for a whole result, ("questions", 2, "show_when", "question"),
    ("questions", 1, "options", 0, "points", "zenuw") for the points an option gives to a scale, or
    ("result_rules", 0, "conditions", 1, "options"). The admin shows the message at that field.
    """

    path: Path
    message: str

    @property
    def field(self) -> str:
        return str(self.path[0])


def problems(definition: Definition) -> list[Problem]:
    """Everything that would make the test misbehave, each once; empty when the test is sound."""
    found = question_problems(definition) + rule_problems(definition) + result_problems(definition)
    return list(dict.fromkeys(found))


def question_problems(definition: Definition) -> list[Problem]:
    """Duplicate keys, unknown scales and alarm levels, impossible limits and branching on later questions."""
    found = _duplicates(("questions",), [question.key for question in definition.questions], _("question key"))
    found += _duplicates(("scales",), list(definition.scales), _("scale key"))
    if len(definition.questions) > MAX_QUESTIONS:
        message = _("A test has at most %(max)s questions; this one has %(count)s.")
        found.append(Problem(("questions",), message % {"max": MAX_QUESTIONS, "count": len(definition.questions)}))
    for index, question in enumerate(definition.questions):
        at = ("questions", index)
        label = _("Question '%(key)s'") % {"key": question.key}
        what = _("option key in %(q)s") % {"q": label}
        found += _duplicates((*at, "options"), list(question.option_keys), what)
        if len(question.options) > MAX_OPTIONS:
            message = _("%(q)s has %(count)s options; a question has at most %(max)s.")
            found.append(
                Problem((*at, "options"), message % {"q": label, "count": len(question.options), "max": MAX_OPTIONS})
            )
        found += _scale_and_alarm_problems(definition, question, at, label)
        if question.type == NUMBER and None not in (question.minimum, question.maximum):
            if question.minimum > question.maximum:
                found.append(Problem((*at, "min"), _("%(q)s: the minimum is above the maximum.") % {"q": label}))
        if question.show_when:
            found += _branching_problems(definition, question, index, label)
    return found


def _scale_and_alarm_problems(definition: Definition, question: Question, at: Path, label: str) -> list[Problem]:
    found = []
    scales = set(definition.scales)
    if question.type in (SCALE, NUMBER) and question.scale and question.scale not in scales:
        message = _("%(q)s adds to unknown scale '%(s)s'.") % {"q": label, "s": question.scale}
        found.append(Problem((*at, "scale"), message))
    for number, option in enumerate(question.options):
        option_at = (*at, "options", number)
        for scale in option.points:
            if scale not in scales:
                message = _("%(q)s, option '%(o)s', gives points to unknown scale '%(s)s'.")
                found.append(
                    Problem((*option_at, "points", scale), message % {"q": label, "o": option.key, "s": scale})
                )
        if option.alarm and option.alarm not in ALARM_LEVELS:
            message = _("%(q)s, option '%(o)s', raises unknown alarm '%(a)s'.")
            found.append(Problem((*option_at, "alarm"), message % {"q": label, "o": option.key, "a": option.alarm}))
    return found


def _branching_problems(definition: Definition, question: Question, index: int, label: str) -> list[Problem]:
    at = ("questions", index)
    position = {other.key: number for number, other in enumerate(definition.questions)}
    target = question.show_when.question
    if target not in position:
        message = _("%(q)s is shown after unknown question '%(t)s'.") % {"q": label, "t": target}
        return [Problem((*at, "show_when", "question"), message)]
    if position[target] >= index:
        message = _("%(q)s depends on '%(t)s', which does not come before it. Branch on earlier questions only.")
        return [Problem((*at, "show_when", "question"), message % {"q": label, "t": target})]
    return _unknown_options((*at, "show_when", "options"), definition, target, question.show_when.options, label)


def rule_problems(definition: Definition) -> list[Problem]:
    """Point and result rules that name unknown scales, questions, options or results."""
    found = []
    for index, rule in enumerate(definition.point_rules):
        if rule.scale not in definition.scales:
            message = _("A point rule adds to unknown scale '%(s)s'.") % {"s": rule.scale}
            found.append(Problem(("point_rules", index, "scale"), message))
    for index, rule in enumerate(definition.result_rules):
        if rule.result not in definition.results:
            message = _("A rule gives unknown result '%(r)s'.") % {"r": rule.result}
            found.append(Problem(("result_rules", index, "result"), message))
    rule_sets = [(("point_rules", index), rule.conditions) for index, rule in enumerate(definition.point_rules)]
    rule_sets += [(("result_rules", index), rule.conditions) for index, rule in enumerate(definition.result_rules)]
    for at, conditions in rule_sets:
        for number, condition in enumerate(conditions):
            found += _condition_problems(definition, (*at, "conditions", number), condition)
    return found


def _condition_problems(definition: Definition, at: Path, condition: Condition) -> list[Problem]:
    found = []
    for name in ("scale", "other"):
        scale = getattr(condition, name)
        if scale and scale not in definition.scales:
            found.append(Problem((*at, name), _("A rule names unknown scale '%(s)s'.") % {"s": scale}))
    if condition.type in (SCALE_COMPARE, SCALE_GREATER) and not condition.scale:
        found.append(Problem((*at, "scale"), _("A scale condition needs a scale.")))
    if condition.type == SCALE_COMPARE and condition.op not in OPERATORS:
        found.append(Problem((*at, "op"), _("Unknown comparison '%(op)s'.") % {"op": condition.op}))
    if condition.type in (OPTION_CHOSEN, OPTION_NOT_CHOSEN):
        if definition.question(condition.question) is None:
            message = _("A rule names unknown question '%(q)s'.") % {"q": condition.question}
            found.append(Problem((*at, "question"), message))
        else:
            found += _unknown_options((*at, "options"), definition, condition.question, condition.options, _("A rule"))
    return found


def result_problems(definition: Definition) -> list[Problem]:
    """Duplicate or unknown result keys, missing default or alarm results, and results nothing leads to.

    A 'vandaag' alarm needs its own result, like 'spoed': falling back to the spoed result would tell
    the reader to call 112 for a fever. Only 'binnenkort' may leave the result to the rules, which then
    add the GP advice for it.
    """
    found = _duplicates(("results",), list(definition.results), _("result key"))
    raised = {option.alarm for question in definition.questions for option in question.options}
    if SPOED in raised and not definition.spoed_result:
        found.append(Problem(("spoed_result",), _("Answers can raise a 'spoed' alarm: choose the spoed result.")))
    if VANDAAG in raised and not definition.vandaag_result:
        message = _("Answers can raise a 'vandaag' alarm: choose the vandaag result.")
        found.append(Problem(("vandaag_result",), message))
    if not definition.default_result:
        found.append(Problem(("default_result",), _("Choose the default result, given when no rule holds.")))
    named = {"default_result": definition.default_result}
    named |= {field_name: definition.alarm_result(level) for level, field_name in ALARM_RESULT_FIELDS.items()}
    for field_name, key in named.items():
        if key and key not in definition.results:
            found.append(Problem((field_name,), _("There is no result with key '%(r)s'.") % {"r": key}))
    reachable = {rule.result for rule in definition.result_rules} | set(named.values())
    for index, key in enumerate(definition.results):
        if key not in reachable:
            message = _("Result '%(r)s' can never be given: no rule leads to it.") % {"r": key}
            found.append(Problem(("results", index), message))
    return found


def _duplicates(at: Path, keys: list[str], what: str) -> list[Problem]:
    """Each key that an earlier item already has, at that later item's key."""
    seen, found = set(), []
    for index, key in enumerate(keys):
        if key in seen:
            message = _("Duplicate %(what)s '%(key)s'.") % {"what": what, "key": key}
            found.append(Problem((*at, index, "key"), message))
        seen.add(key)
    return found


def _unknown_options(at: Path, definition: Definition, question_key: str, options, label: str) -> list[Problem]:
    question = definition.question(question_key)
    unknown = [option for option in options if option not in question.option_keys]
    if not unknown:
        return []
    message = _("%(who)s names unknown option(s) %(o)s of question '%(q)s'.")
    return [Problem(at, message % {"who": label, "o": ", ".join(unknown), "q": question_key})]
