from django.apps import AppConfig


class SelftestsConfig(AppConfig):
    name = "rugwijs.selftests"
    label = "selftests"
    verbose_name = "Self-tests"
