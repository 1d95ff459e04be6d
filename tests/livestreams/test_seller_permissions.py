"""The permission matrix over every URL of /seller/live/.

- nobody signed in: sent to log in;
- signed in without a producer: /seller/start/ (404 for a URL naming a session);
- another producer's seller: 404 on every URL naming our sessions, GET and POST, and nothing changes;
- a co-host's seller: views the session, takes quick orders and reads figures, but gets 404 on
  whatever runs the session (edit, cancel, start, end, replay, pins), and nothing changes.
"""

from dataclasses import dataclass
from datetime import timedelta
from urllib.parse import quote

import pytest
from django.urls import get_resolver, reverse
from django.utils import timezone
from wagtail.images import get_image_model

from marketplace.catalogue.models import ProductVariant
from marketplace.core.models import AuditEvent
from marketplace.livestreams.models import LiveSession, LiveSubscription, PinnedProduct, ReminderDelivery
from marketplace.orders.models import Checkout, Order, OrderLine, OrderStatusChange
from marketplace.orders.quick_orders import quick_order_place
from tests.factories import ProducerFactory
from tests.factories_live import LiveSessionFactory, live_session, pin, subscription
from tests.factories_producers import UserFactory, member_of

pytestmark = pytest.mark.django_db


@dataclass
class World:
    live: LiveSession
    scheduled: LiveSession
    pin: PinnedProduct
    order: Order


@pytest.fixture
def host(db):
    return ProducerFactory(name="HTX Mật ong Ba Vì")


@pytest.fixture
def partner(db):
    return ProducerFactory(name="HTX Chè Tân Cương")


@pytest.fixture
def host_seller(host):
    return member_of(host)


@pytest.fixture
def world(host, partner, host_seller):
    live = live_session(host=host)
    live.co_hosts.add(partner)
    scheduled = LiveSessionFactory(host=host, starts_at=timezone.now() + timedelta(minutes=10))
    scheduled.co_hosts.add(partner)
    honey = pin(live, price=100_000, stock=10, live_price=80_000, cap=5)
    pin(scheduled, price=90_000, stock=10, live_price=70_000)
    subscription(scheduled)
    order = quick_order_place(session=live, by=host_seller, contact_name="Chị Lan", phone="0912345678", code="A1",
                              quantity=1, address="Thôn Đông")
    return World(live=live, scheduled=scheduled, pin=honey, order=order)


# (url name, kwargs from the world, names a session, host's team only)
URLS = [
    ("seller_live:list", lambda w: {}, False, False),
    ("seller_live:new", lambda w: {}, False, False),
    ("seller_live:detail", lambda w: {"pk": w.live.pk}, True, False),
    ("seller_live:edit", lambda w: {"pk": w.scheduled.pk}, True, True),
    ("seller_live:cancel", lambda w: {"pk": w.scheduled.pk}, True, True),
    ("seller_live:start", lambda w: {"pk": w.scheduled.pk}, True, True),
    ("seller_live:end", lambda w: {"pk": w.live.pk}, True, True),
    ("seller_live:replay", lambda w: {"pk": w.live.pk}, True, True),
    ("seller_live:pins", lambda w: {"pk": w.live.pk}, True, True),
    ("seller_live:pin_edit", lambda w: {"pk": w.live.pk, "pin_id": w.pin.pk}, True, True),
    ("seller_live:pin_remove", lambda w: {"pk": w.live.pk, "pin_id": w.pin.pk}, True, True),
    ("seller_live:quick", lambda w: {"pk": w.live.pk}, True, False),
    ("seller_live:quick_cancel", lambda w: {"pk": w.live.pk, "order_id": w.order.pk}, True, False),
    ("seller_live:figures", lambda w: {"pk": w.live.pk}, True, False),
]
OBJECT_URLS = [case for case in URLS if case[2]]
HOST_ONLY = [case for case in URLS if case[3]]
CO_HOST_VIEWS = ["seller_live:detail", "seller_live:quick", "seller_live:figures"]


