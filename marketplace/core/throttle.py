"""Counting requests in the cache, for public forms that send email to addresses nobody has proven yet.

A window starts at the first hit and the counter expires with it; being approximate under races is fine
(it bounds mail volume, it is not a security boundary like the login lock of django-axes)."""

from django.core.cache import cache


def throttle_allows(key: str, limit: int) -> bool:
    """True while `key` has been hit fewer than `limit` times in its current window (an empty key always passes)."""
    return not key or (cache.get(_cache_key(key)) or 0) < limit


def throttle_hit(key: str, window_seconds: int) -> None:
    """Count one hit of `key`; the first hit opens a window of `window_seconds`."""
    if not key:
        return
    cache_key = _cache_key(key)
    if cache.add(cache_key, 1, window_seconds):
        return
    try:
        cache.incr(cache_key)
    except ValueError:  # the window closed between add and incr
        cache.set(cache_key, 1, window_seconds)


def throttle_once(key: str, window_seconds: int) -> bool:
    """True for the first call with `key` in `window_seconds`, False for the repeats within it."""
    return cache.add(_cache_key(key), 1, window_seconds)


def _cache_key(key: str) -> str:
    return f"throttle:{key}"
