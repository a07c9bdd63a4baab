"""axe-core finds no WCAG 2.2 AA violations on the public page types."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from browser_support import PUBLIC_PAGES

pytestmark = pytest.mark.browser

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


def describe(violations: list[dict]) -> str:
    lines = []
    for violation in violations:
        lines.append(f"{violation['id']} ({violation['impact']}): {violation['help']} <{violation['helpUrl']}>")
        for node in violation["nodes"]:
            summary = node.get("failureSummary", "").replace("\n", " ")
            lines.append(f"    {', '.join(map(str, node['target']))}  {summary}")
    return "\n".join(lines)


@pytest.fixture(scope="module")
def axe():
    return Axe()


@pytest.mark.parametrize("path", PUBLIC_PAGES.values(), ids=PUBLIC_PAGES.keys())
def test_page_has_no_wcag_violations(page, site, axe, path):
    page.goto(site + path, wait_until="load")

    results = axe.run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]})

    violations = results.response["violations"]
    assert not violations, f"{len(violations)} axe violations on {path}:\n{describe(violations)}"
