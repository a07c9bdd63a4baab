import os
import subprocess
import sys

import pytest


def _import_production(**env):
    environment = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "ALLOWED_HOSTS"}}
    environment.update(env, DJANGO_SETTINGS_MODULE="rugwijs.settings.production", ENV_FILE="/nonexistent/.env")
    return subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"], env=environment, capture_output=True, text=True
    )


@pytest.mark.parametrize(
    ("env", "message"),
    [({"ALLOWED_HOSTS": "example.org"}, "SECRET_KEY"), ({"SECRET_KEY": "x" * 50}, "ALLOWED_HOSTS")],
    ids=["no-secret-key", "no-allowed-hosts"],
)
def test_production_refuses_to_start_without_its_settings(env, message):
    result = _import_production(**env)
    assert result.returncode != 0
    assert message in result.stderr


def test_production_starts_when_configured():
    result = _import_production(SECRET_KEY="x" * 50, ALLOWED_HOSTS="example.org")
    assert result.returncode == 0, result.stderr
