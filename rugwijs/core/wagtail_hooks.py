from wagtail import hooks
from wagtail.rich_text.pages import PageLinkHandler

from .prefetch import resolved_pages


class BatchedPageLinkHandler(PageLinkHandler):
    @classmethod
    def get_many(cls, attrs_list):
        pages = resolved_pages([str(attrs.get("id")) for attrs in attrs_list])
        return pages if pages is not None else super().get_many(attrs_list)


# Registered after Wagtail's own page link handler (order=1), so this one replaces it.
@hooks.register("register_rich_text_features", order=1)
def batch_page_links(features):
    features.register_link_type(BatchedPageLinkHandler)
