from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "rugwijs.accounts"
    label = "accounts"
    verbose_name = _("Accounts")

    def ready(self):
        from . import personal_data

        personal_data.register("account", exporter=personal_data.export_account, eraser=personal_data.erase_account)
