"""The blocks an article body is built from: sections with a heading, and calls to action between them."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks import StreamBlockValidationError, StructBlockValidationError

from rugwijs.core import toc
from rugwijs.core.blocks import (
    CalloutBlock,
    CourseOfferBlock,
    FigureBlock,
    ParagraphBlock,
    QuoteBlock,
    SelfTestPromoBlock,
    SubheadingBlock,
)
from rugwijs.people.blocks import AuthorPromoBlock


def call_to_action_blocks():
    return [
        ("selftest_promo", SelfTestPromoBlock()),
        ("course_offer", CourseOfferBlock()),
        ("author_promo", AuthorPromoBlock()),
    ]


class SectionContentBlock(blocks.StreamBlock):
    paragraph = ParagraphBlock()
    subheading = SubheadingBlock()
    figure = FigureBlock()
    callout = CalloutBlock()
    quote = QuoteBlock()
    selftest_promo = SelfTestPromoBlock()
    course_offer = CourseOfferBlock()
    author_promo = AuthorPromoBlock()


class SectionBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("heading"), max_length=120)
    anchor = blocks.CharBlock(
        label=_("anchor"),
        max_length=toc.MAX_ANCHOR_LENGTH,
        required=False,
        help_text=_(
            "The link target in the table of contents, for example 'wat-is-stress'. Filled in from the heading "
            "when left empty, and kept when the heading changes, so links to this section keep working."
        ),
    )
    content = SectionContentBlock(label=_("content"))

    class Meta:
        icon = "doc-full"
        label = _("Section")
        template = "articles/blocks/section_block.html"
        description = _("A part of the article with a heading; each section appears in the table of contents.")
        preview_value = {
            "heading": "Wat is stress?",
            "anchor": "wat-is-stress",
            "content": [("paragraph", "<p>Stress is de manier waarop je lichaam zich klaarmaakt voor actie.</p>")],
        }


class ArticleBodyBlock(blocks.StreamBlock):
    section = SectionBlock()
    selftest_promo = SelfTestPromoBlock()
    course_offer = CourseOfferBlock()
    author_promo = AuthorPromoBlock()

    def clean(self, value):
        """Give every section a unique anchor: check the ones editors typed, derive the rest once."""
        value = super().clean(value)
        sections = [(i, child) for i, child in enumerate(value) if child.block_type == "section"]
        errors, seen = {}, set()
        for index, child in sections:
            anchor = (child.value.get("anchor") or "").strip()
            if not anchor:
                continue
            if not toc.is_valid_anchor(anchor):
                message = _("Use lower-case letters, digits and hyphens, starting with a letter.")
            elif anchor in toc.RESERVED_ANCHORS:
                message = _("'%(anchor)s' is used by the page itself; choose another.") % {"anchor": anchor}
            elif anchor in seen:
                message = _("Another section already uses '%(anchor)s'.") % {"anchor": anchor}
            else:
                seen.add(anchor)
                continue
            errors[index] = StructBlockValidationError({"anchor": ValidationError(message)})
        if errors:
            raise StreamBlockValidationError(block_errors=errors)
        anchors = toc.unique_anchors(
            [(child.value.get("anchor") or "").strip() or None for _index, child in sections],
            [child.value["heading"] for _index, child in sections],
        )
        for (_index, child), anchor in zip(sections, anchors, strict=True):
            child.value["anchor"] = anchor
        return value
