from django.apps import AppConfig


class PeopleConfig(AppConfig):
    name = "rugwijs.people"
    label = "people"
    verbose_name = "People"
