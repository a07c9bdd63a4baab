import pytest
from wagtail.blocks import StreamBlockValidationError, StructBlockValidationError

from rugwijs.articles.blocks import ArticleBodyBlock, SectionBlock, SectionContentBlock
from rugwijs.core.blocks import LinkTargetBlock

pytestmark = pytest.mark.django_db


def test_every_block_has_picker_help():
    for name, block in {**ArticleBodyBlock().child_blocks, **SectionContentBlock().child_blocks}.items():
        assert block.meta.icon, name
        assert block.meta.description, name
        assert block.meta.template, name


PARAGRAPH = {"type": "paragraph", "value": "<p>Tekst</p>"}


def _body(*sections):
    block = ArticleBodyBlock()
    return block, block.to_python(
        [
            {"type": "section", "value": {"heading": heading, "anchor": anchor, "content": [PARAGRAPH]}}
            for heading, anchor in sections
        ]
    )


def test_empty_anchors_are_filled_from_the_heading_and_kept_unique():
    block, value = _body(("Wat is stress?", ""), ("Wat is stress?", ""), ("Hulp", "hulp"))
    cleaned = block.clean(value)
    assert [child.value["anchor"] for child in cleaned] == ["wat-is-stress", "wat-is-stress-2", "hulp"]


@pytest.mark.parametrize(
    ("anchors", "message"),
    [
        (["dubbel", "dubbel"], "Een andere sectie gebruikt 'dubbel' al."),
        (["in-het-kort"], "'in-het-kort' wordt al door de pagina zelf gebruikt"),
        (["Met Spaties"], "Gebruik kleine letters, cijfers en koppeltekens"),
    ],
    ids=["duplicate", "reserved", "invalid"],
)
def test_editor_typed_anchors_are_checked(anchors, message):
    block, value = _body(*[(f"Kop {i}", anchor) for i, anchor in enumerate(anchors)])
    with pytest.raises(StreamBlockValidationError) as error:
        block.clean(value)
    messages = [str(err.block_errors["anchor"].messages[0]) for err in error.value.block_errors.values()]
    assert any(text.startswith(message) for text in messages), messages


def test_a_link_needs_exactly_one_target(demo_site):
    block = LinkTargetBlock()
    with pytest.raises(StructBlockValidationError) as neither:
        block.clean(block.to_python({"page": None, "url": ""}))
    assert "page" in neither.value.block_errors
    with pytest.raises(StructBlockValidationError) as both:
        block.clean(block.to_python({"page": demo_site.pk, "url": "https://example.org"}))
    assert "url" in both.value.block_errors
    assert block.get_url(block.clean(block.to_python({"page": demo_site.pk, "url": ""}))) == demo_site.url
    optional = LinkTargetBlock(optional=True)
    assert optional.get_url(optional.clean(optional.to_python({"page": None, "url": ""}))) == ""


def test_section_renders_a_heading_with_its_anchor():
    block = SectionBlock()
    value = block.to_python(
        {
            "heading": "Wat is stress?",
            "anchor": "wat-is-stress",
            "content": [{"type": "paragraph", "value": "<p>Tekst</p>"}],
        }
    )
    html = block.render(value, context={"anchor": "wat-is-stress"})
    assert '<h2 id="wat-is-stress" tabindex="-1">Wat is stress?</h2>' in html
    assert "<p>Tekst</p>" in html


def test_every_content_block_renders_its_preview(demo_site):
    from wagtail.images.models import Image

    image = Image.objects.first()
    stream = SectionContentBlock()
    previews = []
    for name, child in stream.child_blocks.items():
        value = child.get_preview_value()
        if name == "figure":
            value = child.to_python({"image": image.pk, "alt_text": "Een illustratie", "caption": "Onderschrift"})
        if name in {"selftest_promo", "course_offer"}:
            value = child.to_python({**child.get_prep_value(value), "link": {"page": demo_site.pk, "url": ""}})
        if name == "author_promo":
            value = child.to_python(
                {
                    "person": demo_site.author.pk,
                    "text": "Hallo",
                    "button_label": "Lees",
                    "link": {"page": demo_site.pk, "url": ""},
                }
            )
        html = child.render(value)
        assert html.strip(), name
        previews.append((name, html))
    rendered = dict(previews)
    assert 'alt="Een illustratie"' in rendered["figure"]
    assert "<figcaption>Onderschrift</figcaption>" in rendered["figure"]
    assert demo_site.url in rendered["selftest_promo"] and demo_site.url in rendered["course_offer"]
    assert "Mila Voorbeeld" in rendered["author_promo"] or demo_site.author.greeting in rendered["author_promo"]
    assert "<blockquote>" in rendered["quote"]
    assert "callout--tip" in rendered["callout"]
    assert rendered["subheading"].strip().startswith("<h3")


def test_a_figure_without_alt_text_is_refused():
    from rugwijs.core.blocks import FigureBlock

    block = FigureBlock()
    with pytest.raises(StructBlockValidationError) as error:
        block.clean(block.to_python({"image": None, "alt_text": "   ", "caption": ""}))
    assert "alt_text" in error.value.block_errors
