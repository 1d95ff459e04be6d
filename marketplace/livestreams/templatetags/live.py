"""Live-session template helpers: the "live now" banners, the countdown text and the Event JSON-LD.

The banners read at most one query each and remember the answer on the request, so a page that
shows one twice (or a header and a body) pays once.
"""

from django import template
from django.utils import timezone
from django.utils.html import json_script
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from marketplace.core.page_cache import keep_briefly
from marketplace.livestreams import selectors
from marketplace.livestreams.models import LiveSession

register = template.Library()

_CACHE_ATTRIBUTE = "_live_banner_cache"
EVENT_STATUS = {
    LiveSession.State.SCHEDULED: "https://schema.org/EventScheduled",
    LiveSession.State.LIVE: "https://schema.org/EventScheduled",
    LiveSession.State.ENDED: "https://schema.org/EventScheduled",
    LiveSession.State.CANCELLED: "https://schema.org/EventCancelled",
}


def _per_request(context, key, compute):
    request = context.get("request")
    if request is None:
        return compute()
    cache = getattr(request, _CACHE_ATTRIBUTE, None)
    if cache is None:
        cache = {}
        setattr(request, _CACHE_ATTRIBUTE, cache)
    if key not in cache:
        cache[key] = compute()
    return cache[key]


@register.inclusion_tag("livestreams/_live_banner.html", takes_context=True)
def live_now_banner(context):
    """"Đang live: <title> — Xem ngay" while any session is live (home page)."""
    sessions = _per_request(context, "live_now", selectors.live_now_for_banner)
    if sessions:
        keep_briefly(context.get("request"))
    return {"sessions": sessions, "first": sessions[0] if sessions else None, "more": max(len(sessions) - 1, 0)}


@register.inclusion_tag("livestreams/_live_offer_banner.html", takes_context=True)
def live_product_banner(context, product):
    """On a product page: the live session where the product is pinned, with its live price."""
    if product is None or not getattr(product, "pk", None):
        return {"pin": None}
    pin = _per_request(context, ("product", product.pk), lambda: selectors.product_live_pin(product))
    if pin is not None:  # a live price holds only until the session ends plus its grace period
        keep_briefly(context.get("request"))
    return {"pin": pin, "session": pin.session if pin else None}


def countdown_text(target, now=None) -> str:
    """"còn 2 giờ 15 phút": the two largest units left until `target`, for the page without JavaScript."""
    seconds = int((target - (now or timezone.now())).total_seconds())
    if seconds < 60:
        return _("sắp bắt đầu")
    minutes = seconds // 60
    days, rest = divmod(minutes, 24 * 60)
    hours, minutes = divmod(rest, 60)
    parts = []
    if days:
        parts.append(ngettext("%(n)d ngày", "%(n)d ngày", days) % {"n": days})
    if hours:
        parts.append(ngettext("%(n)d giờ", "%(n)d giờ", hours) % {"n": hours})
    if minutes and not days:
        parts.append(ngettext("%(n)d phút", "%(n)d phút", minutes) % {"n": minutes})
    return _("còn %(time)s") % {"time": " ".join(parts)}


@register.filter
def countdown(target):
    return countdown_text(target) if target else ""


@register.filter
def local_iso(moment) -> str:
    """An ISO 8601 time with its offset, for <time datetime> and live.js."""
    return moment.isoformat() if moment else ""


@register.simple_tag
def session_json_ld(session, page_url: str, image_url: str = ""):
    """schema.org Event of a session: online, with its status, host and (if any) cover."""
    data = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": session.title,
        "description": (session.description or session.title)[:500],
        "startDate": session.starts_at.isoformat(),
        "endDate": session.ends_at.isoformat(),
        "eventStatus": EVENT_STATUS.get(session.state, EVENT_STATUS[LiveSession.State.SCHEDULED]),
        "eventAttendanceMode": "https://schema.org/OnlineEventAttendanceMode",
        "location": {"@type": "VirtualLocation", "url": page_url},
        "organizer": {"@type": "Organization", "name": session.host.name},
        "url": page_url,
    }
    if image_url:
        data["image"] = [image_url]
    tag = json_script(data)  # escapes <, > and & so a title cannot close the script element
    return mark_safe(tag.replace('type="application/json"', 'type="application/ld+json"', 1))
