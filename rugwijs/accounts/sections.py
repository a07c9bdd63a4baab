"""Parts of the "My account" page that other apps add, such as a learner's courses.

An app registers a template, usually in its AppConfig.ready(); the overview includes each one in order,
with `user` and `request` in its context:

    from rugwijs.accounts import sections
    sections.register("courses/includes/my_courses.html", order=10)
"""

_sections: dict[str, int] = {}


def register(template_name: str, order: int = 100) -> None:
    _sections[template_name] = order


def unregister(template_name: str) -> None:
    _sections.pop(template_name, None)


def templates() -> list[str]:
    return sorted(_sections, key=lambda name: (_sections[name], name))
