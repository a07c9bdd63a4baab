from wagtail import hooks
from wagtail.rich_text.pages import PageLinkHandler

from .prefetch import is_reachable, resolved_pages


class BatchedPageLinkHandler(PageLinkHandler):
    @classmethod
    def get_many(cls, attrs_list):
        pages = resolved_pages([attrs.get("id") for attrs in attrs_list])
        if pages is None:
            return super().get_many(attrs_list)
        # A link to a page that leads nowhere (core.links) keeps its words but loses its address.
        return [page if page is not None and is_reachable(page.pk) else None for page in pages]


# Registered after Wagtail's own page link handler (order=1), so this one replaces it.
@hooks.register("register_rich_text_features", order=1)
def batch_page_links(features):
    features.register_link_type(BatchedPageLinkHandler)
