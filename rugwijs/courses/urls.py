from django.urls import path

from . import views

app_name = "courses"
urlpatterns = [
    path("leren/mijn-cursussen/", views.my_courses, name="my_courses"),
    path("leren/cursus/<int:course_id>/inschrijven/", views.enrol, name="enrol"),
    path("leren/les/<int:lesson_id>/klaar/", views.mark_done, name="mark_done"),
    path(
        "leren/les/<int:lesson_id>/bestand/<int:document_id>/<str:filename>",
        views.lesson_document,
        name="lesson_document",
    ),
    path(
        "leren/les/<int:lesson_id>/video/<int:video_id>/video",
        views.lesson_video,
        {"part": "bestand"},
        name="lesson_video",
    ),
    path(
        "leren/les/<int:lesson_id>/video/<int:video_id>/ondertiteling.vtt",
        views.lesson_video,
        {"part": "ondertiteling"},
        name="lesson_video_captions",
    ),
    path(
        "leren/les/<int:lesson_id>/video/<int:video_id>/poster",
        views.lesson_video,
        {"part": "poster"},
        name="lesson_video_poster",
    ),
]
