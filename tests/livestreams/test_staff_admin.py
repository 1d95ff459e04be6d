"""Live sessions in the union admin: an officer lists, searches, inspects, exports and curates the sessions
of her unit's subtree only; another unit's session is a 403/404 everywhere; central sees all."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from wagtail.admin.menu import admin_menu

from marketplace.core.models import AuditEvent
from marketplace.livestreams.models import LiveSession
from marketplace.orders.models import Order
from producers.models import Producer
from tests.factories_live import LiveSessionFactory, ended_session, live_session, pin, subscription
from tests.factories_orders import order_for
from tests.livestreams.staff_world import HA_NOI_TITLE, HUE_TITLE, logged_in, staff_world

pytestmark = pytest.mark.django_db

INDEX = "live_sessions:index"


@pytest.fixture
def world():
    return staff_world()


def is_refused(response) -> bool:
    """403/404, or Wagtail's answer to PermissionDenied: back to the dashboard with a message."""
    return response.status_code in (403, 404) or (
        response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home")
    )


def is_sent_to_login(response) -> bool:
    return response.status_code == 403 or (
        response.status_code == 302 and response["Location"].startswith(reverse("wagtailadmin_login"))
    )


# --- Listing, search, export ----------------------------------------------------------------------


def test_ha_noi_officer_lists_only_ha_noi_sessions(world):
    client = logged_in(world.ha_noi_staff)

    for name in (INDEX, "live_sessions:index_results"):
        response = client.get(reverse(name))
        text = response.content.decode()
        assert response.status_code == 200
        assert HA_NOI_TITLE in text
        assert HUE_TITLE not in text


def test_central_officer_and_superuser_list_both_provinces(world):
    for user in (world.central_staff, world.superuser):
        text = logged_in(user).get(reverse(INDEX)).content.decode()
        assert HA_NOI_TITLE in text and HUE_TITLE in text


def test_search_without_diacritics_stays_in_scope(world):
    ha_noi, central = logged_in(world.ha_noi_staff), logged_in(world.central_staff)

    hidden = ha_noi.get(reverse("live_sessions:index_results"), {"q": "me xung"}).content.decode()
    found = central.get(reverse("live_sessions:index_results"), {"q": "me xung"}).content.decode()
    own = ha_noi.get(reverse(INDEX), {"q": "rau sach"}).content.decode()

    assert HUE_TITLE not in hidden
    assert HUE_TITLE in found and HA_NOI_TITLE not in found
    assert HA_NOI_TITLE in own


def test_search_by_host_name_finds_the_host_s_sessions(world):
    response = logged_in(world.central_staff).get(reverse(INDEX), {"q": "Thiên Hương"})

    assert HUE_TITLE in response.content.decode()


def test_export_lists_the_officer_s_sessions_only(world):
    response = logged_in(world.ha_noi_staff).get(reverse(INDEX), {"export": "csv"})
    text = b"".join(response.streaming_content).decode() if response.streaming else response.content.decode()

    assert response.status_code == 200
    assert HA_NOI_TITLE in text
    assert HUE_TITLE not in text


def test_filters_by_state_featured_platform_and_month(world):
    client = logged_in(world.central_staff)
    world.hue_session.featured = True
    world.hue_session.save()
    month = timezone.localtime(world.hue_session.starts_at).strftime("%Y-%m")
    ended = ended_session(host=world.ha_noi_producer, title="Buổi đã xong", platform=LiveSession.Platform.FACEBOOK,
                          stream_url="https://www.facebook.com/htx/videos/123")

    featured = client.get(reverse(INDEX), {"featured": "true"}).content.decode()
    ended_only = client.get(reverse(INDEX), {"state": "ended", "platform": "facebook"}).content.decode()
    this_month = client.get(reverse(INDEX), {"month": month}).content.decode()

    assert HUE_TITLE in featured and HA_NOI_TITLE not in featured
    assert ended.title in ended_only and HUE_TITLE not in ended_only
    assert HUE_TITLE in this_month


@pytest.mark.parametrize("params", [
    {"month": "2025-13"}, {"month": "abc"}, {"state": "nope"}, {"featured": "maybe"}, {"platform": "myspace"},
    {"month": "9" * 40}, {"ordering": "password"}, {"p": "99999"},
])
def test_bad_listing_parameters_never_fail(world, params):
    response = logged_in(world.ha_noi_staff).get(reverse(INDEX), params)

    assert response.status_code in (200, 404)
    assert HUE_TITLE not in response.content.decode()


def test_the_list_shows_the_live_order_count(world):
    for _ in range(2):
        order_for(world.ha_noi_producer, live_session=world.ha_noi_session, source=Order.Source.LIVE)
    order_for(world.ha_noi_producer, live_session=world.ha_noi_session, status=Order.Status.CANCELLED)

    response = logged_in(world.ha_noi_staff).get(reverse(INDEX))

    row = next(row for row in response.content.decode().split("<tr") if HA_NOI_TITLE in row)
    assert ">2<" in row.replace(" ", "").replace("\n", "")


