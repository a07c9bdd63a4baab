"""Content blocks every app can use. Each explains itself in the editor's block picker."""

from functools import partial

from django.apps import apps
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks import StructBlockValidationError
from wagtail.images import get_image_model
from wagtail.images.blocks import ImageChooserBlock

from . import links
from .prefetch import prefetched_images, resolved_pages

RICH_TEXT_FEATURES = ["bold", "italic", "link", "ol", "ul"]

# Previews in the block picker that need something from the database (an image, a page to link to) get
# their value from these; Meta holds them as staticmethods, so Wagtail calls them when it shows the preview.


def preview_image() -> dict:
    image = get_image_model().objects.first()
    return {"image": image, "alt_text": "Een voorbeeldafbeelding", "caption": "Een bijschrift onder de afbeelding"}


def preview_call_to_action(model_label: str, **value) -> dict:
    """A call to action that links to a live page of this kind, so its preview shows the button."""
    page = apps.get_model(model_label).objects.live().first()
    return {**value, "link": {"page": page, "url": "" if page else "https://www.thuisarts.nl/"}}


HEADING_LEVELS = [("h3", _("Level 3 (below a section heading)")), ("h4", _("Level 4"))]


class SubheadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("text"), max_length=120)
    level = blocks.ChoiceBlock(
        label=_("level"),
        choices=HEADING_LEVELS,
        default="h3",
        help_text=_("Screen readers use levels to navigate; pick the level that matches the structure."),
    )

    class Meta:
        icon = "title"
        label = _("Subheading")
        template = "core/blocks/subheading_block.html"
        description = _("A smaller heading inside a section.")
        preview_value = {"text": "Wat kun je zelf doen?", "level": "h3"}


class ParagraphBlock(blocks.RichTextBlock):
    def __init__(self, **kwargs):
        kwargs.setdefault("features", RICH_TEXT_FEATURES)
        super().__init__(**kwargs)

    class Meta:
        icon = "pilcrow"
        label = _("Text")
        template = "core/blocks/paragraph_block.html"
        description = _("Text with bold, italic, links and lists.")
        preview_value = (
            "<p>Bewegen helpt. Begin rustig en <b>bouw op</b>.</p><ul><li>wandelen</li><li>fietsen</li></ul>"
        )


class FigureImageChooserBlock(ImageChooserBlock):
    """Takes images from the page's prefetched batch (core.prefetch) when there is one."""

    def bulk_to_python(self, values):
        values = list(values)
        images = prefetched_images(values)
        return images if images is not None else super().bulk_to_python(values)


class FigureBlock(blocks.StructBlock):
    image = FigureImageChooserBlock(label=_("image"))
    alt_text = blocks.CharBlock(
        label=_("alt text"),
        max_length=250,
        help_text=_("Describe what the image shows for people who cannot see it."),
    )
    caption = blocks.CharBlock(label=_("caption"), max_length=250, required=False)

    class Meta:
        icon = "image"
        label = _("Image")
        template = "core/blocks/figure_block.html"
        description = _("An image with required alt text and an optional caption.")
        preview_value = staticmethod(preview_image)

    def clean(self, value):
        value = super().clean(value)
        if not value["alt_text"].strip():
            raise StructBlockValidationError({"alt_text": ValidationError(_("An image needs alt text."))})
        return value


class CalloutBlock(blocks.StructBlock):
    variant = blocks.ChoiceBlock(
        label=_("kind"),
        choices=[("tip", _("Tip")), ("let-op", _("Watch out")), ("goed-om-te-weten", _("Good to know"))],
        default="tip",
    )
    title = blocks.CharBlock(label=_("title"), max_length=80)
    text = ParagraphBlock(label=_("text"))

    class Meta:
        icon = "help"
        label = _("Callout")
        template = "core/blocks/callout_block.html"
        description = _("A highlighted box for a tip, a warning or something good to know.")
        preview_value = {"variant": "tip", "title": "Tip", "text": "<p>Wandel elke dag een kwartier.</p>"}


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(label=_("quote"), max_length=500)
    attribution = blocks.CharBlock(label=_("who said it"), max_length=120, required=False)

    class Meta:
        icon = "openquote"
        label = _("Quote")
        template = "core/blocks/quote_block.html"
        description = _("A short quote, for example from a patient or a guideline.")
        preview_value = {"text": "Na twee weken wandelen durfde ik weer te fietsen.", "attribution": "Een lezer"}


