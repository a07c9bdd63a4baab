"""Helpers for the test suite that test modules import (pytest's conftest files cannot be imported reliably)."""

import os

import pytest


def load_demo():
    """The demo site as `make run` builds it, built only when missing; returns the demo article."""
    from rugwijs.articles.models import ArticlePage
    from rugwijs.demo.loader import DemoLoader

    if not ArticlePage.objects.filter(slug="stress-en-rugpijn").exists():
        DemoLoader().load()
    return ArticlePage.objects.get(slug="stress-en-rugpijn")


def require_service(env_name: str, what: str) -> str:
    """The service URL from the environment; in CI its absence is a failure, elsewhere a skip."""
    url = os.environ.get(env_name, "")
    if not url:
        if os.environ.get("CI"):
            pytest.fail(f"{env_name} is not set, but CI must test against {what}.")
        pytest.skip(f"{env_name} is not set: {what} is not available on this machine.")
    return url
