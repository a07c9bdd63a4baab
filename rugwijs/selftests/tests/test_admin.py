"""An editor builds a new test in the admin, with branching and a body map, and readers take it."""

import json

import pytest
from django.utils.html import escape
from django.utils.translation import gettext
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from rugwijs.accounts.testing import AdminPageTestCase
from rugwijs.selftests.models import SelfTestIndexPage, SelfTestPage


def listblock(items):
    data = {
        str(index): {"value": item, "deleted": "", "order": str(index), "id": ""} for index, item in enumerate(items)
    }
    data["count"] = str(len(items))
    return data


def points(**scales):
    return listblock([{"scale": scale, "points": str(value)} for scale, value in scales.items()])


def option(key, label, alarm="", **scales):
    return {"key": key, "label": label, "points": points(**scales), "alarm": alarm}


def question(key, text, required=True, show_when_question="", show_when_options="", **extra):
    return {
        "key": key,
        "text": text,
        "help": "",
        "required": "on" if required else "",
        "show_when_question": show_when_question,
        "show_when_options": show_when_options,
        **extra,
    }


def selftest_form(**overrides):
    data = {
        "title": "Waar zit je pijn?",
        "slug": "waar-zit-je-pijn",
        "intro": "Een korte test van twee vragen.",
        "minutes": "1",
        "questions": streamfield(
            [
                (
                    "body_map",
                    question(
                        "plek",
                        "Waar voel je de pijn?",
                        options=listblock(
                            [
                                option("onderrug", "Onderrug", rug=1),
                                option("onderbeen_voet", "Onderbeen of voet", been=2),
                            ]
                        ),
                    ),
                ),
                (
                    "yes_no",
                    question(
                        "tintelen",
                        "Tintelt je voet?",
                        required=False,
                        show_when_question="plek",
                        show_when_options="onderbeen_voet",
                        yes={"points": points(been=1), "alarm": ""},
                        no={"points": points(), "alarm": ""},
                    ),
                ),
                (
                    "yes_no",
                    question(
                        "koorts",
                        "Heb je koorts?",
                        yes={"points": points(), "alarm": "spoed"},
                        no={"points": points(), "alarm": ""},
                    ),
                ),
            ]
        ),
        "scales": streamfield([("scale", {"key": "rug", "label": "Rug"}), ("scale", {"key": "been", "label": "Been"})]),
        "point_rules": streamfield([]),
        "result_rules": streamfield(
            [
                (
                    "rule",
                    {
                        "result": "been",
                        "conditions": streamfield([("scale_compare", {"scale": "been", "op": ">=", "value": "3"})]),
                    },
                ),
            ]
        ),
        "results": streamfield(
            [
                (
                    "result",
                    {
                        "key": key,
                        "title": title,
                        "summary": "Samenvatting.",
                        "urgency": urgency,
                        "explanation": rich_text("<p>Uitleg.</p>"),
                        "self_care": rich_text(""),
                        "who_to_see": rich_text(""),
                        "recommended": listblock([]),
                    },
                )
                for key, title, urgency in [
                    ("been", "Vooral been", "geen"),
                    ("rug", "Vooral rug", "geen"),
                    ("spoed", "Vandaag hulp", "spoed"),
                ]
            ]
        ),
        "default_result": "rug",
        "spoed_result": "spoed",
        "binnenkort_result": "",
        "sources": rich_text("<p>Eigen keuze van de praktijk.</p>"),
        "summary": "",
        "listing_image": "",
        "listing_image_alt": "",
        "seo_title": "",
        "search_description": "",
    }
    data.update(overrides)
    return nested_form_data(data)


@pytest.mark.usefixtures("demo_site")
class TestEditorBuildsASelfTest(AdminPageTestCase):
    def setUp(self):
        self.login()
        self.index = SelfTestIndexPage.objects.get()

    def add_url(self):
        return f"/admin/pages/add/selftests/selftestpage/{self.index.pk}/"

    def test_built_in_the_admin_and_taken_in_the_browser_and_the_api_alike(self):
        self.assertCanCreate(self.index, SelfTestPage, selftest_form())
        page = SelfTestPage.objects.get(slug="waar-zit-je-pijn")
        page.save_revision().publish()
        self.assertPageIsRenderable(page)
        cases = [
            ({"plek": ["onderbeen_voet"], "tintelen": "ja", "koorts": "nee"}, "been"),
            ({"plek": ["onderbeen_voet"], "tintelen": "nee", "koorts": "nee"}, "rug"),
            ({"plek": ["onderrug"], "tintelen": "ja", "koorts": "nee"}, "rug"),  # hidden question ignored
            ({"plek": ["onderbeen_voet"], "tintelen": "ja", "koorts": "ja"}, "spoed"),
        ]
        self.client.logout()
        for answers, expected in cases:
            api = self.client.post(
                f"/api/selftests/{page.slug}/result/", json.dumps({"answers": answers}), content_type="application/json"
            ).json()
            form = {f"q_{key}": value for key, value in answers.items()}
            html = self.client.post(f"/zelftest/{page.pk}/uitslag/", form, HTTP_SEC_FETCH_SITE="same-origin")
            assert api["result"]["key"] == expected, answers
            assert f"<h1>{api['result']['title']}</h1>" in html.content.decode(), answers

    def post_add(self, **overrides):
        response = self.client.post(self.add_url(), selftest_form(**overrides))
        assert response.status_code == 200
        assert not SelfTestPage.objects.filter(slug="waar-zit-je-pijn").exists()
        return response.content.decode()

    def assert_refused_with(self, form, msgid, **params):
        response = self.client.post(self.add_url(), form)
        assert response.status_code == 200
        assert not SelfTestPage.objects.filter(slug="waar-zit-je-pijn").exists()
        message = gettext(msgid) % params
        # Block errors reach the page inside JSON, so accented letters may arrive as \u escapes.
        html = response.content.decode()
        assert escape(message) in html or escape(json.dumps(message)[1:-1]) in html, message

    def test_a_result_no_rule_leads_to_is_refused(self):
        self.assert_refused_with(
            selftest_form(default_result="been"), "Result '%(r)s' can never be given: no rule leads to it.", r="rug"
        )

    def test_a_missing_default_result_is_refused(self):
        response = self.client.post(self.add_url(), selftest_form(default_result=""))
        assert response.status_code == 200
        assert not SelfTestPage.objects.filter(slug="waar-zit-je-pijn").exists()

    def test_branching_on_a_later_question_is_refused(self):
        form = selftest_form()
        form["questions-0-value-show_when_question"] = "koorts"
        form["questions-0-value-show_when_options"] = "ja"
        label = gettext("Question '%(key)s'") % {"key": "plek"}
        self.assert_refused_with(
            form,
            "%(q)s depends on '%(t)s', which does not come before it. Branch on earlier questions only.",
            q=label,
            t="koorts",
        )

    def test_a_rule_with_an_unknown_scale_is_refused(self):
        form = selftest_form()
        form["result_rules-0-value-conditions-0-value-scale"] = "hoofd"
        self.assert_refused_with(form, "A rule names unknown scale '%(s)s'.", s="hoofd")

    def test_duplicate_question_keys_are_refused(self):
        form = selftest_form()
        form["questions-2-value-key"] = "plek"
        self.assert_refused_with(form, "Duplicate %(what)s '%(key)s'.", what=gettext("question key"), key="plek")
