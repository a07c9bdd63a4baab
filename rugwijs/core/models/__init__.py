from .mixins import BasePage, ListingMixin
from .pages import StandardPage
from .settings import SiteSettings

__all__ = ["BasePage", "ListingMixin", "SiteSettings", "StandardPage"]
