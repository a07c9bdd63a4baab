from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PaymentsConfig(AppConfig):
    name = "rugwijs.payments"
    label = "payments"
    verbose_name = _("Payments")

    def ready(self):
        from rugwijs.accounts import personal_data
        from rugwijs.courses import report_sections

        from . import personal_data as payment_data
        from .report import payments_section

        personal_data.register("payments", exporter=payment_data.export, eraser=payment_data.erase)
        report_sections.register(payments_section)
