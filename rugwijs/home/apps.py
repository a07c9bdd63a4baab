from django.apps import AppConfig


class HomeConfig(AppConfig):
    name = "rugwijs.home"
    label = "home"
    verbose_name = "Home"
