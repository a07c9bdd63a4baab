from django.urls import path

from . import views

urlpatterns = [
    path("", views.manage, name="accounts_2fa"),
    path("verify/", views.verify, name="accounts_2fa_verify"),
    path("setup/", views.setup, name="accounts_2fa_setup"),
]
