from .base import BasePage, in_private_section, published_page
from .mixins import ListingMixin
from .pages import StandardPage
from .settings import SiteSettings

__all__ = ["BasePage", "ListingMixin", "SiteSettings", "StandardPage", "in_private_section", "published_page"]
