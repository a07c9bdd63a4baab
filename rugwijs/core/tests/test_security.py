import pytest

pytestmark = pytest.mark.django_db


def test_public_pages_send_a_strict_content_security_policy(client, demo_site):
    response = client.get(demo_site.url)
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "style-src 'self'" in policy
    assert "frame-ancestors 'none'" in policy
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["X-Frame-Options"] == "DENY"


def test_the_admin_gets_the_looser_policy_it_needs(admin_client):
    response = admin_client.get("/admin/")
    assert response.status_code == 200
    assert "'unsafe-inline'" in response["Content-Security-Policy"]


@pytest.mark.parametrize(
    "path",
    ["/", "/lage-rugpijn/", "/stress-en-pijn/stress-en-rugpijn/", "/team/mila-voorbeeld/", "/zoeken/?q=rug", "/team/"],
    ids=["home", "topic", "article", "person", "search", "team"],
)
def test_anonymous_readers_get_no_cookies(client, demo_site, path):
    response = client.get(path)
    assert response.status_code == 200
    assert not response.cookies


def test_robots_txt_points_to_the_sitemap(client, demo_site):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert "Sitemap: http://testserver/sitemap.xml" in response.content.decode()
    assert "Disallow: /admin/" in response.content.decode()


def test_sitemap_lists_the_demo_article(client, demo_site):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    assert "/stress-en-pijn/stress-en-rugpijn/" in response.content.decode()


def test_unknown_page_is_a_404_not_a_500(client, demo_site):
    response = client.get("/bestaat-niet/")
    assert response.status_code == 404
    assert "Pagina niet gevonden" in response.content.decode()


def test_the_site_icon_is_linked_and_served(client, demo_site):
    assert 'rel="icon"' in client.get("/").content.decode()
    response = client.get("/favicon.ico")
    assert response.status_code == 302
    assert response["Location"].endswith("core/img/favicon.svg")


def test_the_error_page_renders_in_dutch_without_a_request():
    from django.template.loader import render_to_string

    html = render_to_string("500.html")
    assert "<h1>Er ging iets mis</h1>" in html
