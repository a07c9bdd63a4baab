from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "rugwijs.demo"
    label = "demo"
    verbose_name = "Demo content"