def test_nobody_adds_or_deletes_sessions_here(world):
    client = logged_in(world.superuser)

    for name in ("live_sessions:add", "live_sessions:delete"):
        with pytest.raises(NoReverseMatch):
            reverse(name, args=[world.ha_noi_session.pk]) if name.endswith("delete") else reverse(name)
    assert "live_sessions:add" not in client.get(reverse(INDEX)).content.decode()


def test_the_livestream_menu_is_shown_to_staff_only(world, rf):
    def labels(user) -> list[str]:
        request = rf.get("/admin/")
        request.user = user
        groups = [item for item in admin_menu.menu_items_for_request(request) if item.name == "livestream"]
        return [str(item.label) for group in groups for item in group.menu.menu_items_for_request(request)]

    assert {"Phiên livestream", "Báo cáo livestream"} <= set(labels(world.ha_noi_staff))
    assert labels(world.buyer) == []


# --- Another unit's session -----------------------------------------------------------------------


@pytest.mark.parametrize("name", ["live_sessions:inspect", "live_sessions:edit"])
def test_another_unit_s_session_is_refused(world, name):
    response = logged_in(world.ha_noi_staff).get(reverse(name, args=[world.hue_session.pk]))

    assert is_refused(response)
    assert HUE_TITLE not in response.content.decode()


def test_another_unit_s_session_cannot_be_featured_or_cancelled(world):
    client = logged_in(world.ha_noi_staff)
    session = world.hue_session

    feature = client.post(reverse("live_sessions:edit", args=[session.pk]), {"featured": "on"})
    cancel = client.post(reverse("live_sessions:cancel", args=[session.pk]), {"reason": "Vi phạm quy định"})

    session.refresh_from_db()
    assert is_refused(feature) and is_refused(cancel)
    assert not session.featured
    assert session.state == LiveSession.State.SCHEDULED
    assert not AuditEvent.objects.filter(object_id=str(session.pk), action__startswith="live_").exists()


@pytest.mark.parametrize("pk", ["999999", "0"])
def test_unknown_ids_are_404(world, pk):
    response = logged_in(world.central_staff).get(f"/admin/live-sessions/{pk}/")

    assert response.status_code == 404


def test_central_officer_opens_a_huế_session(world):
    response = logged_in(world.central_staff).get(reverse("live_sessions:inspect", args=[world.hue_session.pk]))

    assert response.status_code == 200
    assert HUE_TITLE in response.content.decode()


@pytest.mark.parametrize("name", [INDEX, "live_sessions:inspect", "live_sessions:edit", "live_report:index"])
def test_anonymous_visitors_and_buyers_are_sent_to_login(world, client, name):
    url = reverse(name) if name.endswith("index") else reverse(name, args=[world.ha_noi_session.pk])

    assert is_sent_to_login(client.get(url))
    assert is_sent_to_login(logged_in(world.buyer).get(url))


def test_an_officer_of_no_unit_sees_no_session(world):
    world.ha_noi_staff.union_staff.delete()
    world.ha_noi_staff.refresh_from_db()

    response = logged_in(world.ha_noi_staff).get(reverse(INDEX))

    text = response.content.decode()
    assert HA_NOI_TITLE not in text and HUE_TITLE not in text


# --- A session's page ----------------------------------------------------------------------------


def test_the_session_page_shows_pins_subscribers_and_orders(world):
    session = world.ha_noi_session
    first = pin(session, price=120_000, live_price=95_000, cap=10)
    subscription(session, email="a@example.vn")
    subscription(session, email="b@example.vn")
    subscription(session, email="c@example.vn", confirmed=False)
    order = order_for(world.ha_noi_producer, live_session=session, source=Order.Source.LIVE)

    response = logged_in(world.ha_noi_staff).get(reverse("live_sessions:inspect", args=[session.pk]))

    text = response.content.decode()
    assert response.status_code == 200
    assert first.code in text and "95.000" in text
    assert "Người đăng ký nhắc</dt><dd>2</dd>" in text
    assert order.number in text
    assert reverse("union_orders:inspect", args=[order.pk]) in text


def test_the_session_page_lists_only_the_orders_of_the_officer_s_scope(world):
    session = world.ha_noi_session
    session.co_hosts.add(world.hue_producer)
    own = order_for(world.ha_noi_producer, live_session=session)
    other = order_for(world.hue_producer, live_session=session)

    text = logged_in(world.ha_noi_staff).get(reverse("live_sessions:inspect", args=[session.pk])).content.decode()

    assert own.number in text
    assert other.number not in text


# --- The calendar flag ---------------------------------------------------------------------------


