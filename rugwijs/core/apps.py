from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "rugwijs.core"
    label = "core"
    verbose_name = "Rugwijs"

    def ready(self):
        from . import content_state, frontend_cache
        from .http import _tolerate_unnamed_charsets

        _tolerate_unnamed_charsets()
        frontend_cache.connect()
        content_state.connect()
