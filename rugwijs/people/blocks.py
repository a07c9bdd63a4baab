from django.apps import apps
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks import StructBlockValidationError

from rugwijs.core import links
from rugwijs.core.blocks import LinkingBlockMixin, LinkTargetBlock, PrefetchedPagesMixin, preview_call_to_action


def preview_author_promo() -> dict:
    """The block picker's example: the first person of the team points to a self-test."""
    value = preview_call_to_action(
        "selftests.SelfTestPage",
        eyebrow="Hallo! Ik ben je fysiotherapeut",
        text="Ik help je graag op weg. Begin met deze korte test.",
        button_label="Doe de test",
    )
    return {**value, "person": apps.get_model("people.PersonPage").objects.live().first()}


class AuthorPromoBlock(LinkingBlockMixin, PrefetchedPagesMixin, blocks.StructBlock):
    """'Hallo! Ik ben …': a person introduces themselves and points to something worth doing.

    The button goes to the page (or address) the editor chooses in `link`, with `button_label` as its
    text; without a chosen link it introduces the person on their own page.
    """

    person = blocks.PageChooserBlock(label=_("person"), page_type="people.PersonPage")
    eyebrow = blocks.CharBlock(label=_("question"), max_length=120, required=False)
    text = blocks.TextBlock(label=_("text"), max_length=400)
    button_label = blocks.CharBlock(label=_("button text"), max_length=60, required=False)
    link = LinkTargetBlock(label=_("link"), optional=True)

    class Meta:
        icon = "user"
        label = _("Author introduces themselves")
        template = "people/blocks/author_promo_block.html"
        description = _("A person from the practice says hello and invites readers to a next step.")
        preview_value = staticmethod(preview_author_promo)

    def clean(self, value):
        value = super().clean(value)
        if self.has_chosen_link(value) and not value.get("button_label"):
            raise StructBlockValidationError({"button_label": ValidationError(_("A link needs a button text."))})
        return value

    def has_chosen_link(self, value) -> bool:
        return self.child_blocks["link"].is_chosen(value["link"])

    def target_url(self, value) -> str:
        person = value.get("person")
        if not links.leads_somewhere(person):
            return ""
        if self.has_chosen_link(value):
            return self.child_blocks["link"].get_url(value["link"])
        return person.url

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        context["person"] = value["person"]
        context["button_label"] = (
            value.get("button_label")
            if self.has_chosen_link(value)
            else _("Get to know %(name)s") % {"name": value["person"].title}
        )
        return context
