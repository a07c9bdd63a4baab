from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "rugwijs.core"
    label = "core"
    verbose_name = "Rugwijs"

    def ready(self):
        from . import frontend_cache
        from .http import _tolerate_unnamed_charsets

        _tolerate_unnamed_charsets()
        frontend_cache.connect()
