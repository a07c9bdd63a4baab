from django.urls import path

from . import certificate_views, views

app_name = "courses"
urlpatterns = [
    path("leren/mijn-cursussen/", views.my_courses, name="my_courses"),
    path("leren/cursus/<int:course_id>/inschrijven/", views.enrol, name="enrol"),
    path("leren/les/<int:lesson_id>/klaar/", views.mark_done, name="mark_done"),
    path("leren/cursus/<int:course_id>/certificaat/", certificate_views.certificate, name="certificate"),
    path(
        "leren/cursus/<int:course_id>/certificaat.pdf",
        certificate_views.certificate_download,
        name="certificate_download",
    ),
    # Public: anyone checks a code from a certificate here; the second form is the link in the PDF.
    path("certificaat/", certificate_views.verify, name="certificate_verify_form"),
    path("certificaat/<str:code>/", certificate_views.verify, name="certificate_verify"),
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
