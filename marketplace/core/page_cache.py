"""Whole-page caching for visitors who have nothing of their own on the page.

A visitor with no session cookie (no cart, not signed in, no province chosen) and no pending
message sees exactly what every such visitor sees, so the storefront's public pages are rendered
once and kept under the catalogue version: any change to what buyers can see (prices, stock,
visibility, ratings, live sessions and pins, CMS pages) bumps the version and every kept page is
dropped at once. What changes with the clock alone (a live banner, a countdown, a live price's grace
period) is kept only briefly: live pages always, other pages when their render calls `keep_briefly`
(PAGE_CACHE_LIVE_SECONDS instead of PAGE_CACHE_SECONDS).

Forms on those pages carry a CSRF token, which must be the visitor's own: the kept copy holds a
placeholder and each answer gets a fresh token for this visitor (and her CSRF cookie, as usual).
Anything else personal makes the page uncacheable: a view that writes the session or sets a
cookie is answered normally and not kept.
"""

import hashlib
import re
import zlib
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.utils.cache import patch_vary_headers
from django.utils.translation import get_language

from marketplace.core import cache_version

CSRF_FIELD = re.compile(rb'(name="csrfmiddlewaretoken" value=")[A-Za-z0-9]{32,64}(")')
PLACEHOLDER = b"__csrf_token_for_this_visitor__"
MAX_QUERY_CHARS = 300  # longer query strings are rare and would only fill the cache
KEPT_HEADERS = ("Content-Type", "Content-Language", "X-Robots-Tag", "Link")
HIT_HEADER = "X-Page-Cache"


def visitor_without_state(request) -> bool:
    return (
        request.method in ("GET", "HEAD")
        and settings.PAGE_CACHE_SECONDS > 0
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and "messages" not in request.COOKIES
        and len(request.META.get("QUERY_STRING", "")) <= MAX_QUERY_CHARS
    )


def page_key(request) -> str:
    where = f"{request.get_host()}{request.get_full_path()}".encode()
    return f"page:v{cache_version.current()}:{get_language()}:{hashlib.sha256(where).hexdigest()}"


BRIEF_ATTRIBUTE = "_page_cache_brief"


def keep_briefly(request) -> None:
    """This page shows something that changes with the clock: keep it only PAGE_CACHE_LIVE_SECONDS."""
    if request is not None:
        setattr(request, BRIEF_ATTRIBUTE, True)


def _lifetime(request) -> int:
    if getattr(request, BRIEF_ATTRIBUTE, False):
        return min(settings.PAGE_CACHE_LIVE_SECONDS, settings.PAGE_CACHE_SECONDS)
    return settings.PAGE_CACHE_SECONDS


def _keepable(request, response) -> bool:
    session = getattr(request, "session", None)
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not (session is not None and session.modified)
        and "private" not in response.get("Cache-Control", "")
        and "no-store" not in response.get("Cache-Control", "")
    )


def _kept_copy(response) -> dict:
    return {
        # Compressed: a page is 30-60 KB of HTML and 6-10 KB deflated, so the cache holds six times more.
        "body": zlib.compress(CSRF_FIELD.sub(rb"\1" + PLACEHOLDER + rb"\2", response.content), 1),
        "headers": {name: response[name] for name in KEPT_HEADERS if response.has_header(name)},
    }


def _answer_from(request, kept: dict) -> HttpResponse:
    body = zlib.decompress(kept["body"])
    if PLACEHOLDER in body:
        body = body.replace(PLACEHOLDER, get_token(request).encode())
    response = HttpResponse(body)
    for name, value in kept["headers"].items():
        response[name] = value
    response[HIT_HEADER] = "hit"
    patch_vary_headers(response, ("Cookie",))  # a visitor with a session must never get this copy from a proxy
    return response


def cached_for_visitors(view=None, *, brief: bool = False):
    """Keep the view's page for visitors without state; everyone else gets the view itself.
    `brief=True` for pages that always follow the clock (live listings, countdowns)."""
    if view is None:
        return lambda view: cached_for_visitors(view, brief=brief)

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not visitor_without_state(request):
            return view(request, *args, **kwargs)
        if brief:
            keep_briefly(request)
        key = page_key(request)
        kept = cache.get(key)
        if kept is not None:
            return _answer_from(request, kept)
        response = view(request, *args, **kwargs)
        if hasattr(response, "render") and not getattr(response, "is_rendered", True):
            response.render()
        if _keepable(request, response):
            cache.set(key, _kept_copy(response), _lifetime(request))
            response[HIT_HEADER] = "miss"
        return response

    return wrapper
