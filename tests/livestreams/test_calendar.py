"""Calendar files: one session's .ics and the /live/calendar.ics feed, parsed back with `icalendar`."""

from datetime import UTC, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from marketplace.livestreams import selectors
from marketplace.livestreams.models import LiveSession
from tests.factories_live import LiveSessionFactory, ended_session, live_session
from tests.factories_producers import DraftProducerFactory

pytestmark = pytest.mark.django_db

FEED_URL = "/live/calendar.ics"


def ics_url(session) -> str:
    return f"/live/{session.pk}/calendar.ics"


def parse(response) -> Calendar:
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return Calendar.from_ical(response.content)


def events(calendar: Calendar) -> dict[str, object]:
    return {str(event["UID"]): event for event in calendar.walk("VEVENT")}


def test_urls_are_named():
    assert reverse("livestreams:ics", args=[7]) == "/live/7/calendar.ics"
    assert reverse("livestreams:feed") == FEED_URL


def test_session_ics_describes_the_session_in_utc(client, settings):
    settings.SITE_URL = "https://chophunu.example"
    start = timezone.now().replace(microsecond=0) + timedelta(days=1)
    session = LiveSessionFactory(
        title="Chè Shan; hái búp, sao chảo gang", description="Dòng 1\nDòng 2, có dấu phẩy",
        starts_at=start, ends_at=start + timedelta(hours=1, minutes=30),
    )

    response = client.get(ics_url(session))

    assert response["Content-Disposition"] == f'attachment; filename="live-{session.pk}.ics"'
    calendar = parse(response)
    assert str(calendar["VERSION"]) == "2.0" and "PRODID" in calendar
    (event,) = calendar.walk("VEVENT")
    assert str(event["UID"]) == f"live-{session.pk}@chophunu.example"
    assert event.decoded("DTSTART") == start.astimezone(UTC)
    assert event.decoded("DTSTART").utcoffset() == timedelta(0)
    assert event.decoded("DTEND") == (start + timedelta(hours=1, minutes=30)).astimezone(UTC)
    assert str(event["SUMMARY"]) == "Chè Shan; hái búp, sao chảo gang"
    page = f"http://testserver/live/{session.pk}/"
    assert str(event["URL"]) == page
    description = str(event["DESCRIPTION"])
    assert page in description and "Dòng 1\nDòng 2, có dấu phẩy" in description
    assert session.host.name in description and "YouTube" in description
    assert str(event["STATUS"]) == "CONFIRMED"
    assert b"DTSTART:" in response.content and b"Z\r\n" in response.content  # UTC, no TZID needed


def test_the_uid_stays_the_same_across_host_names(client, settings):
    settings.SITE_URL = "https://chophunu.example"
    session = LiveSessionFactory()

    first = parse(client.get(ics_url(session)))
    second = parse(client.get(ics_url(session), HTTP_HOST="localhost"))

    assert set(events(first)) == set(events(second)) == {f"live-{session.pk}@chophunu.example"}


def test_long_titles_and_descriptions_fold_and_parse_back(client):
    session = LiveSessionFactory(title="Mật ong rừng U Minh " * 7, description="Giới thiệu rất dài. " * 100)

    response = client.get(ics_url(session))

    assert all(len(line) <= 75 for line in response.content.split(b"\r\n"))
    (event,) = parse(response).walk("VEVENT")
    assert str(event["SUMMARY"]) == session.title
    assert session.description.strip() in str(event["DESCRIPTION"])


def test_cancelled_session_is_marked_cancelled(client):
    session = LiveSessionFactory(state=LiveSession.State.CANCELLED, cancel_reason="Mất điện cả xã")

    (event,) = parse(client.get(ics_url(session))).walk("VEVENT")

    assert str(event["STATUS"]) == "CANCELLED"
    assert "Mất điện cả xã" in str(event["DESCRIPTION"])


def test_session_ics_of_an_unverified_host_is_not_found(client):
    session = LiveSessionFactory(host=DraftProducerFactory())

    assert client.get(ics_url(session)).status_code == 404


def test_english_ics_links_to_the_english_page(client):
    session = LiveSessionFactory()

    (event,) = parse(client.get(f"/en/live/{session.pk}/calendar.ics")).walk("VEVENT")

    assert str(event["URL"]) == f"http://testserver/en/live/{session.pk}/"


def test_feed_has_upcoming_live_and_recent_sessions_of_verified_hosts(client, settings):
    settings.SITE_URL = "https://chophunu.example"
    upcoming = LiveSessionFactory()
    on_air = live_session()
    recent = ended_session(ended_minutes_ago=10 * 24 * 60)
    cancelled = LiveSessionFactory(state=LiveSession.State.CANCELLED, cancel_reason="Ốm")
    old = ended_session(ended_minutes_ago=40 * 24 * 60)
    hidden = LiveSessionFactory(host=DraftProducerFactory())

    response = client.get(FEED_URL)

    assert response["Content-Disposition"] == 'attachment; filename="lich-livestream.ics"'
    calendar = parse(response)
    found = events(calendar)
    uid = "live-{}@chophunu.example".format
    assert set(found) == {uid(upcoming.pk), uid(on_air.pk), uid(recent.pk), uid(cancelled.pk)}
    assert uid(old.pk) not in found and uid(hidden.pk) not in found
    assert str(found[uid(cancelled.pk)]["STATUS"]) == "CANCELLED"
    assert str(calendar["X-WR-CALNAME"]) == "Lịch livestream Chợ Phụ nữ"
    assert b"REFRESH-INTERVAL;VALUE=DURATION:PT1H" in response.content


def test_feed_is_bounded(client, monkeypatch):
    monkeypatch.setattr(selectors, "FEED_LIMIT", 3)
    sessions = [LiveSessionFactory(starts_at=timezone.now() + timedelta(days=day),
                                   ends_at=timezone.now() + timedelta(days=day, hours=1)) for day in range(1, 6)]

    found = events(parse(client.get(FEED_URL)))

    assert len(found) == 3
    assert {str(uid).split("@")[0] for uid in found} == {f"live-{session.pk}" for session in sessions[:3]}


def test_empty_feed_is_a_valid_calendar(client):
    calendar = parse(client.get(FEED_URL))

    assert calendar.walk("VEVENT") == []


def test_feed_queries_do_not_grow_with_sessions(client):
    LiveSessionFactory()
    with CaptureQueriesContext(connection) as few:
        client.get(FEED_URL)
    for _ in range(10):
        LiveSessionFactory()
    with CaptureQueriesContext(connection) as many:
        client.get(FEED_URL)

    assert len(few.captured_queries) == len(many.captured_queries) <= 3
