"""A version number for what buyers can see; cached counts and facets are keyed by it.

Every write that changes visibility, prices or stock calls `bump()`, so a cached count is never
older than the last change (and at most FACET_CACHE_SECONDS old otherwise).
"""

from django.core.cache import cache

KEY = "catalogue:version"


def current() -> int:
    version = cache.get(KEY)
    if version is None:
        cache.add(KEY, 1, timeout=None)
        version = cache.get(KEY, 1)
    return version


def bump() -> None:
    try:
        cache.incr(KEY)
    except ValueError:  # not set yet (or evicted): start a fresh series
        cache.set(KEY, 2, timeout=None)
