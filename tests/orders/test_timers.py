"""Timers: one reminder to ship after two days, automatic completion seven days after delivery."""

from datetime import timedelta

import pytest
from django.utils import timezone

from marketplace.orders.models import Order
from marketplace.orders.tasks import complete_delivered_orders, remind_sellers_to_ship
from marketplace.orders.timers import orders_complete_delivered, orders_remind_to_ship
from tests.factories import ProducerFactory
from tests.factories_orders import order_for
from tests.factories_producers import member_of

pytestmark = pytest.mark.django_db
S = Order.Status


@pytest.fixture
def producer():
    producer = ProducerFactory(name="HTX Mật ong Ba Vì")
    member_of(producer, username="chu", email="chu@example.vn")
    member_of(producer, username="giup", email="")
    return producer


def confirmed_ago(producer, days: float, status=S.CONFIRMED) -> Order:
    return order_for(producer, status=status, placed_at=timezone.now() - timedelta(days=days))


def delivered_ago(producer, days: float) -> Order:
    order = order_for(producer, status=S.DELIVERED, payment_status=Order.PaymentStatus.PAID)
    Order.objects.filter(pk=order.pk).update(delivered_at=timezone.now() - timedelta(days=days))
    return order


def test_the_seller_is_reminded_once_after_two_days(producer, mailoutbox, settings):
    settings.ORDER_SHIP_REMINDER_DAYS = 2
    waiting = confirmed_ago(producer, 2.1)
    packed = confirmed_ago(producer, 3, status=S.PACKED)
    assert orders_remind_to_ship() == 2
    assert len(mailoutbox) == 2
    message = next(m for m in mailoutbox if waiting.number in m.subject)
    assert message.to == ["chu@example.vn"]
    assert "đang chờ chị gửi hàng" in message.subject
    assert f"/seller/orders/{waiting.number}/" in message.body
    waiting.refresh_from_db()
    assert waiting.ship_reminder_sent_at is not None and waiting.status == S.CONFIRMED
    # Again, and again later: nothing more.
    assert orders_remind_to_ship() == 0
    assert orders_remind_to_ship(now=timezone.now() + timedelta(days=5)) == 0
    assert remind_sellers_to_ship() == 0
    assert len(mailoutbox) == 2
    assert packed.number in " ".join(m.subject for m in mailoutbox)


def test_no_reminder_before_two_days_nor_for_orders_already_shipped_or_unpaid(producer, mailoutbox):
    fresh = confirmed_ago(producer, 1.9)
    confirmed_ago(producer, 5, status=S.SHIPPED)
    confirmed_ago(producer, 5, status=S.CANCELLED)
    order_for(producer, status=S.PENDING_PAYMENT, payment_method="vietqr",
              placed_at=timezone.now() - timedelta(days=5))
    assert orders_remind_to_ship() == 0
    assert mailoutbox == []
    fresh.refresh_from_db()
    assert fresh.ship_reminder_sent_at is None
    # Its time comes: then it is reminded.
    assert orders_remind_to_ship(now=timezone.now() + timedelta(hours=3)) == 1


def test_delivered_orders_are_completed_after_seven_days(producer, settings):
    settings.ORDER_AUTO_COMPLETE_DAYS = 7
    due = delivered_ago(producer, 7.01)
    not_yet = delivered_ago(producer, 6.9)
    assert orders_complete_delivered() == 1
    due.refresh_from_db()
    not_yet.refresh_from_db()
    assert due.status == S.COMPLETED and not_yet.status == S.DELIVERED
    change = due.status_changes.last()
    assert (change.from_status, change.to_status, change.role, change.actor) == (S.DELIVERED, S.COMPLETED, "system",
                                                                                  None)
    # Idempotent: a second run (or the task) changes nothing and writes no second history row.
    assert orders_complete_delivered() == 0
    assert complete_delivered_orders() == 0
    assert due.status_changes.filter(to_status=S.COMPLETED).count() == 1


def test_orders_refunded_after_delivery_are_not_completed(producer):
    order = delivered_ago(producer, 10)
    Order.objects.filter(pk=order.pk).update(status=S.REFUNDED)
    assert orders_complete_delivered() == 0
    order.refresh_from_db()
    assert order.status == S.REFUNDED


def test_beat_runs_both_timers_every_15_minutes(settings):
    schedule = {entry["task"]: entry["schedule"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    for task in ("marketplace.orders.tasks.remind_sellers_to_ship", "marketplace.orders.tasks.complete_delivered_orders"):
        assert schedule[task].minute == {0, 15, 30, 45}
