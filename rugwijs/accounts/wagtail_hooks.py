from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from . import urls


@hooks.register("register_admin_urls")
def register_2fa_urls():
    return [path("2fa/", include(urls))]


@hooks.register("register_account_menu_item")
def two_factor_account_item(request):
    return {
        "url": reverse("accounts_2fa"),
        "label": _("Two-step verification"),
        "help_text": _("Recovery codes and the authenticator app on your phone."),
    }
