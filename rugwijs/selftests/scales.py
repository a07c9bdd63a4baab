"""The highest score each scale of a test can reach, so a result can say "6 van 7". Plain Python."""

from . import engine


def maximum_scores(definition: engine.Definition) -> dict[str, float | None]:
    """Per scale, the most points the answers and point rules can give; None when there is no natural top.

    A scale fed by a number question (weeks, kilos) has no top worth showing. Point rules count as if
    all of them held, so for rules that exclude each other this is an upper bound.
    """
    tops: dict[str, float | None] = dict.fromkeys(definition.scales, 0.0)

    def add(scale: str, points: float) -> None:
        if scale in tops and tops[scale] is not None:
            tops[scale] += max(points, 0.0)

    for question in definition.questions:
        if question.type == engine.NUMBER:
            if question.scale in tops:
                tops[question.scale] = None
        elif question.type == engine.SCALE:
            if question.scale:
                add(question.scale, _scale_range(question))
        else:
            for scale, points in _option_points(question).items():
                add(scale, points)
    for rule in definition.point_rules:
        add(rule.scale, rule.points)
    return {scale: top if top else None for scale, top in tops.items()}


def _scale_range(question: engine.Question) -> float:
    top = float(question.maximum if question.maximum is not None else len(question.options) - 1)
    bottom = float(question.minimum or 0)
    return top - bottom if question.reverse else top


def _option_points(question: engine.Question) -> dict[str, float]:
    """Most points per scale from one question: all positive options together when several may be ticked."""
    best: dict[str, float] = {}
    for option in question.options:
        for scale, points in option.points.items():
            if question.multiple:
                best[scale] = best.get(scale, 0.0) + max(points, 0.0)
            else:
                best[scale] = max(best.get(scale, 0.0), points)
    return best
