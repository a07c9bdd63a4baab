"""Every block an editor picks from a block picker explains itself and previews in the site's own styles."""

import pytest
from django.utils.html import strip_tags
from wagtail import blocks

from rugwijs.articles.models import ArticlePage
from rugwijs.core.models import StandardPage
from rugwijs.selftests.models import SelfTestPage

pytestmark = pytest.mark.django_db


def picker_blocks() -> dict[str, blocks.Block]:
    """The blocks offered in a picker: children of every stream with a choice of blocks in our stream fields.

    A stream of one block type has no picker: its add button inserts that block at once.
    """
    found: dict[str, blocks.Block] = {}

    def walk(block, path):
        if isinstance(block, blocks.StreamBlock) and len(block.child_blocks) > 1:
            for name, child in block.child_blocks.items():
                found.setdefault(f"{path}.{name}", child)
        for name, child in getattr(block, "child_blocks", {}).items():
            walk(child, f"{path}.{name}")
        if isinstance(block, blocks.ListBlock):
            walk(block.child_block, path)

    for model in (ArticlePage, StandardPage, SelfTestPage):
        for field in model._meta.get_fields():
            if hasattr(field, "stream_block"):
                walk(field.stream_block, f"{model.__name__}.{field.name}")
    return found


PICKER_BLOCKS = picker_blocks()


@pytest.mark.parametrize("path", sorted(PICKER_BLOCKS))
def test_each_block_in_a_picker_explains_itself(path):
    block = PICKER_BLOCKS[path]
    assert block.meta.icon != "placeholder"
    assert str(block.get_description()).strip()
    assert block.is_previewable


@pytest.mark.parametrize("path", sorted(PICKER_BLOCKS))
def test_each_block_previews_in_the_site_styles(admin_client, demo_site, path):
    block = PICKER_BLOCKS[path]
    response = admin_client.get("/admin/block-preview/", {"id": block.definition_prefix})
    assert response.status_code == 200
    html = response.content.decode()
    assert "core/css/rugwijs.css" in html
    shown = strip_tags(html.split("<main", 1)[1].split("</main>")[0])
    assert len(shown.split()) >= 4, f"the preview shows next to nothing: {shown!r}"
    assert "None" not in shown.split()
