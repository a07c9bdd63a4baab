"""The self-test editor is for physiotherapists: keys come from the wording, references are picked, not typed."""

from html import unescape

import pytest
from wagtail.test.utils import WagtailPageTestCase

from rugwijs.selftests.blocks import ReferenceInput, make_key
from rugwijs.selftests.models import SelfTestIndexPage, SelfTestPage

from .test_admin import selftest_form


@pytest.mark.parametrize(
    ("wording", "key"),
    [
        ("Heb je pijn in één been?", "heb_je_pijn_in_een_been"),
        ("Café-ziekte & koorts", "cafe_ziekte_koorts"),
        ("  IJzeren   Rug  ", "ijzeren_rug"),
        ("x" * 80, "x" * 60),
    ],
    ids=["accents", "punctuation", "spaces-and-capitals", "too-long"],
)
def test_keys_are_made_from_dutch_wording(wording, key):
    assert make_key(wording) == key


@pytest.mark.usefixtures("demo_site")
class TestKeysAndReferences(WagtailPageTestCase):
    def setUp(self):
        self.login()
        self.index = SelfTestIndexPage.objects.get()

    def test_empty_keys_are_made_from_the_wording_when_saving(self):
        form = selftest_form()
        form["questions-1-value-key"] = ""  # "Tintelt je voet?"
        form["scales-1-value-key"] = ""  # "Been"
        form["results-2-value-key"] = ""  # "Vandaag hulp"
        form["spoed_result"] = "vandaag_hulp"
        response = self.client.post(f"/admin/pages/add/selftests/selftestpage/{self.index.pk}/", form)
        assert response.status_code == 302, response.content.decode()[-3000:]
        page = SelfTestPage.objects.get(slug="waar-zit-je-pijn")
        assert [child.value["key"] for child in page.questions] == ["plek", "tintelt_je_voet", "koorts"]
        assert [child.value["key"] for child in page.scales] == ["rug", "been"]
        assert [child.value["key"] for child in page.results] == ["been", "rug", "vandaag_hulp"]

    def test_references_reach_the_editor_as_pickers(self):
        page = SelfTestPage.objects.get(slug="zenuw-spier-of-gewricht")
        # Block widgets travel as JSON inside an attribute: unescape, and drop JSON's backslashes.
        html = unescape(self.client.get(f"/admin/pages/{page.pk}/edit/").content.decode()).replace("\\", "")
        for kind in ("earlier_question", "question", "options", "scale", "result"):
            assert f'data-rugwijs-reference-kind-value="{kind}"' in html, kind
        assert 'data-controller="rugwijs-reference"' in html  # the page's own result fields
        assert "selftests/admin/editor.js" in html

    def test_the_self_test_editor_loads_no_comment_machinery(self):
        page = SelfTestPage.objects.get(slug="zenuw-spier-of-gewricht")
        html = self.client.get(f"/admin/pages/{page.pk}/edit/").content.decode()
        assert "wagtailadmin/js/comments.js" not in html


def test_a_reference_stays_a_plain_text_input_without_javascript():
    html = ReferenceInput("scale").render("scale", "rug")
    assert 'type="text"' in html and 'value="rug"' in html
