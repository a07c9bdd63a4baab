"""Wagtail messages that our Dutch catalogue translates again, because Wagtail's own Dutch is wrong.

Project catalogues (LOCALE_PATHS) win over the apps' catalogues, so an entry in
rugwijs/locale/nl/LC_MESSAGES/django.po replaces Wagtail's. Listing the messages here keeps
`makemessages` from dropping those entries as unused.
"""

from django.utils.translation import gettext_noop

OVERRIDDEN = [
    # Wagtail's Dutch drops two spaces: "1-5van 12pagina's" in every admin listing.
    gettext_noop("%(start_index)s-%(end_index)s of %(items_count)s %(model_name)s"),
]
