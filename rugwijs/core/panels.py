"""Admin panels shared by page types."""

from django.utils.functional import cached_property
from wagtail.admin.panels import Panel


class ListingCheckPanel(Panel):
    """Tells the editor what a card of this page will fill in for them (the page's `listing_gaps()`).

    A warning, not a block: a page without a summary or image can be published and still makes a card.
    """

    class BoundPanel(Panel.BoundPanel):
        template_name = "core/panels/listing_check.html"

        @cached_property
        def gaps(self) -> list[str]:
            return self.instance.listing_gaps() if self.instance else []

        def is_shown(self):
            return bool(self.gaps) and super().is_shown()

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            context["gaps"] = self.gaps
            return context
