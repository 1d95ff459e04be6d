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

A guest who has a cart (a session, not signed in) shares those pages too, as long as her session
holds nothing but what the apps that own it registered with `share_with_guests`: the kept copy is
made for a stand-in (no cookies, no account, a session with only what changes the page, such as the
province fees are priced to) and her own parts (the header's cart count) are filled in on the way
out. Anything else in the session (an account, a pending message) means the page is rendered for her.

A part of a page that changes far more often than the rest (a product's stock in units, with every
order) is filled in for each answer by the view's `live_parts(request, body, **kwargs)`, between
`<!--live:NAME-->` and `<!--/live:NAME-->` markers, so such changes need not drop the kept page.
"""

import copy
import hashlib
import re
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps
from importlib import import_module

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.contrib.messages.storage import default_storage
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


def _may_be_kept(request) -> bool:
    """What every kept answer needs, whoever asks: a read, the cache on, no pending message, a short address."""
    return (
        request.method in ("GET", "HEAD")
        and settings.PAGE_CACHE_SECONDS > 0
        and not request.COOKIES.get("messages")  # (a deleted cookie may still be sent empty)
        and len(request.META.get("QUERY_STRING", "")) <= MAX_QUERY_CHARS
    )


def visitor_without_state(request) -> bool:
    return _may_be_kept(request) and settings.SESSION_COOKIE_NAME not in request.COOKIES


def page_key(request, variant: str = "") -> str:
    where = f"{request.get_host()}{request.get_full_path()}{variant}".encode()
    return f"page:v{cache_version.current()}:{get_language()}:{hashlib.sha256(where).hexdigest()}"


def live_part(name: str) -> re.Pattern:
    """The markers a template puts around a live part (see above)."""
    return re.compile(rb"<!--live:%s-->.*?<!--/live:%s-->" % (name.encode(), name.encode()), re.S)


@dataclass(frozen=True)
class GuestState:
    """Something a guest's session may hold without making her pages her own."""

    varies_page: bool = False  # pages differ by its value: it is part of the page's key and the stand-in's session
    fill: Callable[[bytes, object], bytes] | None = None  # puts her own value into a kept page: (body, session) -> body


_GUEST_STATE: dict[str, GuestState] = {}  # by session key


def share_with_guests(session_key: str, *, varies_page: bool = False, fill=None) -> None:
    """Registered by the app that owns the session key (from its AppConfig.ready)."""
    _GUEST_STATE[session_key] = GuestState(varies_page, fill)


def guest_session(request):
    """The session of a guest whose pages differ from a visitor's only by registered state, else None."""
    session = getattr(request, "session", None)
    if session is None or not _may_be_kept(request):
        return None
    return session if set(session.keys()) <= _GUEST_STATE.keys() else None


def _guest_variant(session) -> str:
    return "".join(f"|{key}={session[key]!r}" for key, state in sorted(_GUEST_STATE.items())
                   if state.varies_page and key in session)


def _stand_in(request, session):
    """The request as a visitor with only the page-varying part of the guest's session would make it."""
    stand_in = copy.copy(request)
    stand_in.COOKIES = {}
    stand_in.META = {name: value for name, value in request.META.items()
                     if name not in ("HTTP_COOKIE", "CSRF_COOKIE", "CSRF_COOKIE_NEEDS_UPDATE")}
    stand_in.session = import_module(settings.SESSION_ENGINE).SessionStore()
    for key, state in _GUEST_STATE.items():
        if state.varies_page and key in session:
            stand_in.session[key] = session[key]
    stand_in.session.modified = False
    stand_in.user = AnonymousUser()
    stand_in._messages = default_storage(stand_in)
    return stand_in


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


def _answer_from(request, kept: dict, session=None) -> HttpResponse:
    body = zlib.decompress(kept["body"])
    if PLACEHOLDER in body:
        body = body.replace(PLACEHOLDER, get_token(request).encode())
    if session is not None:
        for key, state in _GUEST_STATE.items():
            if state.fill is not None and key in session:
                body = state.fill(body, session)
    response = HttpResponse(body)
    for name, value in kept["headers"].items():
        response[name] = value
    response[HIT_HEADER] = "hit"
    patch_vary_headers(response, ("Cookie",))  # a visitor with a session must never get this copy from a proxy
    return response


def cached_for_visitors(view=None, *, brief: bool = False, live_parts: Callable[..., bytes] | None = None,
                        live_stock: bool = False):
    """Keep the view's page for visitors without state (and guests, see above); everyone else gets the view.
    `brief=True` for pages that always follow the clock (live listings, countdowns); `live_parts`: see above;
    `live_stock=True` for a page showing the stock in units of products pinned on a live session (kept under
    the LIVE_STOCK version as well, which their orders bump)."""
    if view is None:
        return lambda view: cached_for_visitors(view, brief=brief, live_parts=live_parts, live_stock=live_stock)

    def key_for(request, variant: str = "") -> str:
        if live_stock:
            variant += f":s{cache_version.current(cache_version.LIVE_STOCK)}"
        return page_key(request, variant)

    def answer(request, kept, kwargs, session=None):
        response = _answer_from(request, kept, session)
        if live_parts is not None:
            response.content = live_parts(request, response.content, **kwargs)
        return response

    def render_and_keep(request, key, args, kwargs):
        """The view's answer for `request`, and its kept copy (None when the page cannot be kept)."""
        if brief:
            keep_briefly(request)
        response = view(request, *args, **kwargs)
        if hasattr(response, "render") and not getattr(response, "is_rendered", True):
            response.render()
        if not _keepable(request, response):
            return response, None
        kept = _kept_copy(response)
        cache.set(key, kept, _lifetime(request))
        return response, kept

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if visitor_without_state(request):
            key = key_for(request)
            if (kept := cache.get(key)) is not None:
                return answer(request, kept, kwargs)
            response, kept = render_and_keep(request, key, args, kwargs)
            if kept is not None:
                response[HIT_HEADER] = "miss"
            return response
        session = guest_session(request)
        if session is None:
            return view(request, *args, **kwargs)
        key = key_for(request, _guest_variant(session))
        kept = cache.get(key)
        if kept is None:
            _, kept = render_and_keep(_stand_in(request, session), key, args, kwargs)
        if kept is None:
            return view(request, *args, **kwargs)  # not keepable as made for the stand-in: made for her
        return answer(request, kept, kwargs, session)

    return wrapper
