"""Learner pages of our own under /account/; allauth's (login, sign-up, e-mail, 2FA, ...) sit beside them."""

from django.urls import path

from . import learner_views

app_name = "accounts"

urlpatterns = [
    path("", learner_views.overview, name="overview"),
    path("gegevens/download/", learner_views.export_data, name="export"),
    path("verwijderen/", learner_views.delete_account, name="delete"),
    path("verwijderd/", learner_views.deleted, name="deleted"),
]
