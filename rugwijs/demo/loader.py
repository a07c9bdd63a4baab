"""Builds the demo site from the JSON files in content/. Creates what is missing, never overwrites.

Running it twice is safe: pages, people and images that exist (perhaps edited since) are left alone.
"""

import json
import re
from datetime import date, timedelta
from io import BytesIO
from pathlib import Path
from urllib.parse import urlsplit

from django.conf import settings
from django.core.files.images import ImageFile
from django.db import transaction
from django.utils import timezone
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.images import get_image_model
from wagtail.models import Collection, Locale, Page, Site

from rugwijs.articles.models import ArticlePage, RelatedArticle, TopicPage
from rugwijs.core.models import SiteSettings, StandardPage
from rugwijs.engagement.counting import add_historic_views
from rugwijs.home.models import HomePage
from rugwijs.people.models import PersonIndexPage, PersonPage, Role
from rugwijs.selftests.importing import page_fields as selftest_fields
from rugwijs.selftests.models import SelfTestIndexPage, SelfTestPage

from . import images
from .course_loader import CourseLoader

CONTENT_DIR = Path(__file__).resolve().parent / "content"
_PAGE_LINK = re.compile(r'<a href="page:([a-z0-9-]+)">(.*?)</a>', re.DOTALL)


class DemoLoader:
    def __init__(self):
        self.site_data = json.loads((CONTENT_DIR / "site.json").read_text(encoding="utf-8"))
        self.articles_data = self._json_files("articles")
        self.selftests_data = self._json_files("selftests")
        self.created: list[str] = []

    @transaction.atomic
    def load(self) -> list[str]:
        home = self.home_page()
        topics = {data["slug"]: self.topic(home, data) for data in self.site_data["topics"]}
        team = self.team_page(home)
        people = {data["key"]: self.person(team, data) for data in self.site_data["people"]}
        new_pages = [
            (page, data) for data in self.site_data["pages"] if (page := self.standard_page(home, data)) is not None
        ]
        new_articles = [
            (article, data)
            for data in self.articles_data
            if (article := self.article(topics[data["topic"]], data, people)) is not None
        ]
        selftest_index = self.selftest_index(home)
        for data in self.selftests_data:
            self.selftest(selftest_index, data)
        CourseLoader(self).load(home, people)
        # Bodies and related links refer to other pages, so they are filled in once every page exists.
        for page, data in new_pages:
            self.fill_standard_page(page, data)
        for article, data in new_articles:
            self.fill_article(article, data, people)
        self.site_settings()
        return self.created

    @staticmethod
    def _json_files(folder: str) -> list[dict]:
        return [json.loads(path.read_text(encoding="utf-8")) for path in sorted((CONTENT_DIR / folder).glob("*.json"))]

    # Site structure -------------------------------------------------------------------------------

    def home_page(self) -> HomePage:
        home = HomePage.objects.first()
        if home is None:
            root = self.tree_root()
            # A new Wagtail database holds an empty 'Welcome' page that takes the slug 'home'.
            for page in root.get_children():
                if page.specific_class is Page and page.is_leaf():
                    page.delete()
            data = self.site_data["home"]
            home = HomePage(title=data["title"], slug="home", intro=data["intro"], summary=data["intro"][:300])
            root.add_child(instance=home)
            home.save_revision().publish()
            self.created.append("home page")
        site = Site.objects.filter(is_default_site=True).first() or Site(is_default_site=True, site_name="Rugwijs")
        # The public address (canonical links, sitemap, API) is the one the site is served on now.
        address = urlsplit(settings.WAGTAILADMIN_BASE_URL)
        hostname, port = address.hostname or "localhost", address.port or (443 if address.scheme == "https" else 80)
        if (site.root_page_id, site.hostname, site.port) != (home.pk, hostname, port):
            site.root_page, site.hostname, site.port = home, hostname, port
            site.save()
        return home

    def tree_root(self) -> Page:
        """Wagtail's migrations make a locale, a root page and a root collection; `flush` removes them."""
        Locale.objects.get_or_create(language_code=get_supported_content_language_variant(settings.LANGUAGE_CODE))
        if Collection.get_first_root_node() is None:
            Collection.add_root(name="Root")
        return Page.get_first_root_node() or Page.add_root(instance=Page(title="Root", slug="root"))

    def _child(self, parent, model, slug):
        return model.objects.child_of(parent).filter(slug=slug).first()

    def _add(self, parent, page, label):
        parent.add_child(instance=page)
        page.save_revision().publish()
        self.created.append(f"{label}: {page.title}")
        return page

    def topic(self, home, data) -> TopicPage:
        existing = self._child(home, TopicPage, data["slug"])
        if existing:
            return existing
        page = TopicPage(
            title=data["title"], slug=data["slug"], intro=data["intro"], summary=data["intro"][:300], show_in_menus=True
        )
        return self._add(home, page, "topic")

    def team_page(self, home) -> PersonIndexPage:
        existing = PersonIndexPage.objects.first()
        if existing:
            return existing
        data = self.site_data["team"]
        page = PersonIndexPage(title=data["title"], slug=data["slug"], intro=data["intro"], show_in_menus=True)
        return self._add(home, page, "team page")

    def person(self, team, data) -> PersonPage:
        existing = PersonPage.objects.filter(slug=data["slug"]).first()
        if existing:
            return existing
        initials = "".join(part[0] for part in data["name"].split()[:2]).upper()
        photo = self.image(
            f"Avatar {data['name']}",
            data["image_alt"],
            images.avatar(initials, data.get("avatar_colour", "#2f4858")),
            f"avatar-{data['slug']}.png",
        )
        page = PersonPage(
            title=data["name"],
            slug=data["slug"],
            photo=photo,
            photo_alt=data["image_alt"],
            specialism=data["specialism"],
            profession=data.get("profession", ""),
            short_bio=data.get("short_bio", ""),
            bio=data["bio"],
            greeting=data.get("greeting", ""),
            summary=data["specialism"],
            links=[("link", {"label": link["label"], "url": link["url"]}) for link in data.get("links", [])],
        )
        page.roles.set([Role.objects.get_or_create(name=name)[0] for name in data["roles"]])
        return self._add(team, page, "person")

    def standard_page(self, home, data) -> StandardPage | None:
        """A new page without its body (filled in later, when the pages it links to exist); None if it exists."""
        if self._child(home, StandardPage, data["slug"]):
            return None
        page = StandardPage(
            title=data["title"],
            slug=data["slug"],
            intro=data["intro"],
            summary=data["intro"][:300],
            show_in_menus=data.get("menu", True),
        )
        return self._add(home, page, "page")

    def fill_standard_page(self, page, data) -> None:
        page.body = self.rich_text(data["html"])
        page.save_revision().publish()

    def selftest_index(self, home) -> SelfTestIndexPage:
        existing = SelfTestIndexPage.objects.first()
        if existing:
            return existing
        data = self.site_data["selftest_index"]
        page = SelfTestIndexPage(title=data["title"], slug=data["slug"], intro=data["intro"], show_in_menus=True)
        return self._add(home, page, "self-test overview")

    def selftest(self, index, data) -> SelfTestPage:
        existing = SelfTestPage.objects.filter(slug=data["slug"]).first()
        if existing:
            return existing
        page_ids = dict(Page.objects.values_list("slug", "id"))
        page = SelfTestPage(**selftest_fields(data, page_ids))
        return self._add(index, page, "self-test")

    def site_settings(self) -> None:
        """Fill in the practice's details and footer pages from site.json; what an editor filled in stays."""
        site = Site.objects.get(is_default_site=True)
        site_settings = SiteSettings.for_site(site)
        data = self.site_data.get("settings", {})
        for field in ("address", "phone", "email", "footer_text"):
            if field in data and not getattr(site_settings, field):
                setattr(site_settings, field, data[field])
        # Footer pages are linked by slug; a page the demo does not have is left out, not invented.
        for field in ("privacy_page", "accessibility_page", "colophon_page"):
            if field in data and getattr(site_settings, f"{field}_id") is None:
                setattr(site_settings, field, Page.objects.child_of(site.root_page).filter(slug=data[field]).first())
        site_settings.save()

    # Articles -------------------------------------------------------------------------------------

    def article(self, topic, data, people) -> ArticlePage | None:
        if ArticlePage.objects.filter(slug=data["slug"]).exists():
            return None
        image = self.image(
            f"Illustratie: {data['title']}",
            data["image_alt"],
            images.abstract_illustration(data["slug"], data["topic"]),
            f"illustratie-{data['slug']}.png",
        )
        last_reviewed = date.fromisoformat(data["last_reviewed"])
        page = ArticlePage(
            title=data["title"],
            slug=data["slug"],
            intro=data["intro"],
            summary=data["summary"],
            listing_image=image,
            listing_image_alt=data["image_alt"],
            key_points=[("point", point) for point in data["key_points"]],
            body=self.body(data, people),
            author=people[data["author"]],
            reviewer=people[data["reviewer"]],
            last_reviewed=last_reviewed,
            next_review_due=last_reviewed + timedelta(days=365),
        )
        page.tags.add(*data["tags"])
        topic.add_child(instance=page)
        add_historic_views(page.pk, data.get("views", 0), timezone.localdate() - timedelta(days=1))
        self.created.append(f"article: {page.title}")
        return page

    def fill_article(self, page, data, people) -> None:
        page.body = self.body(data, people)
        if toc_link := data.get("toc_link"):
            target = Page.objects.filter(slug=toc_link["page"]).first()
            if target:
                page.toc_link_label, page.toc_link_page = toc_link["label"], target
        for order, slug in enumerate(data.get("related", [])):
            related = ArticlePage.objects.filter(slug=slug).first()
            if related:
                page.related_links.add(RelatedArticle(article=related, sort_order=order))
        page.save_revision().publish()

    def body(self, data, people) -> list:
        """The sections, with each call to action after the section it names (or at the end)."""
        blocks = []
        calls = data.get("calls_to_action", [])
        for section in data["sections"]:
            blocks.append(("section", self.section(section)))
            blocks += self.calls_to_action([c for c in calls if c.get("after") == section["anchor"]], people)
        return blocks + self.calls_to_action([c for c in calls if not c.get("after")], people)

    def section(self, data) -> dict:
        return {
            "heading": data["heading"],
            "anchor": data["anchor"],
            "content": [self.block(b) for b in data["blocks"]],
        }

    def block(self, data) -> tuple:
        kind = data["type"]
        if kind == "paragraph":
            return ("paragraph", self.rich_text(data["html"]))
        if kind == "subheading":
            return ("subheading", {"text": data["text"], "level": data.get("level", "h3")})
        if kind == "callout":
            return (
                "callout",
                {"variant": data.get("variant", "tip"), "title": data["title"], "text": self.rich_text(data["html"])},
            )
        if kind == "quote":
            return ("quote", {"text": data["text"], "attribution": data.get("attribution", "")})
        raise ValueError(f"Unknown demo block type {kind!r}")

    def calls_to_action(self, calls, people) -> list:
        """Promotion blocks; one whose target page is not in the demo is left out, so no button leads nowhere."""
        blocks = []
        for data in calls:
            target = Page.objects.filter(slug=data["page"]).first()
            if target is None:
                continue
            value = {
                "eyebrow": data.get("eyebrow", ""),
                "text": data.get("text", ""),
                "button_label": data["button_label"],
                "link": {"page": target, "url": ""},
            }
            if data["type"] == "author_promo":
                value["person"] = people[data["person"]]
            else:
                value["title"] = data["title"]
            blocks.append((data["type"], value))
        return blocks

    # Shared helpers -------------------------------------------------------------------------------

    def rich_text(self, html: str) -> str:
        """Turn `<a href="page:slug">` into Wagtail page links; links to pages not made yet become text."""
        slugs = set(_PAGE_LINK.findall(html))
        ids = dict(Page.objects.filter(slug__in=[slug for slug, _text in slugs]).values_list("slug", "id"))

        def replace(match):
            page_id = ids.get(match.group(1))
            if page_id is None:
                return match.group(2)
            return f'<a linktype="page" id="{page_id}">{match.group(2)}</a>'

        return _PAGE_LINK.sub(replace, html)

    def image(self, title, alt, content: bytes, filename):
        model = get_image_model()
        existing = model.objects.filter(title=title).first()
        if existing:
            return existing
        image = model(title=title, description=alt)
        image.file = ImageFile(BytesIO(content), name=filename)
        image.save()
        return image
