"""Production settings for `make prod-smoke`, with the collected static files outside the checkout.

A real deployment collects into ./staticfiles (STATIC_ROOT); the smoke test must not, since WhiteNoise
also serves that folder to every test run in this checkout.
"""

import os
from pathlib import Path

from marketplace.settings import *  # noqa: F403 - the real settings, production since DJANGO_ENV says so

STATIC_ROOT = Path(os.environ["SMOKE_STATIC_ROOT"])
# The file-based email backend of the smoke test: each process is told its own folder, so the test sees who sent.
EMAIL_FILE_PATH = os.environ.get("SMOKE_EMAIL_FILE_PATH") or None
