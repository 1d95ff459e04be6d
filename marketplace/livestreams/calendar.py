"""iCalendar (.ics) files of live sessions: one session to add to a phone's calendar, or a feed to subscribe to.

The `icalendar` library does the escaping and line folding; times are written in UTC.
"""

from datetime import UTC, timedelta
from urllib.parse import urlsplit

from django.conf import settings
from django.utils.translation import gettext as _
from icalendar import Calendar, Event, vDuration

from marketplace.livestreams.models import LiveSession

PRODID = "-//Cho Phu nu//Livestream//VI"


def uid_host(request=None) -> str:
    """The domain in every UID: the site's configured address, so a UID stays the same on every host name."""
    host = urlsplit(settings.SITE_URL).hostname
    if not host and request is not None:
        host = request.get_host().split(":")[0]
    return host or "localhost"


def session_uid(session: LiveSession, host: str) -> str:
    return f"live-{session.pk}@{host}"


def _utc(moment):
    return moment.astimezone(UTC)


def session_event(session: LiveSession, *, page_url: str, host: str) -> Event:
    cancelled = session.state == LiveSession.State.CANCELLED
    event = Event()
    event.add("uid", session_uid(session, host))
    event.add("dtstamp", _utc(session.updated_at))
    event.add("last-modified", _utc(session.updated_at))
    event.add("dtstart", _utc(session.starts_at))
    event.add("dtend", _utc(session.ends_at))
    title = session.title
    if cancelled:
        title = _("Đã huỷ: %(title)s") % {"title": title}
    event.add("summary", title)
    lines = [_("Livestream của %(host)s trên %(platform)s.") % {
        "host": session.host.name, "platform": session.get_platform_display()}]
    if session.description:
        lines.append(session.description)
    if cancelled and session.cancel_reason:
        lines.append(_("Lý do huỷ: %(reason)s") % {"reason": session.cancel_reason})
    lines.append(_("Xem và đặt hàng: %(url)s") % {"url": page_url})
    event.add("description", "\n\n".join(lines))
    event.add("url", page_url)
    event.add("location", page_url)
    event.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    return event


def _calendar(name: str) -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    return calendar


def calendar_ics(sessions, *, page_url, host: str, name: str, refresh: timedelta | None = None) -> bytes:
    """A VCALENDAR with one event per session; `page_url(session)` gives the absolute URL of its page.

    `refresh` tells a subscribed calendar app how often to fetch the feed again.
    """
    calendar = _calendar(name)
    if refresh:
        calendar.add("refresh-interval", vDuration(refresh), parameters={"VALUE": "DURATION"})
        calendar.add("x-published-ttl", vDuration(refresh))
    for session in sessions:
        calendar.add_component(session_event(session, page_url=page_url(session), host=host))
    return calendar.to_ical()
