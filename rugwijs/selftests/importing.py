"""Build a self-test page's fields from the interchange format (demo/content/SELFTESTS.md)."""

import json

from rugwijs.core.urgency import GEEN

from . import engine


def _points(points: dict) -> list[dict]:
    return [{"scale": scale, "points": value} for scale, value in (points or {}).items()]


def _option(option: dict) -> dict:
    return {
        "key": option["key"],
        "label": option.get("label", option["key"]),
        "points": _points(option.get("points")),
        "alarm": option.get("alarm") or "",
    }


def _question(item: dict) -> dict:
    value = {
        "key": item["key"],
        "text": item["text"],
        "help": item.get("help", ""),
        "required": item.get("required", True),
        "show_when_question": (item.get("show_when") or {}).get("question", ""),
        "show_when_options": ", ".join((item.get("show_when") or {}).get("options", [])),
    }
    kind = item["type"]
    if kind == engine.YES_NO:
        options = {option["key"]: option for option in item.get("options", [])}
        for key, field in (("ja", "yes"), ("nee", "no")):
            option = options.get(key, {})
            value[field] = {"points": _points(option.get("points")), "alarm": option.get("alarm") or ""}
    elif kind == engine.SCALE:
        value.update(
            maximum=item.get("max", 4),
            min_label=item.get("min_label", ""),
            max_label=item.get("max_label", ""),
            scale=item.get("scale", ""),
            reverse=bool(item.get("reverse", False)),
        )
    elif kind == engine.NUMBER:
        value.update(
            minimum=item.get("min", 0), maximum=item.get("max"), unit=item.get("unit", ""), scale=item.get("scale", "")
        )
    else:
        value["options"] = [_option(option) for option in item.get("options", [])]
    return {"type": kind, "value": value}


def _conditions(items: list[dict]) -> list[dict]:
    conditions = []
    for item in items:
        kind = item["type"]
        if kind == engine.SCALE_COMPARE:
            value = {"scale": item["scale"], "op": item.get("op", ">="), "value": item.get("value", 0)}
        elif kind == engine.SCALE_GREATER:
            value = {"scale": item["scale"], "other": item["other"]}
        else:
            value = {"question": item["question"], "options": ", ".join(item.get("options", []))}
        conditions.append({"type": kind, "value": value})
    return conditions


def page_fields(data: dict, page_ids_by_slug: dict[str, int]) -> dict:
    """Field values for SelfTestPage(**fields); recommended slugs become page ids where they exist."""
    results = []
    for result in data["results"]:
        results.append(
            {
                "type": "result",
                "value": {
                    "key": result["key"],
                    "title": result["title"],
                    "summary": result["summary"],
                    "urgency": result.get("urgency", GEEN),
                    "explanation": result.get("explanation_html", ""),
                    "self_care": result.get("self_care_html", ""),
                    "who_to_see": result.get("who_to_see_html", ""),
                    "recommended": [
                        page_ids_by_slug[slug] for slug in result.get("recommended", []) if slug in page_ids_by_slug
                    ],
                },
            }
        )
    return {
        "title": data["title"],
        "slug": data["slug"],
        "intro": data["intro"],
        "summary": data["intro"][:300],
        "minutes": data.get("minutes", 2),
        "sources": data.get("sources_html", ""),
        "questions": json.dumps([_question(item) for item in data["questions"]]),
        "scales": json.dumps([{"type": "scale", "value": scale} for scale in data.get("scales", [])]),
        "point_rules": json.dumps(
            [
                {
                    "type": "rule",
                    "value": {
                        "scale": rule["scale"],
                        "points": rule.get("points", 0),
                        "conditions": _conditions(rule["conditions"]),
                    },
                }
                for rule in data.get("point_rules", [])
            ]
        ),
        "result_rules": json.dumps(
            [
                {"type": "rule", "value": {"result": rule["result"], "conditions": _conditions(rule["conditions"])}}
                for rule in data.get("result_rules", [])
            ]
        ),
        "results": json.dumps(results),
        "default_result": data.get("default_result") or "",
        "spoed_result": data.get("spoed_result") or "",
        "vandaag_result": data.get("vandaag_result") or "",
        "binnenkort_result": data.get("binnenkort_result") or "",
    }
