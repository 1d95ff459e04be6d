"""SITE_URL is the one public address: a production start without it fails loudly instead of mailing 127.0.0.1."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def start_production(**extra) -> subprocess.CompletedProcess:
    env = {**os.environ, "DJANGO_ENV": "production", "SECRET_KEY": "x" * 60, "ALLOWED_HOSTS": "chophunu.example.org",
           **extra}
    env.pop("SITE_URL", None) if "SITE_URL" not in extra else None
    return subprocess.run([sys.executable, "-c", "import django; django.setup()"], cwd=ROOT, env={
        **env, "DJANGO_SETTINGS_MODULE": "marketplace.settings"}, capture_output=True, text=True, timeout=120)


def test_production_refuses_to_start_without_a_site_url():
    result = start_production()

    assert result.returncode != 0 and "SITE_URL" in result.stderr


def test_production_starts_with_one():
    assert start_production(SITE_URL="https://chophunu.example.org").returncode == 0
