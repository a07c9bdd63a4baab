"""The posted HTML form as answers the engine checks, and answers back as form fields; no Django forms."""

from rugwijs.core.numbers import plain_number

from . import engine


def answers_from_post(definition: engine.Definition, data) -> dict:
    """Raw answers shaped like the JSON API's, so both go through the same checks."""
    answers = {}
    for question in definition.questions:
        name = field_name(question.key)
        if question.multiple:
            answers[question.key] = data.getlist(name)
        elif question.type == engine.NUMBER:
            answers[question.key] = _number(data.get(name, "").strip())
        else:
            answers[question.key] = data.get(name) or None
    return answers


def field_name(key: str) -> str:
    return f"q_{key}"


def _number(text: str):
    """A number, or the text itself so the engine reports it; Dutch readers may type a decimal comma."""
    if not text:
        return None
    try:
        value = float(text.replace(",", "."))
    except ValueError:
        return text
    return plain_number(value)


def form_questions(definition: engine.Definition, answers: dict, errors: dict) -> list[dict]:
    """What the form template needs per question: its field name, current answer(s) and error."""
    items = []
    for number, question in enumerate(definition.questions, start=1):
        answer = answers.get(question.key)
        picked = engine.chosen(answer)
        items.append(
            {
                "number": number,
                "question": question,
                "name": field_name(question.key),
                "error": errors.get(question.key, ""),
                "value": "" if answer is None or isinstance(answer, list) else answer,
                "options": [{"option": option, "checked": option.key in picked} for option in question.options],
                "show_when_text": _show_when_text(definition, question),
            }
        )
    return items


def _show_when_text(definition, question) -> str:
    if not question.show_when:
        return ""
    earlier = definition.question(question.show_when.question)
    labels = [option.label for option in earlier.options if option.key in question.show_when.options]
    return " / ".join(labels)


def answer_fields(answers: dict) -> list[tuple[str, str]]:
    """The answers as hidden form fields, so 'mail me my result' can score them again without storing them."""
    fields = []
    for key, answer in answers.items():
        values = answer if isinstance(answer, list) else [answer]
        for value in values:
            fields.append((field_name(key), str(plain_number(value) if isinstance(value, float) else value)))
    return fields
