from .certificates import Certificate
from .learner import Denied, LearnerCourse, LessonAccess, courses_of
from .learning import Enrolment, LessonCompletion, ModuleOpening
from .media import CourseVideo
from .pages import CourseIndexPage, CourseModulePage, CoursePage, CourseTeacher, LessonPage

__all__ = [
    "Certificate",
    "CourseIndexPage",
    "CourseModulePage",
    "CoursePage",
    "CourseTeacher",
    "CourseVideo",
    "Denied",
    "LearnerCourse",
    "LessonAccess",
    "Enrolment",
    "LessonCompletion",
    "LessonPage",
    "courses_of",
    "ModuleOpening",
]
