"""The site's URLs plus addresses that fail on purpose, for the error-page tests only."""

from django.db import OperationalError
from django.urls import path

from rugwijs import urls as site


def broken(request):
    raise RuntimeError("broken on purpose")


def database_gone(request):
    raise OperationalError("connection to server at 127.0.0.1 failed: Connection refused")


urlpatterns = [
    path("kapot/", broken),
    path("api/kapot/", broken),
    path("db-weg/", database_gone),
    path("api/db-weg/", database_gone),
    *site.urlpatterns,
]
handler404 = site.handler404
handler500 = site.handler500