class PrefetchedPagesMixin:
    """For a StructBlock: its page choosers take their pages from the page's prefetched batch (core.prefetch).

    Each value remembers the page ids it was stored with (`chosen_page_ids`), so a chosen page that was
    deleted since is told apart from no page chosen at all.
    """

    def _page_chooser_names(self) -> list[str]:
        return [name for name, child in self.child_blocks.items() if isinstance(child, blocks.PageChooserBlock)]

    def to_python(self, value):
        struct = super().to_python(value)
        struct.chosen_page_ids = {name: value.get(name) for name in self._page_chooser_names()}
        return struct

    def bulk_to_python(self, values):
        values = list(values)
        names = self._page_chooser_names()
        batched = {name: resolved_pages([value.get(name) for value in values]) for name in names}
        batched = {name: pages for name, pages in batched.items() if pages is not None}
        converted = super().bulk_to_python(
            [{key: item for key, item in value.items() if key not in batched} for value in values]
        )
        for struct, value in zip(converted, values, strict=True):
            struct.chosen_page_ids = {name: value.get(name) for name in names}
        for name, pages in batched.items():
            for struct, page in zip(converted, pages, strict=True):
                struct[name] = page
        return converted


class LinkingBlockMixin:
    """A block that exists to send readers somewhere renders nothing at all when its target leads nowhere.

    Subclasses say where with `target_url(value)`; the template gets it as `href`.
    """

    def target_url(self, value) -> str:
        raise NotImplementedError

    def render(self, value, context=None):
        return super().render(value, context) if self.target_url(value) else ""

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        context["href"] = self.target_url(value)
        return context


class LinkTargetBlock(PrefetchedPagesMixin, blocks.StructBlock):
    """A link to a page on this site or to an address elsewhere; exactly one of the two.

    With optional=True both may stay empty.
    """

    page = blocks.PageChooserBlock(label=_("page"), required=False)
    url = blocks.URLBlock(label=_("or an address"), required=False)

    class Meta:
        icon = "link"
        label = _("Link")
        form_classname = "link-target-block"

    def __init__(self, *args, optional=False, **kwargs):
        self.optional = optional
        super().__init__(*args, **kwargs)

    def clean(self, value):
        value = super().clean(value)
        has_page, has_url = bool(value.get("page")), bool(value.get("url"))
        if has_page and has_url:
            raise StructBlockValidationError(
                {"url": ValidationError(_("Choose a page or enter an address, not both."))}
            )
        if not (has_page or has_url or self.optional):
            raise StructBlockValidationError({"page": ValidationError(_("Choose a page or enter an address."))})
        return value

    def deconstruct(self):
        path, args, kwargs = super().deconstruct()
        if self.optional:
            kwargs["optional"] = True
        return path, args, kwargs

    @staticmethod
    def is_chosen(value) -> bool:
        """Whether the editor gave a target, even a page that has been deleted since."""
        return bool(value.get("page") or value.get("url") or getattr(value, "chosen_page_ids", {}).get("page"))

    def get_url(self, value) -> str:
        """The address to link to; empty when none was given or the chosen page leads nowhere (core.links)."""
        if value.get("url") and not value.get("page"):
            return value["url"]
        return links.url_for(value.get("page"))


class CallToActionBlock(LinkingBlockMixin, blocks.StructBlock):
    eyebrow = blocks.CharBlock(label=_("question above the title"), max_length=120, required=False)
    title = blocks.CharBlock(label=_("title"), max_length=140)
    text = blocks.TextBlock(label=_("text"), max_length=400, required=False)
    button_label = blocks.CharBlock(label=_("button text"), max_length=60)
    link = LinkTargetBlock(label=_("link"))

    class Meta:
        icon = "pick"
        template = "core/blocks/call_to_action_block.html"
        description = _("A box that invites readers to a next step.")
        preview_value = staticmethod(
            partial(
                preview_call_to_action,
                "articles.ArticlePage",
                title="Wil je weten wat je zelf kunt doen?",
                button_label="Lees de tips",
            )
        )

    def target_url(self, value) -> str:
        return self.child_blocks["link"].get_url(value["link"])

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        context["variant"] = self.meta.variant
        return context


class SelfTestPromoBlock(CallToActionBlock):
    class Meta:
        label = _("Promote a self-test")
        description = _("Invites readers to take a short self-test.")
        icon = "tasks"
        variant = "selftest"
        preview_value = staticmethod(
            partial(
                preview_call_to_action,
                "selftests.SelfTestPage",
                eyebrow="Straalt je pijn uit naar je been?",
                title="Test in 2 minuten of je pijn past bij zenuw-, spier- of gewrichtsklachten",
                text="Je krijgt een persoonlijke uitleg in gewone taal.",
                button_label="Ja, ik wil het weten",
            )
        )


class CourseOfferBlock(CallToActionBlock):
    class Meta:
        label = _("Promote the courses")
        description = _("Points readers to the course offering.")
        icon = "calendar"
        variant = "course"
        preview_value = staticmethod(
            partial(
                preview_call_to_action,
                "core.StandardPage",
                title="Zelf aan de slag met je rug?",
                text="Volg een online cursus in je eigen tempo.",
                button_label="Bekijk het cursusaanbod",
            )
        )
