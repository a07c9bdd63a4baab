"""The self-test editor is for physiotherapists: keys come from the wording, references are picked, not typed."""

from html import unescape

import pytest
from django.utils.translation import gettext
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


@pytest.mark.usefixtures("demo_site")
class TestPreview(WagtailPageTestCase):
    def setUp(self):
        self.login()
        self.index = SelfTestIndexPage.objects.get()

    def test_an_unsaved_test_previews_as_readers_see_it(self):
        url = f"/admin/pages/add/selftests/selftestpage/{self.index.pk}/preview/"
        assert self.client.post(url, selftest_form()).json()["is_valid"]
        html = self.client.get(url).content.decode()
        assert "<h1>Waar zit je pijn?</h1>" in html
        assert "Tintelt je voet?" in html and 'name="q_koorts"' in html

    def test_a_changed_test_previews_with_its_changes(self):
        self.assertCanCreate(self.index, SelfTestPage, selftest_form())
        page = SelfTestPage.objects.get(slug="waar-zit-je-pijn")
        form = selftest_form()
        form["questions-2-value-text"] = "Heb je koorts en voel je je ziek?"
        url = f"/admin/pages/{page.pk}/edit/preview/"
        assert self.client.post(url, form).json()["is_valid"]
        html = self.client.get(url).content.decode()
        assert "Heb je koorts en voel je je ziek?" in html
        assert f'action="/zelftest/{page.pk}/uitslag/"' in html


@pytest.mark.usefixtures("demo_site")
class TestValidationMessages(WagtailPageTestCase):
    def setUp(self):
        self.login()
        self.index = SelfTestIndexPage.objects.get()

    def test_each_problem_is_named_once_at_the_field_it_is_about(self):
        form = selftest_form()
        form["result_rules-0-value-conditions-0-value-scale"] = "hoofd"
        form["result_rules-0-value-conditions-count"] = "2"
        for name, value in {"type": "scale_greater", "deleted": "", "order": "1", "id": ""}.items():
            form[f"result_rules-0-value-conditions-1-{name}"] = value
        form["result_rules-0-value-conditions-1-value-scale"] = "hoofd"
        form["result_rules-0-value-conditions-1-value-other"] = "rug"
        response = self.client.post(f"/admin/pages/add/selftests/selftestpage/{self.index.pk}/", form)
        assert response.status_code == 200
        errors = response.context["form"].errors
        message = gettext("A rule names unknown scale '%(s)s'.") % {"s": "hoofd"}
        assert [field for field, messages in errors.items() for text in messages if text == message] == ["result_rules"]
