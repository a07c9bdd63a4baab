"""The self-test editor is for physiotherapists: keys come from the wording, references are picked, not typed."""

import json
from html import unescape

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils.translation import gettext

from rugwijs.accounts.testing import AdminPageTestCase
from rugwijs.selftests.blocks import RecommendedPageBlock, ReferenceInput, make_key
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
class TestKeysAndReferences(AdminPageTestCase):
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


@pytest.mark.usefixtures("demo_site")
class TestEditorWeight(AdminPageTestCase):
    """What keeps the largest test's editor quick to open (bench/editor.py measures it)."""

    def setUp(self):
        self.login()
        self.page = SelfTestPage.objects.get(slug="zenuw-spier-of-gewricht")

    def edit_view(self):
        return self.client.get(f"/admin/pages/{self.page.pk}/edit/").content.decode()

    def test_the_pages_results_recommend_cost_no_queries_each(self):
        assert sum(len(child.value["recommended"]) for child in self.page.results) >= 12
        with CaptureQueriesContext(connection) as queries:
            self.edit_view()
        # 35 for the editor, plus one for the second-factor device and three for the session save that moves
        # the idle timeout on (savepoint, update, release inside the test's transaction).
        assert len(queries) <= 39, "\n".join(query["sql"][:120] for query in queries)

    def test_recommended_pages_come_specific_with_their_parents(self):
        block = RecommendedPageBlock()
        ids = [page.pk for child in self.page.results for page in child.value["recommended"]]
        with CaptureQueriesContext(connection) as queries:
            pages = block.bulk_to_python([*ids, None, ids[0]])
            titles = [(page.get_admin_display_title(), page.get_parent().pk) for page in pages if page]
        assert len(queries) <= 3
        assert pages[-2] is None and pages[-1] is not pages[0] and pages[-1].pk == pages[0].pk
        assert titles == [
            (page.specific.get_admin_display_title(), page.get_parent(update=True).pk) for page in pages if page
        ]

    def test_questions_and_results_open_collapsed(self):
        widgets = BeautifulSoup(self.edit_view(), "html.parser").find_all(attrs={"data-controller": "w-block"})
        collapsed = {
            widget["id"]: json.loads(widget["data-w-block-data-value"])["_args"][3]["collapsed"] for widget in widgets
        }
        assert collapsed == {
            "questions": True,
            "scales": False,
            "point_rules": False,
            "result_rules": False,
            "results": True,
        }

    def test_results_rich_text_starts_its_editor_on_demand(self):
        html = self.edit_view()
        results = BeautifulSoup(html, "html.parser").find(id="results", attrs={"data-controller": "w-block"})
        definition = results["data-w-block-data-value"]
        assert definition.count('"rugwijs.widgets.LazyRichTextArea"') == 3  # explanation, self-care, who to see
        assert "wagtail.widgets.DraftailRichTextArea" not in definition
        assert "core/admin/lazy-rich-text.js" in html


def test_a_reference_stays_a_plain_text_input_without_javascript():
    html = ReferenceInput("scale").render("scale", "rug")
    assert 'type="text"' in html and 'value="rug"' in html


@pytest.mark.usefixtures("demo_site")
class TestPreview(AdminPageTestCase):
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


def condition(kind, **values):
    return {"type": kind, "deleted": "", "order": "0", "id": "", **{f"value-{k}": v for k, v in values.items()}}


def set_condition(form, prefix, kind, **values):
    """Replace a condition in posted form data, as the editor does by deleting one and adding another."""
    for name, value in condition(kind, **values).items():
        form[f"{prefix}-{name}"] = value


def unknown_rule_option(form):
    set_condition(form, "result_rules-0-value-conditions-0", "option_chosen", question="plek", options="knie")


def branch_on_later_question(form):
    form["questions-0-value-show_when_question"] = "koorts"
    form["questions-0-value-show_when_options"] = "ja"


def unknown_scale_in_a_rule(form):
    form["result_rules-0-value-conditions-0-value-scale"] = "hoofd"


def unknown_scale_in_a_yes_answer(form):
    form["questions-1-value-yes-points-0-value-scale"] = "hoofd"


def unknown_scale_in_an_option(form):
    form["questions-0-value-options-1-value-points-0-value-scale"] = "hoofd"


def unknown_result_in_a_rule(form):
    form["result_rules-0-value-result"] = "knie"


def duplicate_question_key(form):
    form["questions-2-value-key"] = "plek"


def duplicate_result_key(form):
    form["results-1-value-key"] = "been"


def unreachable_result(form):
    form["default_result"] = "been"


# (what the editor did wrong, the message (msgid, params), where it shows: a path of block indexes and names)
PROBLEMS = [
    (
        unknown_rule_option,
        ("%(who)s names unknown option(s) %(o)s of question '%(q)s'.", {"who": "A rule", "o": "knie", "q": "plek"}),
        ("result_rules", 0, "conditions", 0, "options"),
    ),
    (
        branch_on_later_question,
        (
            "%(q)s depends on '%(t)s', which does not come before it. Branch on earlier questions only.",
            {"q": ("Question '%(key)s'", {"key": "plek"}), "t": "koorts"},
        ),
        ("questions", 0, "show_when_question"),
    ),
    (
        unknown_scale_in_a_rule,
        ("A rule names unknown scale '%(s)s'.", {"s": "hoofd"}),
        ("result_rules", 0, "conditions", 0, "scale"),
    ),
    (
        unknown_scale_in_a_yes_answer,
        (
            "%(q)s, option '%(o)s', gives points to unknown scale '%(s)s'.",
            {"q": ("Question '%(key)s'", {"key": "tintelen"}), "o": "ja", "s": "hoofd"},
        ),
        ("questions", 1, "yes", "points", 0, "scale"),
    ),
    (
        unknown_scale_in_an_option,
        (
            "%(q)s, option '%(o)s', gives points to unknown scale '%(s)s'.",
            {"q": ("Question '%(key)s'", {"key": "plek"}), "o": "onderbeen_voet", "s": "hoofd"},
        ),
        ("questions", 0, "options", 1, "points", 0, "scale"),
    ),
    (
        unknown_result_in_a_rule,
        ("A rule gives unknown result '%(r)s'.", {"r": "knie"}),
        ("result_rules", 0, "result"),
    ),
    (
        duplicate_question_key,
        ("Duplicate %(what)s '%(key)s'.", {"what": ("question key", {}), "key": "plek"}),
        ("questions", 2, "key"),
    ),
    (
        duplicate_result_key,
        ("Duplicate %(what)s '%(key)s'.", {"what": ("result key", {}), "key": "been"}),
        ("results", 1, "key"),
    ),
    (
        unreachable_result,
        ("Result '%(r)s' can never be given: no rule leads to it.", {"r": "rug"}),
        ("results", 1),  # the whole result: its message stands at the top of the result's block
    ),
]


