import json

import pytest

from rugwijs.demo.loader import CONTENT_DIR
from rugwijs.selftests import engine

DEMO_SLUGS = ["zenuw-spier-of-gewricht", "alarmsignalen", "fase-van-rugpijn", "stress-check", "herstelkansen"]


def demo_data(slug: str) -> dict:
    return json.loads((CONTENT_DIR / "selftests" / f"{slug}.json").read_text(encoding="utf-8"))


def demo_definition(slug: str) -> engine.Definition:
    return engine.Definition.from_dict(demo_data(slug))


@pytest.fixture(params=DEMO_SLUGS)
def any_demo(request):
    return request.param, demo_definition(request.param)
