from .base import BasePage, published_page
from .mixins import ListingMixin
from .pages import StandardPage
from .settings import SiteSettings

__all__ = ["BasePage", "ListingMixin", "SiteSettings", "StandardPage", "published_page"]
