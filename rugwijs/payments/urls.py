from django.urls import path

from . import views

app_name = "payments"
urlpatterns = [
    path("leren/cursus/<int:course_id>/betalen/", views.start, name="start"),
    path("leren/betaling/<uuid:reference>/", views.returned, name="returned"),
    path("betalingen/webhook/", views.webhook, name="webhook"),
]
