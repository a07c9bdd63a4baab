from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting


@register_setting(icon="cog")
class SiteSettings(BaseSiteSetting):
    organisation_name = models.CharField(
        _("organisation name"),
        max_length=120,
        default="Rugwijs",
        help_text=_("Shown in the footer and to search engines."),
    )
    footer_text = models.TextField(
        _("footer text"),
        blank=True,
        help_text=_("For example: this information does not replace a visit to your GP or physiotherapist."),
    )

    class Meta:
        verbose_name = _("site settings")
