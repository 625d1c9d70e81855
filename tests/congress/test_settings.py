"""Production mode refuses insecure defaults and passes Django's deployment checks."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
GOOD_KEY = "k" * 20 + "-production-secret-that-is-long-enough-0123456789"


def run_manage(*args, **env):
    base = {
        k: v
        for k, v in os.environ.items()
        if k
        not in {
            "DATABASE_URL",
            "SECRET_KEY",
            "ALLOWED_HOSTS",
            "DEBUG",
            "EMAIL_HOST",
            "DJANGO_ALLOW_ASYNC_UNSAFE",
            "DEFAULT_FROM_EMAIL",
            "SERVER_EMAIL",
            "CACHE_BACKEND",
            "REDIS_URL",
            "TRUSTED_PROXY_COUNT",
            "SECURE_HSTS_INCLUDE_SUBDOMAINS",
            "SECURE_HSTS_PRELOAD",
            "SECURE_SSL_REDIRECT",
            "LOG_LEVEL",
        }
    }
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=base | env,
        capture_output=True,
        text=True,
        timeout=60,
    )


PRODUCTION = {
    "DJANGO_ENV": "production",
    "SECRET_KEY": GOOD_KEY,
    "ALLOWED_HOSTS": "congres.example.org",
    "DATABASE_URL": "sqlite:////tmp/never-created.sqlite3",
    "EMAIL_HOST": "smtp.example.org",
    "DEFAULT_FROM_EMAIL": "Congrès des Solidarités <congres@example.org>",
    "CACHE_BACKEND": "db",
}


def settings_value(expression: str, **env) -> str:
    result = run_manage(
        "shell",
        "--no-imports",
        "-c",
        f"from django.conf import settings; print({expression})",
        **env,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_production_refuses_to_start_with_insecure_defaults():
    result = run_manage("check", DJANGO_ENV="production")
    assert result.returncode == 1
    assert "Production mode (DJANGO_ENV=production) refuses to start" in result.stderr
    for name in (
        "SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL", "EMAIL_HOST", "DEFAULT_FROM_EMAIL",
        "CACHE_BACKEND",
    ):  # fmt: skip
        assert name in result.stderr


def test_production_passes_check_deploy():
    result = run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DJANGO_ENV="production",
        SECRET_KEY=GOOD_KEY,
        ALLOWED_HOSTS="congres.example.org",
        DATABASE_URL="postgres://app:app@127.0.0.1:5432/app",
        EMAIL_HOST="smtp.example.org",
        DEFAULT_FROM_EMAIL="Congrès des Solidarités <congres@example.org>",
        CACHE_BACKEND="db",
    )
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout


def test_seed_demo_is_refused_in_production():
    result = run_manage("seed_demo", **PRODUCTION)
    assert result.returncode == 1
    assert "refused in production" in result.stderr


@pytest.mark.parametrize("cache", [{}, {"CACHE_BACKEND": "memory"}], ids=["unset", "memory"])
def test_production_refuses_a_per_process_cache(cache):
    env = {k: v for k, v in PRODUCTION.items() if k != "CACHE_BACKEND"} | cache
    result = run_manage("check", **env)
    assert result.returncode == 1
    assert "CACHE_BACKEND=db (after manage.py createcachetable) or REDIS_URL" in result.stderr


def test_production_accepts_a_database_cache():
    assert settings_value("settings.CACHES['default']['BACKEND']", **PRODUCTION) == (
        "django.core.cache.backends.db.DatabaseCache"
    )


def test_trusted_proxy_count_reaches_drf():
    assert (
        settings_value(
            "settings.TRUSTED_PROXY_COUNT, settings.REST_FRAMEWORK['NUM_PROXIES']",
            TRUSTED_PROXY_COUNT="2",
        )
        == "2 2"
    )


@pytest.mark.parametrize("sender", ["webmaster@localhost", "Congrès <congres@localhost>"])
def test_production_refuses_a_localhost_sender(sender):
    result = run_manage("check", **PRODUCTION | {"DEFAULT_FROM_EMAIL": sender})
    assert result.returncode == 1
    assert "DEFAULT_FROM_EMAIL (the sender of every email" in result.stderr


def test_sender_addresses_come_from_the_environment():
    assert (
        settings_value(
            "settings.DEFAULT_FROM_EMAIL, '|', settings.SERVER_EMAIL",
            DEFAULT_FROM_EMAIL="Congrès <congres@example.org>",
            SERVER_EMAIL="erreurs@example.org",
        )
        == "Congrès <congres@example.org> | erreurs@example.org"
    )


def test_production_language_cookie_is_secure():
    assert (
        settings_value(
            "settings.LANGUAGE_COOKIE_SECURE, settings.LANGUAGE_COOKIE_HTTPONLY, "
            "settings.LANGUAGE_COOKIE_SAMESITE",
            **PRODUCTION,
        )
        == "True True Lax"
    )


def test_hsts_include_subdomains_and_preload_are_opt_in():
    expression = "settings.SECURE_HSTS_INCLUDE_SUBDOMAINS, settings.SECURE_HSTS_PRELOAD"
    assert settings_value(expression, **PRODUCTION) == "False False"
    opted_in = PRODUCTION | {"SECURE_HSTS_INCLUDE_SUBDOMAINS": "1", "SECURE_HSTS_PRELOAD": "1"}
    assert settings_value(expression, **opted_in) == "True True"


HEALTH_CHECK = """
from django.test import Client
client = Client()
for host in ("10.0.0.12:8000", "congres.example.org"):
    response = client.get("/healthz/", HTTP_HOST=host)
    print(response.status_code, response.content.decode())
print(client.get("/", HTTP_HOST="congres.example.org").status_code)
"""


def test_health_check_answers_plain_http_and_an_ip_host_in_production(tmp_path):
    env = PRODUCTION | {"STATIC_ROOT": str(tmp_path)}
    result = run_manage("shell", "--no-imports", "-c", HEALTH_CHECK, **env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split("\n")[:3] == ["200 ok", "200 ok", "301"]
    assert result.stderr == ""  # no "Invalid HTTP_HOST header" error, no traceback
