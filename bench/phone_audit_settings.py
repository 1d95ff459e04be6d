"""Production settings for bench/phone_audit.py, with the collected static files outside the checkout.

`collectstatic` would otherwise fill ./staticfiles, which WhiteNoise also serves during everyone's tests.
"""

import os
from pathlib import Path

from marketplace.settings import *  # noqa: F403 - the real settings, production when DJANGO_ENV says so

STATIC_ROOT = Path(os.environ["PHONE_AUDIT_STATIC_ROOT"])
