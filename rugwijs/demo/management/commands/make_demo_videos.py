import time

from django.core.management.base import BaseCommand, CommandError

from rugwijs.demo import videos


class Command(BaseCommand):
    help = (
        "Make the course videos again from the course JSON (slides, spoken captions) and write the measured "
        "caption timings back. Needs ffmpeg and espeak-ng; the committed videos do not."
    )

    def add_arguments(self, parser):
        parser.add_argument("--course", help="only this course slug")

    def handle(self, *args, course=None, **options):
        started = time.monotonic()
        try:
            made = videos.regenerate(only_course=course)
        except videos.MissingTool as error:
            raise CommandError(str(error)) from error
        if not made:
            raise CommandError(f"No video blocks found{f' in course {course}' if course else ''}.")
        for path, seconds, size in made:
            self.stdout.write(f"{path.name}: {seconds:.1f} s, {size / 1000:.0f} kB")
        too_big = [path.name for path, _seconds, size in made if size > videos.SIZE_BUDGET]
        if too_big:
            raise CommandError(f"Over the {videos.SIZE_BUDGET // 1000} kB budget: {', '.join(too_big)}")
        self.stdout.write(self.style.SUCCESS(f"Made {len(made)} videos in {time.monotonic() - started:.0f} s."))
