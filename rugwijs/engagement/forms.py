import re

from django import forms
from django.core import signing
from django.utils.translation import gettext_lazy as _

from rugwijs.core.numbers import dutch_thousands

COMMENT_TOKEN_SALT = "rugwijs.engagement.comment"  # noqa: S105 - a namespace for signing, not a secret
COMMENT_TOKEN_MAX_AGE = 2 * 60 * 60  # long enough to write a comment, short enough to go stale
MAX_COMMENT_LENGTH = 1000
_CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def comment_token(vote_id: int, helpful: bool) -> str:
    return signing.dumps({"vote": vote_id, "helpful": helpful}, salt=COMMENT_TOKEN_SALT, compress=True)


def read_comment_token(token: str) -> dict | None:
    try:
        data = signing.loads(token, salt=COMMENT_TOKEN_SALT, max_age=COMMENT_TOKEN_MAX_AGE)
    except signing.BadSignature:
        return None
    return data if isinstance(data, dict) and isinstance(data.get("vote"), int) else None


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
        widget=forms.Textarea(attrs={"rows": 4, "maxlength": MAX_COMMENT_LENGTH}),
        error_messages={"required": _("Write your comment first.")},
    )

    def clean_token(self):
        data = read_comment_token(self.cleaned_data["token"])
        if data is None:
            raise forms.ValidationError(_("This comment form has expired. Vote again first."))
        return data

    def clean_comment(self):
        # Stored as plain text; control characters have no place in it.
        comment = _CONTROL_CHARACTERS.sub("", self.cleaned_data["comment"]).strip()
        if not comment:
            raise forms.ValidationError(_("Write your comment first."))
        if len(comment) > MAX_COMMENT_LENGTH:
            raise forms.ValidationError(
                _("Use at most %(max)s characters (now %(count)s).")
                % {"max": dutch_thousands(MAX_COMMENT_LENGTH), "count": dutch_thousands(len(comment))}
            )
        return comment
