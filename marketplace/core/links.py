"""Absolute links for what leaves the site (emails, messages, links a seller copies to Zalo): always the
public address in SITE_URL, never the host name a request or a worker happened to use."""

from django.conf import settings


def absolute_url(path: str = "") -> str:
    """SITE_URL followed by `path` ("/orders/abc/" -> "https://chophunu.vn/orders/abc/")."""
    return settings.SITE_URL + path
