from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.models import Page


@register_setting(icon="cog")
class SiteSettings(BaseSiteSetting):
    organisation_name = models.CharField(
        _("organisation name"),
        max_length=120,
        default="Rugwijs",
        help_text=_("Shown in the footer and to search engines."),
    )
    address = models.TextField(
        _("postal address"),
        blank=True,
        help_text=_("Street and number on the first line, postcode and town on the second."),
    )
    phone = models.CharField(_("phone number"), max_length=40, blank=True, help_text=_("For example: 024 123 45 67."))
    email = models.EmailField(_("e-mail address"), blank=True)
    footer_text = models.TextField(
        _("footer text"),
        blank=True,
        help_text=_("For example: this information does not replace a visit to your GP or physiotherapist."),
    )
    privacy_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("privacy statement"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    accessibility_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("accessibility statement"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    colophon_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("colophon"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    panels = [
        MultiFieldPanel(
            [FieldPanel("organisation_name"), FieldPanel("address"), FieldPanel("phone"), FieldPanel("email")],
            heading=_("Practice"),
        ),
        FieldPanel("footer_text"),
        MultiFieldPanel(
            [FieldPanel("privacy_page"), FieldPanel("accessibility_page"), FieldPanel("colophon_page")],
            heading=_("Pages linked in the footer"),
        ),
    ]

    select_related = ["privacy_page", "accessibility_page", "colophon_page"]

    class Meta:
        verbose_name = _("site settings")

    def footer_pages(self) -> list[Page]:
        """The privacy, accessibility and colophon pages that are published, in that order.

        They come with the settings themselves (`select_related`), so the footer on every page costs no query.
        """
        pages = (self.privacy_page, self.accessibility_page, self.colophon_page)
        return [page for page in pages if page is not None and page.live]
