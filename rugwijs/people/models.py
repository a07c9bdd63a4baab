from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Prefetch
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.images import get_image_model
from wagtail.models import PageManager
from wagtail.query import PageQuerySet
from wagtail.search import index

from rugwijs.core import structured_data
from rugwijs.core.images import PERSON_PHOTO_SPECS
from rugwijs.core.models import BasePage


class Role(models.Model):
    """A professional role such as manual therapist, researcher or teacher."""

    name = models.CharField(_("name"), max_length=80, unique=True)

    panels = [FieldPanel("name")]

    class Meta:
        ordering = ["name"]
        verbose_name = _("role")
        verbose_name_plural = _("roles")

    def __str__(self):
        return self.name


class PersonLinkBlock(blocks.StructBlock):
    label = blocks.CharBlock(label=_("label"), max_length=80)
    url = blocks.URLBlock(label=_("address"))

    class Meta:
        icon = "link"
        label = _("Link")


class PersonIndexPage(BasePage):
    intro = models.TextField(_("intro"), blank=True)

    content_panels = BasePage.content_panels + [FieldPanel("intro")]
    subpage_types = ["people.PersonPage"]
    max_count = 1

    class Meta:
        verbose_name = _("team page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["people"] = PersonPage.objects.live().public().child_of(self).for_display()
        return context


class PersonPageQuerySet(PageQuerySet):
    def for_display(self):
        """What a person's box, promo or list entry shows: photo with its renditions and roles, in three queries."""
        rendition_model = get_image_model().get_rendition_model()
        renditions = rendition_model.objects.filter(filter_spec__in=PERSON_PHOTO_SPECS)
        return self.select_related("photo").prefetch_related(
            "roles", Prefetch("photo__renditions", queryset=renditions)
        )


SHORT_BIO_LENGTH = 300
# Without a short bio, the author box shows as many opening sentences of the bio as fit in this.
AUTHOR_BOX_BIO_FALLBACK = 200


class PersonPage(BasePage):
    photo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("photo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    photo_alt = models.CharField(_("alt text of the photo"), max_length=250, blank=True)
    roles = ParentalManyToManyField(Role, verbose_name=_("roles"), blank=True, related_name="people")
    profession = models.CharField(
        _("profession"),
        max_length=80,
        blank=True,
        help_text=_("Shown with the name when this person reviews an article, e.g. 'huisarts'."),
    )
    specialism = models.CharField(_("specialism"), max_length=200, blank=True)
    short_bio = models.TextField(
        _("short bio"),
        blank=True,
        max_length=SHORT_BIO_LENGTH,
        help_text=_("One or two sentences for the author box under the article title. Empty: the start of the bio."),
    )
    bio = models.TextField(_("bio"), blank=True, max_length=1200)
    greeting = models.CharField(
        _("greeting"), max_length=120, blank=True, help_text=_("Shown on promo blocks, e.g. 'Hallo! Ik ben Mila'.")
    )
    links = StreamField([("link", PersonLinkBlock())], verbose_name=_("links"), blank=True)

    content_panels = BasePage.content_panels + [
        MultiFieldPanel([FieldPanel("photo"), FieldPanel("photo_alt")], heading=_("Photo")),
        FieldPanel("roles", widget=forms.CheckboxSelectMultiple),
        FieldPanel("profession"),
        FieldPanel("specialism"),
        FieldPanel("short_bio"),
        FieldPanel("bio"),
        FieldPanel("greeting"),
        FieldPanel("links"),
    ]
    search_fields = BasePage.search_fields + [
        index.SearchField("title", boost=2),
        index.SearchField("specialism", boost=1.5),
        index.SearchField("bio"),
        index.RelatedFields("roles", [index.SearchField("name")]),
    ]
    parent_page_types = ["people.PersonIndexPage"]
    subpage_types = []

    objects = PageManager.from_queryset(PersonPageQuerySet)()

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")

    @property
    def name(self) -> str:
        return self.title

    def clean(self):
        super().clean()
        if self.photo_id and not self.photo_alt.strip():
            raise ValidationError({"photo_alt": _("A photo needs alt text.")})

    def role_names(self) -> list[str]:
        return [role.name for role in self.roles.all()]

    @property
    def profession_label(self) -> str:
        """What to call this person next to their name: the profession, or else their roles."""
        return self.profession or ", ".join(self.role_names())

    @property
    def author_box_bio(self) -> str:
        """The short bio, or else the bio's opening sentences that fit in the same length."""
        if self.short_bio.strip():
            return self.short_bio.strip()
        sentences = self.bio.replace("\n", " ").split(". ")
        opening = ""
        for sentence in sentences:
            candidate = f"{opening} {sentence}".strip()
            if len(candidate) > AUTHOR_BOX_BIO_FALLBACK:
                break
            opening = candidate if candidate.endswith(".") else f"{candidate}."
        return opening or Truncator(self.bio).chars(AUTHOR_BOX_BIO_FALLBACK)

    def get_og_type(self) -> str:
        return "profile"

    def pages_showing_this(self) -> list:
        """The articles that name this person as author or reviewer."""
        return [*self.authored_articles.live(), *self.reviewed_articles.live()]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["person_data"] = {
            **structured_data.person(request, self),
            "description": self.specialism,
            "knowsAbout": self.specialism,
        }
        # The reverse relation keeps people independent of the articles app.
        context["articles"] = self.authored_articles.live().public().for_listing().newest_first()
        return context
