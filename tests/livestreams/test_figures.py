"""What a session brought, counted from the orders really made."""

import pytest
from django.urls import reverse
from django.utils import timezone

from marketplace.livestreams.models import LiveSession, ReminderDelivery
from marketplace.orders.live_figures import session_figures
from marketplace.orders.models import Order
from marketplace.orders.placement import order_place
from marketplace.orders.quick_orders import quick_order_cancel, quick_order_place
from tests.factories import HA_NOI, ProducerFactory
from tests.factories_live import live_session, pin, subscription
from tests.factories_orders import order_for
from tests.factories_producers import member_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def host(db):
    return ProducerFactory(name="HTX Mật ong Ba Vì")


@pytest.fixture
def seller(host):
    return member_of(host)


@pytest.fixture
def session(host):
    return live_session(host=host, title="Live mật ong")


def take(session, seller, code: str, quantity: int, name: str = "Chị Lan") -> Order:
    return quick_order_place(session=session, by=seller, contact_name=name, phone="0912345678", code=code,
                             quantity=quantity, address="Thôn Đông")


def test_figures_add_up_the_orders_made(session, seller):
    honey = pin(session, price=100_000, stock=50, live_price=80_000)  # A1
    tea = pin(session, price=60_000, stock=50, live_price=None)  # A2
    take(session, seller, "A1", 2)
    take(session, seller, "A1", 3)
    take(session, seller, "A2", 1)
    undone = take(session, seller, "A2", 4)
    quick_order_cancel(order=undone, by=seller)
    # A web order at the live price counts too (it carries the session).
    order_place(lines=[(honey.variant_id, 1)], contact_name="Người mua web", phone="0987654321",
                province_code=HA_NOI, ward_code=4, street="12 Hàng Bạc", payment_method="cod")
    # Another session's order and an order without session do not.
    other = live_session(host=session.host)
    take(other, seller, pin(other).code, 1)
    order_for(session.host)

    figures = session_figures(session)

    assert figures.orders == 4
    assert figures.quick_orders == 3 and figures.web_orders == 1
    assert figures.cancelled_orders == 1
    assert figures.units == 2 + 3 + 1 + 1
    assert figures.revenue == 80_000 * 6 + 60_000
    assert [(row.product_name, row.units, row.revenue) for row in figures.top_products] == [
        (honey.variant.product.name, 6, 480_000), (tea.variant.product.name, 1, 60_000)]


def test_reach_figures(session):
    first = subscription(session, email="a@example.vn")
    subscription(session, email="b@example.vn")
    subscription(session, email="c@example.vn", confirmed=False)
    gone = subscription(session, email="d@example.vn")
    gone.unsubscribed_at = timezone.now()
    gone.save()
    now = timezone.now()
    ReminderDelivery.objects.create(subscription=first, kind="before", due_at=now, sent_at=now)
    ReminderDelivery.objects.create(subscription=first, kind="live", due_at=now)  # not sent yet
    LiveSession.objects.filter(pk=session.pk).update(link_clicks=37)

    figures = session_figures(session)

    assert (figures.subscribers, figures.reminders_sent, figures.link_clicks) == (2, 1, 37)


def test_empty_session(session):
    figures = session_figures(session)
    assert (figures.orders, figures.units, figures.revenue, figures.top_products) == (0, 0, 0, [])


def test_query_count_does_not_grow_with_orders(session, seller, django_assert_max_num_queries):
    for _index in range(3):
        take(session, seller, pin(session, live_price=None).code, 1)
    with django_assert_max_num_queries(6) as few:
        session_figures(session)
    count = len(few.captured_queries)
    for _index in range(12):
        take(session, seller, pin(session, live_price=None).code, 2)
    with django_assert_max_num_queries(count):
        session_figures(session)


def test_figures_page_shows_the_numbers(client, session, seller):
    pin(session, price=100_000, stock=50, live_price=80_000)
    take(session, seller, "A1", 2)
    client.force_login(seller)
    page = client.get(reverse("seller_live:figures", args=[session.pk])).content.decode()
    assert "160.000\u00a0₫" in page
    assert "Bán chạy nhất" in page and "đã bán 2" in page
    assert "Đăng ký nhắc lịch" in page and "Lượt bấm vào buổi live" in page


def test_revenue_is_net_of_refunds_and_a_partly_refunded_order_still_counts(session, seller):
    pin(session, price=100_000, stock=50, live_price=80_000)  # A1
    kept = take(session, seller, "A1", 2)
    partly = take(session, seller, "A1", 1)
    Order.objects.filter(pk=partly.pk).update(refunded_total=30_000)

    figures = session_figures(session)

    assert figures.orders == 2
    assert figures.revenue == kept.subtotal + 80_000 - 30_000
