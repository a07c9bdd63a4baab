from django.apps import AppConfig


class ArticlesConfig(AppConfig):
    name = "rugwijs.articles"
    label = "articles"
    verbose_name = "Articles"

    def ready(self):
        from . import signals

        signals.connect(self)
