import pytest
from django.contrib.auth import get_user_model

PASSWORD = "een-lang-wachtwoord-voor-de-test"


@pytest.fixture(autouse=True)
def fresh_login_counts():
    """Login failures live in the shared cache; each test starts without any."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def editor(db):
    return get_user_model().objects.create_superuser("redacteur", "redacteur@example.org", PASSWORD)


@pytest.fixture
def sign_in(client):
    """Post the admin login form as a browser does; returns the response."""

    def post(username="redacteur", password=PASSWORD, **extra):
        return client.post("/admin/login/", {"username": username, "password": password, "next": "/admin/"}, **extra)

    return post
