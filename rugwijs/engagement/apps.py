from django.apps import AppConfig


class EngagementConfig(AppConfig):
    name = "rugwijs.engagement"
    label = "engagement"
    verbose_name = "Engagement"

    def ready(self):
        from . import countable

        countable.connect()
