from django.urls import path

from . import api, views

app_name = "selftests"
urlpatterns = [
    path("zelftest/<int:page_id>/uitslag/", views.result, name="result"),
    path("zelftest/<int:page_id>/mail/", views.mail_result, name="mail_result"),
    path("api/selftests/", api.selftest_list, name="api_list"),
    path("api/selftests/<slug:slug>/", api.selftest_detail, name="api_detail"),
    path("api/selftests/<slug:slug>/result/", api.selftest_result, name="api_result"),
]
