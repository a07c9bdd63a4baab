import pytest
from django.contrib.auth import get_user_model

PASSWORD = "een-lang-wachtwoord-voor-de-test"


@pytest.fixture(autouse=True)
def fresh_login_counts():
    """Login failures live in the shared cache; each test starts without any."""
    from django.core.cache import caches

    for cache in caches.all():
        cache.clear()
    yield
    for cache in caches.all():
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


LEARNER_EMAIL = "lezer@example.org"


def make_learner(email=LEARNER_EMAIL, password=PASSWORD, verified=True):
    from allauth.account.models import EmailAddress

    user = get_user_model().objects.create_user(email.split("@")[0], email, password)
    EmailAddress.objects.create(user=user, email=email, primary=True, verified=verified)
    return user


@pytest.fixture
def learner(db):
    """A learner who signed up and confirmed the address: no admin access, no second factor."""
    return make_learner()


@pytest.fixture
def learner_login(client):
    """Post the learner login form as a browser does; returns the response."""

    def post(email=LEARNER_EMAIL, password=PASSWORD, **extra):
        return client.post("/account/login/", {"login": email, "password": password}, **extra)

    return post
