import ast
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

import rugwijs.settings as settings_package

# What a production operator must set; removed from the inherited environment so each test sets its own.
PRODUCTION = {
    "SECRET_KEY": "x" * 50,
    "ALLOWED_HOSTS": "example.org",
    "EMAIL_URL": "smtp://mail.example.org",
    "DEFAULT_FROM_EMAIL": "Praktijk <info@example.org>",
}
_CONFIGURED_BY_ENVIRONMENT = {*PRODUCTION, "SERVER_EMAIL"}
# Reading settings imports the settings module alone: loading every app would add seconds per check.
_PRINT_MAIL_SETTINGS = """
import json
from django.conf import settings
print(json.dumps({name: getattr(settings, name) for name in dir(settings) if "EMAIL" in name}))
"""


def _import_settings(module="production", code="import django; django.setup()", **env):
    environment = {k: v for k, v in os.environ.items() if k not in _CONFIGURED_BY_ENVIRONMENT}
    environment.update(env, DJANGO_SETTINGS_MODULE=f"rugwijs.settings.{module}", ENV_FILE="/nonexistent/.env")
    return subprocess.run([sys.executable, "-c", code], env=environment, capture_output=True, text=True)


def _import_production(**env):
    return _import_settings("production", **env)


def _mail_settings(module, **env) -> dict:
    result = _import_settings(module, _PRINT_MAIL_SETTINGS, **env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def without(name: str) -> dict:
    return {key: value for key, value in PRODUCTION.items() if key != name}


@pytest.mark.parametrize(
    ("env", "message"),
    [
        (without("SECRET_KEY"), "SECRET_KEY"),
        (without("ALLOWED_HOSTS"), "ALLOWED_HOSTS"),
        (without("EMAIL_URL"), "EMAIL_URL"),
        (without("DEFAULT_FROM_EMAIL"), "DEFAULT_FROM_EMAIL"),
    ],
    ids=["no-secret-key", "no-allowed-hosts", "no-mail-server", "no-sender"],
)
def test_production_refuses_to_start_without_its_settings(env, message):
    result = _import_production(code="from django.conf import settings; settings.DEBUG", **env)
    assert result.returncode != 0
    assert message in result.stderr


def test_production_starts_when_configured():
    result = _import_production(**PRODUCTION)
    assert result.returncode == 0, result.stderr


def test_production_sends_mail_through_the_server_in_email_url():
    mail = _mail_settings(
        "production",
        **{**PRODUCTION, "EMAIL_URL": "smtp+tls://praktijk:geheim%40123@mail.example.org:587"},
    )
    assert mail["EMAIL_BACKEND"] == "django.core.mail.backends.smtp.EmailBackend"
    assert (mail["EMAIL_HOST"], mail["EMAIL_PORT"], mail["EMAIL_USE_TLS"]) == ("mail.example.org", 587, True)
    assert (mail["EMAIL_HOST_USER"], mail["EMAIL_HOST_PASSWORD"]) == ("praktijk", "geheim@123")
    assert mail["DEFAULT_FROM_EMAIL"] == mail["SERVER_EMAIL"] == "Praktijk <info@example.org>"
    errors_from = _mail_settings("production", **PRODUCTION, SERVER_EMAIL="fouten@example.org")["SERVER_EMAIL"]
    assert errors_from == "fouten@example.org"


def test_development_prints_mail_instead_of_sending_it():
    mail = _mail_settings("dev", SECRET_KEY="x" * 50)
    assert mail["EMAIL_BACKEND"] == "django.core.mail.backends.console.EmailBackend"
    smtp = _mail_settings("dev", SECRET_KEY="x" * 50, EMAIL_URL="smtp://localhost:1025")
    assert (smtp["EMAIL_BACKEND"], smtp["EMAIL_PORT"]) == ("django.core.mail.backends.smtp.EmailBackend", 1025)


# Set by pytest-xdist and by settings.test for the servers a test starts; not for operators.
_SET_BY_THE_TEST_RUNNER = {"PYTEST_XDIST_WORKER", "RUGWIJS_TEST_REDIS_DB"}


def _environment_variables_read_by_the_settings() -> set[str]:
    """Every name the settings modules read with env.*(), env(), os.environ or os.getenv."""
    names = set()
    for module in (Path(settings_package.__file__).parent).glob("*.py"):
        for node in ast.walk(ast.parse(module.read_text())):
            if isinstance(node, ast.Subscript) and ast.unparse(node.value) == "os.environ":
                names.add(ast.literal_eval(node.slice))
            if not isinstance(node, ast.Call) or not node.args or not isinstance(node.args[0], ast.Constant):
                continue
            reader = ast.unparse(node.func)
            if reader == "env" or reader.startswith("env.") or reader in {"os.environ.get", "os.getenv"}:
                names.add(node.args[0].value)
    return names - _SET_BY_THE_TEST_RUNNER


def _environment_variables_in_the_readme() -> set[str]:
    readme = (Path(settings_package.__file__).parents[2] / "README.md").read_text()
    section = readme.split("## Configuration (environment variables)", 1)[1].split("\n## ", 1)[0]
    return set(re.findall(r"^\| `([A-Z_]+)` \|", section, flags=re.MULTILINE))


def test_the_readme_lists_every_environment_variable_the_settings_read():
    read = _environment_variables_read_by_the_settings()
    documented = _environment_variables_in_the_readme()
    assert {"SECRET_KEY", "EMAIL_URL", "DATABASE_URL"} <= read  # the scan itself works
    assert read - documented == set(), "add these to the README's configuration table"
    # manage.py and wsgi.py choose the settings module; everything else in the table must still be read.
    assert documented - read == {"DJANGO_SETTINGS_MODULE"}, "the README documents variables nothing reads"
