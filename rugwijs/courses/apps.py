from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoursesConfig(AppConfig):
    name = "rugwijs.courses"
    label = "courses"
    verbose_name = _("Courses")

    def ready(self):
        from rugwijs.accounts import personal_data, sections

        from . import personal_data as course_data

        personal_data.register("courses", exporter=course_data.export, eraser=course_data.erase)
        sections.register("courses/includes/account_section.html", order=10)