def translated(msgid, params):
    """The message as the editor reads it; a param given as (msgid, params) is translated too."""
    return gettext(msgid) % {
        name: translated(*value) if isinstance(value, tuple) else gettext(value) if name == "who" else value
        for name, value in params.items()
    }


def times_shown(html, message):
    """How often a message stands in the page: as text, or inside the JSON that carries block errors."""
    soup = BeautifulSoup(html, "html.parser")
    texts = [str(text) for text in soup.find_all(string=True)]
    texts += [value for element in soup.find_all(True) for value in element.attrs.values() if isinstance(value, str)]
    forms = {message, json.dumps(message)[1:-1]}
    return sum(text.count(form) for text in texts for form in forms)


def block_messages(html, path):
    """The messages Wagtail's StreamField script shows at the block or field at `path`, from the page's block errors."""
    field_name, *rest = path
    widget = BeautifulSoup(html, "html.parser").find(id=field_name, attrs={"data-controller": "w-block"})
    error = json.loads(widget["data-w-block-arguments-value"])[1] or {}
    for key in rest:
        error = error.get("blockErrors", {}).get(str(key), {})
    return error.get("messages", [])


def field_messages(html, field_name):
    """The messages in the error container of a page field (outside StreamFields)."""
    soup = BeautifulSoup(html, "html.parser")
    field = soup.find(attrs={"name": field_name}).find_parent(attrs={"data-field": True})
    return [p.get_text(" ", strip=True) for p in field.select("[data-field-errors] .error-message")]


@pytest.mark.usefixtures("demo_site")
class TestValidationMessages(AdminPageTestCase):
    """Each problem in a test is named once, at the field it is about, when the editor saves."""

    def setUp(self):
        self.login()
        self.assertCanCreate(SelfTestIndexPage.objects.get(), SelfTestPage, selftest_form())
        self.page = SelfTestPage.objects.get(slug="waar-zit-je-pijn")

    def post_edit(self, form):
        response = self.client.post(f"/admin/pages/{self.page.pk}/edit/", form)
        assert response.status_code == 200, "the test was saved despite its problem"
        return response.content.decode()

    def test_each_problem_is_named_once_at_its_field(self):
        for change, (msgid, params), path in PROBLEMS:
            with self.subTest(change.__name__):
                form = selftest_form()
                change(form)
                html = self.post_edit(form)
                message = translated(msgid, params)
                assert times_shown(html, message) == 1, message
                assert message in block_messages(html, path), (message, path)

    def test_one_unknown_scale_in_two_conditions_is_named_at_each(self):
        form = selftest_form()
        unknown_scale_in_a_rule(form)
        form["result_rules-0-value-conditions-count"] = "2"
        prefix = "result_rules-0-value-conditions-1"
        set_condition(form, prefix, "scale_greater", scale="rug", other="hoofd")
        form[f"{prefix}-order"] = "1"
        html = self.post_edit(form)
        message = gettext("A rule names unknown scale '%(s)s'.") % {"s": "hoofd"}
        assert times_shown(html, message) == 2
        assert block_messages(html, ("result_rules", 0, "conditions", 0, "scale")) == [message]
        assert block_messages(html, ("result_rules", 0, "conditions", 1, "other")) == [message]
        assert block_messages(html, ("result_rules", 0, "conditions", 1, "scale")) == []
        assert block_messages(html, ("result_rules", 0)) == []  # not at the top of the rule or the list

    def test_page_fields_get_their_message_at_the_field(self):
        form = selftest_form(spoed_result="", default_result="knie")
        html = self.post_edit(form)
        spoed = gettext("Answers can raise a 'spoed' alarm: choose the spoed result.")
        unknown = gettext("There is no result with key '%(r)s'.") % {"r": "knie"}
        assert field_messages(html, "spoed_result") == [spoed]
        assert field_messages(html, "default_result") == [unknown]
        assert times_shown(html, spoed) == 1 and times_shown(html, unknown) == 1

    def test_a_part_refused_on_its_own_is_not_also_checked_with_its_old_value(self):
        form = selftest_form()
        form["questions-0-value-key"] = "waar"  # renamed, and a rule picks the question by its new key
        set_condition(form, "result_rules-0-value-conditions-0", "option_chosen", question="waar", options="onderrug")
        form["questions-2-value-key"] = "Koorts!"  # not a key: the questions are refused as they are
        html = self.post_edit(form)
        assert block_messages(html, ("questions", 2, "key")) == [
            gettext("Use lower-case letters, digits and underscores.")
        ]
        # Checked against the stored questions, the rule would name an unknown question 'waar'.
        assert "waar&#x27;" not in html and "waar'" not in html
