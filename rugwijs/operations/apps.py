from django.apps import AppConfig


class OperationsConfig(AppConfig):
    name = "rugwijs.operations"
    label = "operations"
    verbose_name = "Operations"