def test_an_officer_puts_a_session_on_the_union_calendar_and_takes_it_off(world):
    client = logged_in(world.ha_noi_staff)
    session = world.ha_noi_session
    url = reverse("live_sessions:edit", args=[session.pk])

    assert client.get(url).status_code == 200
    on = client.post(url, {"featured": "on"})
    session.refresh_from_db()
    assert on.status_code == 302 and on["Location"] == reverse("live_sessions:inspect", args=[session.pk])
    assert session.featured

    client.post(url, {})
    session.refresh_from_db()
    assert not session.featured
    actions = list(AuditEvent.objects.filter(object_id=str(session.pk), action__startswith="live_").order_by("pk")
                   .values_list("action", "actor"))
    assert actions == [("live_featured", world.ha_noi_staff.pk), ("live_unfeatured", world.ha_noi_staff.pk)]


def test_the_session_page_offers_the_one_click_calendar_button(world):
    client = logged_in(world.ha_noi_staff)
    session = world.ha_noi_session

    text = client.get(reverse("live_sessions:inspect", args=[session.pk])).content.decode()

    assert f'action="{reverse("live_sessions:edit", args=[session.pk])}"' in text
    assert "Đưa lên lịch của Hội" in text


@pytest.mark.parametrize("problem", ["cancelled", "unverified"])
def test_a_cancelled_session_or_an_unverified_host_stays_off_the_calendar(world, problem):
    session = world.ha_noi_session
    if problem == "cancelled":
        LiveSession.objects.filter(pk=session.pk).update(state=LiveSession.State.CANCELLED,
                                                         cancelled_at=timezone.now(), cancel_reason="Ốm")
    else:
        Producer.objects.filter(pk=session.host_id).update(verification_status=Producer.Verification.SUBMITTED)

    response = logged_in(world.ha_noi_staff).post(reverse("live_sessions:edit", args=[session.pk]),
                                                  {"featured": "on"})

    session.refresh_from_db()
    assert response.status_code == 200
    expected = {"cancelled": "Phiên đã huỷ nên không đưa lên lịch của Hội được.",
                "unverified": "Cơ sở chủ trì chưa được Hội xác minh"}[problem]
    assert expected in response.content.decode()
    assert not session.featured


# --- Cancelling ----------------------------------------------------------------------------------


def test_an_officer_cancels_a_scheduled_session_with_a_reason(world):
    session = world.ha_noi_session

    response = logged_in(world.ha_noi_staff).post(reverse("live_sessions:cancel", args=[session.pk]),
                                                  {"reason": "  Sản phẩm chưa có giấy phép  "})

    session.refresh_from_db()
    assert response.status_code == 302
    assert session.state == LiveSession.State.CANCELLED
    assert session.cancel_reason == "Sản phẩm chưa có giấy phép"
    assert AuditEvent.objects.filter(object_id=str(session.pk), action="live_cancelled",
                                     actor=world.ha_noi_staff).exists()


@pytest.mark.parametrize("reason", ["", "   ", "x" * 1001])
def test_a_cancel_without_a_good_reason_changes_nothing(world, reason):
    session = world.ha_noi_session

    response = logged_in(world.ha_noi_staff).post(reverse("live_sessions:cancel", args=[session.pk]),
                                                  {"reason": reason})

    session.refresh_from_db()
    assert response.status_code == 400
    assert session.state == LiveSession.State.SCHEDULED
    assert "lý do" in response.content.decode().lower()


def test_a_live_session_cannot_be_cancelled(world):
    session = live_session(host=world.ha_noi_producer)

    response = logged_in(world.ha_noi_staff).post(reverse("live_sessions:cancel", args=[session.pk]),
                                                  {"reason": "Vi phạm"})

    session.refresh_from_db()
    assert response.status_code == 400
    assert "Chỉ huỷ được phiên chưa bắt đầu." in response.content.decode()
    assert session.state == LiveSession.State.LIVE


def test_cancel_is_post_only(world):
    response = logged_in(world.ha_noi_staff).get(reverse("live_sessions:cancel", args=[world.ha_noi_session.pk]))

    assert response.status_code == 405


# --- Queries -------------------------------------------------------------------------------------


def _sessions_with_orders(producer, count: int) -> None:
    now = timezone.now()
    for index in range(count):
        session = LiveSessionFactory(host=producer, starts_at=now + timedelta(hours=index + 1))
        order_for(producer, live_session=session)


def _queries_of(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_listing_runs_the_same_queries_for_3_and_12_sessions(world, django_assert_max_num_queries):
    client = logged_in(world.ha_noi_staff)
    client.get(reverse(INDEX))  # warm caches (site, content types)
    _sessions_with_orders(world.ha_noi_producer, 3)
    few = _queries_of(client, reverse(INDEX))

    _sessions_with_orders(world.ha_noi_producer, 9)
    with django_assert_max_num_queries(few):
        response = client.get(reverse(INDEX))

    assert response.status_code == 200
    assert few <= 16
