"""Builds the demo courses from content/courses/*.json: catalogue, courses, modules, lessons, their files and videos.

Like the rest of the demo, it creates what is missing and never overwrites: a course that exists (perhaps
edited since) is left alone, lessons and all.
"""

import json
from pathlib import Path

from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.text import slugify
from wagtail.documents import get_document_model
from wagtail.models import Collection, CollectionViewRestriction, Page

from rugwijs.courses.models import CourseIndexPage, CourseModulePage, CoursePage, CourseTeacher, CourseVideo, LessonPage

from . import videos, worksheets

CONTENT_DIR = Path(__file__).resolve().parent / "content"
COURSE_DIR = CONTENT_DIR / "courses"
MATERIAL_COLLECTION = "Cursusmateriaal"
# Wagtail's own groups; only they may download course files at /documents/, learners get them through lessons.
STAFF_GROUPS = ("Editors", "Moderators")


class CourseLoader:
    def __init__(self, loader):
        self.loader = loader  # the DemoLoader: shared helpers and its list of what was created
        self.index_data = loader.site_data["course_index"]
        self.courses_data = [json.loads(p.read_text(encoding="utf-8")) for p in sorted(COURSE_DIR.glob("*.json"))]

    @transaction.atomic
    def load(self, home, people) -> None:
        index = self.course_index(home)
        for data in self.courses_data:
            if not CoursePage.objects.filter(slug=data["slug"]).exists():
                self.course(index, data, people)

    def course_index(self, home) -> CourseIndexPage:
        existing = CourseIndexPage.objects.first()
        if existing:
            return existing
        data = self.index_data
        page = CourseIndexPage(
            title=data["title"], slug=data["slug"], intro=data["intro"], summary=data["intro"][:300], show_in_menus=True
        )
        return self.loader._add(home, page, "course catalogue")

    def course(self, index, data, people) -> CoursePage:
        course = CoursePage(
            title=data["title"],
            slug=data["slug"],
            intro=data["intro"],
            summary=data["summary"],
            audience=[("item", item) for item in data["audience"]],
            outcomes=[("item", item) for item in data["outcomes"]],
            duration=data["duration"],
            price_cents=data["price_cents"],
            faq=[
                ("question", {"question": item["question"], "answer": self.loader.rich_text(item["answer"])})
                for item in data["faq"]
            ],
        )
        for order, key in enumerate(data["teachers"]):
            course.teachers.add(CourseTeacher(person=people[key], sort_order=order))
        self.loader._add(index, course, "course")
        previous = None
        for module_data in data["modules"]:
            module = CourseModulePage(
                title=module_data["title"],
                slug=slugify(module_data["title"]),
                intro=module_data["intro"],
                opens_after_days=module_data["opens_after_days"],
                required_module=previous if module_data["requires_previous"] else None,
            )
            self.loader._add(course, module, "course module")
            for lesson_data in module_data["lessons"]:
                lesson = LessonPage(
                    title=lesson_data["title"],
                    slug=lesson_data["slug"],
                    minutes=lesson_data["minutes"],
                    free_preview=lesson_data["free_preview"],
                    body=[self.block(block, data, lesson_data) for block in lesson_data["blocks"]],
                )
                self.loader._add(module, lesson, "lesson")
            previous = module
        return course

    def block(self, data, course_data, lesson_data) -> tuple:
        kind = data["type"]
        if kind == "subheading":
            # A lesson's own headings sit right below its title.
            return ("subheading", {"text": data["text"], "level": "h2"})
        if kind == "video":
            return ("video", {"video": self.video(data, course_data, lesson_data), "description": data["description"]})
        if kind == "document":
            return ("document", {"document": self.document(data, course_data), "title": data["title"]})
        if kind == "quiz":
            return ("quiz", {"title": data["title"], "questions": data["questions"]})
        if kind == "selftest":
            return ("selftest", {"page": Page.objects.get(slug=data["page"]), "text": data["text"]})
        return self.loader.block(data)

    # Files ----------------------------------------------------------------------------------------

    def material_collection(self) -> Collection:
        existing = Collection.objects.filter(name=MATERIAL_COLLECTION).first()
        if existing:
            return existing
        collection = Collection.get_first_root_node().add_child(name=MATERIAL_COLLECTION)
        restriction = CollectionViewRestriction.objects.create(
            collection=collection, restriction_type=CollectionViewRestriction.GROUPS
        )
        restriction.groups.set(Group.objects.filter(name__in=STAFF_GROUPS))
        return collection

    def document(self, data, course_data):
        model = get_document_model()
        existing = model.objects.filter(title=data["title"]).first()
        if existing:
            return existing
        pdf = worksheets.worksheet_pdf(
            data, course_title=course_data["title"], practice_name=self.loader.site_data["home"]["title"]
        )
        document = model(title=data["title"], collection=self.material_collection())
        document.file.save(data["filename"], ContentFile(pdf), save=False)
        document.save()
        self.loader.created.append(f"course document: {document.title}")
        return document

    def video(self, data, course_data, lesson_data) -> CourseVideo:
        existing = CourseVideo.objects.filter(title=data["title"]).first()
        if existing:
            return existing
        video_file = videos.video_path(course_data["slug"], lesson_data["slug"])
        poster = videos.poster_path(course_data["slug"], lesson_data["slug"])
        cues = videos.parse_vtt(data["captions_vtt"])
        width, height = videos.SIZE
        video = CourseVideo(
            title=data["title"],
            type="video",
            duration=round(cues[-1].end, 1),
            width=width,
            height=height,
            collection=self.material_collection(),
            # What is said, as running text: the cues are parts of sentences.
            transcript=" ".join(cue.text.replace("\n", " ") for cue in cues),
        )
        video.file.save(video_file.name, ContentFile(video_file.read_bytes()), save=False)
        video.thumbnail.save(poster.name, ContentFile(poster.read_bytes()), save=False)
        video.captions.save(video_file.stem + ".vtt", ContentFile(data["captions_vtt"].encode()), save=False)
        video.save()
        self.loader.created.append(f"course video: {video.title}")
        return video
