"""A version number for what buyers can see; cached counts and facets are keyed by it.

Every write that changes visibility, prices or stock calls `bump()`, so a cached count is never
older than the last change (and at most FACET_CACHE_SECONDS old otherwise).

Within one request the version is read from the cache once (kept cards, the rate table, the live-price
flag and the kept pages all ask for it); a bump in the request forgets it.

LIVE_STOCK is a second, narrower version: the stock in units of products pinned on a live session, which
only the session's own page shows (orders change it all the time while it sells; nothing else need drop).
"""

import threading

from django.core.cache import cache
from django.core.signals import request_finished, request_started

KEY = "catalogue:version"
LIVE_STOCK = "live-stock:version"
_request = threading.local()


def current(key: str = KEY) -> int:
    known = getattr(_request, "versions", None)
    if known is not None and key in known:
        return known[key]
    version = cache.get(key)
    if version is None:
        cache.add(key, 1, timeout=None)
        version = cache.get(key, 1)
    if known is not None:
        known[key] = version
    return version


def bump(key: str = KEY) -> None:
    if getattr(_request, "versions", None) is not None:
        _request.versions.pop(key, None)
    try:
        cache.incr(key)
    except ValueError:  # not set yet (or evicted): start a fresh series
        cache.set(key, 2, timeout=None)


def _request_began(**kwargs) -> None:
    _request.versions = {}


def _request_ended(**kwargs) -> None:
    _request.versions = None


request_started.connect(_request_began, dispatch_uid="cache_version_request_began")
request_finished.connect(_request_ended, dispatch_uid="cache_version_request_ended")


def bump_receiver(**kwargs) -> None:
    """A signal receiver: whatever sent it changed what buyers see."""
    bump()


def bump_on_change(*models, uid: str) -> None:
    """Bump whenever one of these models is saved or deleted (pages kept for visitors show them)."""
    from django.db.models.signals import post_delete, post_save

    for model in models:
        post_save.connect(bump_receiver, sender=model, dispatch_uid=f"{uid}_save_{model.__name__}")
        post_delete.connect(bump_receiver, sender=model, dispatch_uid=f"{uid}_delete_{model.__name__}")
