from django.urls import path

from . import views

app_name = "engagement"
urlpatterns = [
    path("views/<int:page_id>/", views.count_view, name="count_view"),
    path("helpful/<int:page_id>/", views.vote, name="vote"),
    path("helpful/<int:page_id>/comment/", views.comment, name="comment"),
]
