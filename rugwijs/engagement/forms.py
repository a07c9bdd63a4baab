import re

from django import forms
from django.core import signing
from django.utils.translation import gettext_lazy as _

from rugwijs.core.numbers import dutch_thousands

from .models import COMMENT_MAX_LENGTH

COMMENT_TOKEN_SALT = "rugwijs.engagement.comment"  # noqa: S105 - a namespace for signing, not a secret
COMMENT_TOKEN_MAX_AGE = 2 * 60 * 60  # long enough to write a comment, short enough to go stale
_CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def comment_token(vote_id: int, helpful: bool, page_id: int) -> str:
    return signing.dumps({"vote": vote_id, "helpful": helpful, "page": page_id}, salt=COMMENT_TOKEN_SALT, compress=True)


def read_comment_token(token: str, page_id: int | None = None) -> dict | None:
    """The vote a comment belongs to, if the token is genuine, fresh and (when given) for this page."""
    try:
        data = signing.loads(token, salt=COMMENT_TOKEN_SALT, max_age=COMMENT_TOKEN_MAX_AGE)
    except signing.BadSignature:
        return None
    if not isinstance(data, dict) or not isinstance(data.get("vote"), int):
        return None
    if page_id is not None and data.get("page") != page_id:
        return None
    return data


class VoteForm(forms.Form):
    helpful = forms.ChoiceField(
        choices=[("ja", _("Yes")), ("nee", _("No"))],
        error_messages={
            "required": _("Choose yes or no."),
            "invalid_choice": _("Choose yes or no."),
        },
    )

    @property
    def is_helpful(self) -> bool:
        return self.cleaned_data["helpful"] == "ja"


class CommentForm(forms.Form):
    token = forms.CharField(
        widget=forms.HiddenInput, error_messages={"required": _("This comment form has expired. Vote again first.")}
    )
    comment = forms.CharField(
        label=_("What could we improve?"),
        widget=forms.Textarea(attrs={"rows": 4, "maxlength": COMMENT_MAX_LENGTH}),
        error_messages={"required": _("Write your comment first.")},
    )

    def __init__(self, *args, page_id: int | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.page_id = page_id

    def clean_token(self):
        data = read_comment_token(self.cleaned_data["token"], self.page_id)
        if data is None:
            raise forms.ValidationError(_("This comment form has expired. Vote again first."))
        return data

    def clean_comment(self):
        # Stored as plain text; control characters have no place in it.
        # Browsers send line breaks as two characters but count them as one against maxlength.
        comment = self.cleaned_data["comment"].replace("\r\n", "\n").replace("\r", "\n")
        comment = _CONTROL_CHARACTERS.sub("", comment).strip()
        if not comment:
            raise forms.ValidationError(_("Write your comment first."))
        if len(comment) > COMMENT_MAX_LENGTH:
            raise forms.ValidationError(
                _("Use at most %(max)s characters (now %(count)s).")
                % {"max": dutch_thousands(COMMENT_MAX_LENGTH), "count": dutch_thousands(len(comment))}
            )
        return comment
