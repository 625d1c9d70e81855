"""Production mode refuses insecure defaults and passes Django's deployment checks."""

import os
import subprocess
import sys
from pathlib import Path

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


def test_production_refuses_to_start_with_insecure_defaults():
    result = run_manage("check", DJANGO_ENV="production")
    assert result.returncode == 1
    assert "Production mode (DJANGO_ENV=production) refuses to start" in result.stderr
    for name in ("SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL", "EMAIL_HOST"):
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
    )
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout


def test_seed_demo_is_refused_in_production():
    result = run_manage(
        "seed_demo",
        DJANGO_ENV="production",
        SECRET_KEY=GOOD_KEY,
        ALLOWED_HOSTS="congres.example.org",
        DATABASE_URL="sqlite:////tmp/never-created.sqlite3",
        EMAIL_HOST="smtp.example.org",
    )
    assert result.returncode == 1
    assert "refused in production" in result.stderr
