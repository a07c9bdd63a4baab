from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "rugwijs.core"
    label = "core"
    verbose_name = "Rugwijs"
