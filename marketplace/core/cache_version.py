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


def bump_receiver(**kwargs) -> None:
    """A signal receiver: whatever sent it changed what buyers see."""
    bump()


def bump_on_change(*models, uid: str) -> None:
    """Bump whenever one of these models is saved or deleted (pages kept for visitors show them)."""
    from django.db.models.signals import post_delete, post_save

    for model in models:
        post_save.connect(bump_receiver, sender=model, dispatch_uid=f"{uid}_save_{model.__name__}")
        post_delete.connect(bump_receiver, sender=model, dispatch_uid=f"{uid}_delete_{model.__name__}")
