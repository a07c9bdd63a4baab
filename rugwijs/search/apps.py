from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "rugwijs.search"
    label = "site_search"
    verbose_name = "Search"