def hostile_post_data(w: World) -> dict:
    start = timezone.localtime() + timedelta(days=2)
    return {
        "title": "Bị đổi", "platform": "youtube", "stream_url": "https://www.youtube.com/watch?v=x",
        "starts_at": start.strftime("%Y-%m-%dT%H:%M"), "ends_at": (start + timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M"),
        "co_hosts": "", "reason": "Bị huỷ", "replay_url": "https://youtu.be/x",
        "variant": w.pin.variant_id, "live_price": "1000", "cap": "1",
        f"pin{w.pin.pk}-live_price": "1000", f"pin{w.pin.pk}-cap": "1",
        "contact_name": "Kẻ lạ", "phone": "0912000999", "code": "A1", "quantity": "1", "address": "Đâu đó",
    }


def snapshot() -> dict:
    models = [LiveSession, LiveSession.co_hosts.through, PinnedProduct, LiveSubscription, ReminderDelivery, Order,
              OrderLine, OrderStatusChange, Checkout, ProductVariant, AuditEvent, get_image_model()]
    return {model.__name__: sorted(repr(sorted(row.items())) for row in model.objects.values()) for model in models}


def test_the_matrix_lists_every_seller_live_url():
    names = {f"seller_live:{name}" for name in get_resolver().namespace_dict["seller_live"][1].reverse_dict
             if isinstance(name, str)}
    assert names == {name for name, *_rest in URLS}


@pytest.mark.parametrize("method", ["get", "post"])
@pytest.mark.parametrize(("name", "kwargs", "names_object", "host_only"), URLS, ids=[case[0] for case in URLS])
def test_anonymous_is_sent_to_log_in(client, world, name, kwargs, names_object, host_only, method):
    url = reverse(name, kwargs=kwargs(world))
    before = snapshot()
    response = getattr(client, method)(url)
    assert response.status_code == 302
    assert response["Location"] == f"/accounts/login/?next={quote(url)}"
    assert snapshot() == before


@pytest.mark.parametrize("method", ["get", "post"])
@pytest.mark.parametrize(("name", "kwargs", "names_object", "host_only"), URLS, ids=[case[0] for case in URLS])
def test_signed_in_without_producer(client, world, name, kwargs, names_object, host_only, method):
    client.force_login(UserFactory())
    before = snapshot()
    response = getattr(client, method)(reverse(name, kwargs=kwargs(world)), hostile_post_data(world)
                                       if method == "post" else None)
    if names_object:
        assert response.status_code == 404
    else:
        assert response.status_code == 302 and response["Location"] == reverse("seller:start")
    assert snapshot() == before


@pytest.mark.parametrize("method", ["get", "post"])
@pytest.mark.parametrize(("name", "kwargs", "names_object", "host_only"), OBJECT_URLS,
                         ids=[case[0] for case in OBJECT_URLS])
def test_seller_of_another_producer_gets_404_and_changes_nothing(client, world, name, kwargs, names_object,
                                                                 host_only, method):
    client.force_login(member_of(ProducerFactory(name="HTX Khác")))
    before = snapshot()
    url = reverse(name, kwargs=kwargs(world))
    response = client.post(url, hostile_post_data(world)) if method == "post" else client.get(url)
    assert response.status_code == 404
    assert snapshot() == before


@pytest.mark.parametrize("method", ["get", "post"])
@pytest.mark.parametrize(("name", "kwargs", "names_object", "host_only"), HOST_ONLY,
                         ids=[case[0] for case in HOST_ONLY])
def test_co_host_seller_cannot_run_the_session(client, world, partner, name, kwargs, names_object, host_only,
                                               method):
    client.force_login(member_of(partner))
    before = snapshot()
    url = reverse(name, kwargs=kwargs(world))
    response = client.post(url, hostile_post_data(world)) if method == "post" else client.get(url)
    assert response.status_code == 404
    assert snapshot() == before


@pytest.mark.parametrize("name", CO_HOST_VIEWS)
def test_co_host_seller_views_quick_orders_and_figures(client, world, partner, name):
    client.force_login(member_of(partner))
    response = client.get(reverse(name, kwargs={"pk": world.live.pk}))
    assert response.status_code == 200
    assert world.live.title in response.content.decode()


def test_co_host_seller_cannot_undo_the_host_order(client, world, partner):
    client.force_login(member_of(partner))
    before = snapshot()
    response = client.post(reverse("seller_live:quick_cancel", kwargs={"pk": world.live.pk,
                                                                       "order_id": world.order.pk}))
    assert response.status_code == 404
    assert snapshot() == before


def test_co_host_sees_no_run_buttons(client, world, partner):
    client.force_login(member_of(partner))
    page = client.get(reverse("seller_live:detail", kwargs={"pk": world.scheduled.pk})).content.decode()
    assert reverse("seller_live:start", args=[world.scheduled.pk]) not in page
    assert reverse("seller_live:edit", args=[world.scheduled.pk]) not in page
    assert reverse("seller_live:pins", args=[world.scheduled.pk]) not in page


def test_the_host_team_reaches_every_page(client, world, host_seller):
    client.force_login(host_seller)
    for name, kwargs, _names_object, _host_only in URLS:
        response = client.get(reverse(name, kwargs=kwargs(world)))
        assert response.status_code in (200, 302), name


def test_an_order_of_another_session_is_404_under_this_one(client, world, host_seller):
    client.force_login(host_seller)
    before = snapshot()
    response = client.post(reverse("seller_live:quick_cancel", kwargs={"pk": world.scheduled.pk,
                                                                       "order_id": world.order.pk}))
    assert response.status_code == 404
    assert snapshot() == before


def test_a_pin_of_another_session_is_404_under_this_one(client, world, host_seller):
    client.force_login(host_seller)
    before = snapshot()
    url = reverse("seller_live:pin_remove", kwargs={"pk": world.scheduled.pk, "pin_id": world.pin.pk})
    assert client.post(url).status_code == 404
    assert snapshot() == before
