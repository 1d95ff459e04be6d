"""The catalogue version is read once per request, and a bump is seen at once, inside a request or not."""

import pytest
from django.core.cache import cache
from django.core.signals import request_finished, request_started

from marketplace.core import cache_version


def test_outside_a_request_every_read_asks_the_cache():
    first = cache_version.current()
    cache.incr(cache_version.KEY)  # another process bumped it
    assert cache_version.current() == first + 1


@pytest.mark.django_db  # request_finished closes old database connections
def test_inside_a_request_it_is_read_once_and_a_bump_is_seen_at_once():
    request_started.send(sender=None)
    try:
        first = cache_version.current()
        cache.incr(cache_version.KEY)  # another process, during this request: this request keeps what it read
        assert cache_version.current() == first
        cache_version.bump()  # this request's own change
        assert cache_version.current() == first + 2
    finally:
        request_finished.send(sender=None)
    cache.incr(cache_version.KEY)
    assert cache_version.current() == first + 3  # the next request reads again


def test_the_live_stock_version_is_a_series_of_its_own():
    catalogue, live = cache_version.current(), cache_version.current(cache_version.LIVE_STOCK)
    cache_version.bump(cache_version.LIVE_STOCK)
    assert (cache_version.current(), cache_version.current(cache_version.LIVE_STOCK)) == (catalogue, live + 1)
