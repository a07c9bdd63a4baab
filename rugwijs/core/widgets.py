"""Admin widgets shared by the apps."""

from django import forms
from django.templatetags.static import static
from django.utils.translation import gettext_lazy as _
from wagtail.admin.rich_text import DraftailRichTextArea
from wagtail.admin.rich_text.editors.draftail import DraftailRichTextAreaAdapter
from wagtail.admin.telepath import register


class LazyRichTextArea(DraftailRichTextArea):
    """Draftail that starts when the editor opens the field; until then the field shows its text.

    For rich text in StreamField blocks of long forms (WAGTAILADMIN_RICH_TEXT_EDITORS "lazy"): each Draftail
    editor costs the browser tens of milliseconds to start, and most are not touched in a visit. The stored
    value and what the form posts stay exactly Draftail's. Outside blocks it is plain Draftail.
    """

    @property
    def media(self):
        return super().media + forms.Media(
            js=[static("core/admin/lazy-rich-text.js")], css={"all": [static("core/admin/lazy-rich-text.css")]}
        )


class LazyRichTextAreaAdapter(DraftailRichTextAreaAdapter):
    js_constructor = "rugwijs.widgets.LazyRichTextArea"

    def js_args(self, widget):
        strings = {"edit": _("Edit text"), "empty": _("No text yet.")}
        return [*super().js_args(widget), strings]


register(LazyRichTextAreaAdapter(), LazyRichTextArea)
