"""Course videos: wagtailmedia's library, with the captions file and transcript a lesson needs."""

from django.core.exceptions import ValidationError
from django.core.validators import FileExtensionValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtailmedia.models import AbstractMedia


class CourseVideo(AbstractMedia):
    captions = models.FileField(
        _("captions (WebVTT)"),
        upload_to="media_captions",
        validators=[FileExtensionValidator(["vtt"])],
        help_text=_("A .vtt file with what is said, for people who cannot hear it. Required for video."),
        blank=True,
    )
    transcript = models.TextField(
        _("transcript"), blank=True, help_text=_("What the video says and shows, as text under the video.")
    )

    admin_form_fields = (*AbstractMedia.admin_form_fields, "captions", "transcript")

    class Meta(AbstractMedia.Meta):
        verbose_name = _("course video")
        permissions = [("choose_coursevideo", "Can choose course video")]

    def clean(self, *args, **kwargs):
        super().clean(*args, **kwargs)
        if self.type == "video" and not self.captions:
            raise ValidationError({"captions": _("A video needs a captions file (.vtt).")})
