from .base import BasePage
from .mixins import ListingMixin
from .pages import StandardPage
from .settings import SiteSettings

__all__ = ["BasePage", "ListingMixin", "SiteSettings", "StandardPage"]
