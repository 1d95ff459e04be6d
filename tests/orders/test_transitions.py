from datetime import timedelta

import pytest
from django.utils import timezone

from marketplace.catalogue.models import Product, ProductVariant
from marketplace.orders.errors import OrderError
from marketplace.orders.models import Order
from marketplace.orders.tasks import expire_unpaid_orders
from marketplace.orders.transitions import order_transition, orders_expire_unpaid, transition_allowed
from tests.factories import ProducerFactory, ProductFactory
from tests.orders.conftest import place

pytestmark = pytest.mark.django_db
S = Order.Status


@pytest.fixture
def variant() -> ProductVariant:
    producer = ProducerFactory(bank_bin="970436", bank_account_number="0011223344")  # VietQR orders below
    return ProductFactory(producer=producer, variants=[{"price": 50_000, "stock": 10}]).variants.get()


@pytest.fixture
def seller(django_user_model):
    return django_user_model.objects.create_user(username="seller", password="x-long-password")


def stock_of(variant: ProductVariant) -> tuple[int, int]:
    variant.refresh_from_db()
    return variant.stock, Product.objects.get(pk=variant.product_id).stock_total


def move(order, to_status, role="seller", reason="", **kwargs):
    return order_transition(order=order, to_status=to_status, actor=None, role=role, reason=reason, **kwargs)


def test_the_whole_life_of_a_cash_on_delivery_order(variant, seller):
    order = place([(variant.pk, 2)]).orders.get()

    order_transition(order=order, to_status=S.PACKED, actor=seller, role="seller")
    move(order, S.SHIPPED, carrier="Viettel Post", tracking_number="VTP123")
    move(order, S.DELIVERED)
    move(order, S.COMPLETED, role="buyer")

    assert order.status == S.COMPLETED
    assert (order.carrier, order.tracking_number) == ("Viettel Post", "VTP123")
    assert order.payment_status == Order.PaymentStatus.PAID  # cash taken at the door
    assert order.shipped_at and order.delivered_at
    history = [(c.from_status, c.to_status, c.role) for c in order.status_changes.all()]
    assert history == [
        ("", "confirmed", "buyer"), ("confirmed", "packed", "seller"), ("packed", "shipped", "seller"),
        ("shipped", "delivered", "seller"), ("delivered", "completed", "buyer"),
    ]
    assert order.status_changes.all()[1].actor == seller
    assert stock_of(variant) == (8, 8)


def test_cancelling_releases_stock_exactly_once(variant):
    order = place([(variant.pk, 3)]).orders.get()
    assert stock_of(variant) == (7, 7)

    move(order, S.CANCELLED, role="buyer", reason="Đặt nhầm")
    with pytest.raises(OrderError):
        move(order, S.CANCELLED, role="buyer")
    with pytest.raises(OrderError):
        # a stale copy of the order, still "confirmed" in memory, is checked against the locked row
        stale = Order.objects.get(pk=order.pk)
        stale.status = S.CONFIRMED
        move(stale, S.CANCELLED, role="staff", reason="thử lại")

    assert stock_of(variant) == (10, 10)
    assert order.cancelled_at is not None and order.stock_released_at is not None
    assert order.status_changes.filter(to_status=S.CANCELLED).get().reason == "Đặt nhầm"


@pytest.mark.parametrize(
    ("path", "to_status"),
    [
        ([], S.SHIPPED),  # confirmed → shipped skips packing
        ([], S.DELIVERED),
        ([], S.COMPLETED),
        ([], S.PENDING_PAYMENT),
        ([S.PACKED, S.SHIPPED], S.CANCELLED),  # too late to cancel once shipped
        ([S.PACKED, S.SHIPPED], S.PACKED),
        ([S.PACKED, S.SHIPPED, S.DELIVERED, S.COMPLETED], S.SHIPPED),
        ([], "lost-in-space"),
    ],
)
def test_moves_that_make_no_sense_are_refused(variant, path, to_status):
    order = place([(variant.pk, 1)]).orders.get()
    for step in path:
        move(order, step, role="staff")
    before = (order.status, order.status_changes.count())

    with pytest.raises(OrderError):
        move(order, to_status, role="staff", reason="thử")

    order.refresh_from_db()
    assert (order.status, order.status_changes.count()) == before


def test_the_buyer_cancels_only_before_packing(variant):
    order = place([(variant.pk, 1)]).orders.get()
    assert transition_allowed(order=order, to_status=S.CANCELLED, role="buyer")
    move(order, S.PACKED)

    assert not transition_allowed(order=order, to_status=S.CANCELLED, role="buyer")
    with pytest.raises(OrderError):
        move(order, S.CANCELLED, role="buyer", reason="Đổi ý")
    with pytest.raises(OrderError):
        move(order, S.SHIPPED, role="buyer")
    assert stock_of(variant) == (9, 9)


def test_the_seller_cancels_before_shipping_only_with_a_reason(variant):
    order = place([(variant.pk, 1)]).orders.get()
    move(order, S.PACKED)

    with pytest.raises(OrderError, match="lý do"):
        move(order, S.CANCELLED, reason="  ")
    move(order, S.CANCELLED, reason="Hàng bị vỡ khi đóng gói")

    assert order.status == S.CANCELLED
    assert stock_of(variant) == (10, 10)


def test_the_seller_does_not_confirm_receipt_for_the_buyer(variant):
    order = place([(variant.pk, 1)]).orders.get()
    for step in (S.PACKED, S.SHIPPED, S.DELIVERED):
        move(order, step)

    with pytest.raises(OrderError):
        move(order, S.COMPLETED, role="seller")
    move(order, S.COMPLETED, role="system")


def test_only_a_paid_order_is_refunded_and_a_paid_order_is_not_cancelled(variant):
    order = place([(variant.pk, 2)]).orders.get()
    with pytest.raises(OrderError, match="chưa được thanh toán"):
        move(order, S.REFUNDED)

    Order.objects.filter(pk=order.pk).update(payment_status=Order.PaymentStatus.PAID)
    order.refresh_from_db()
    with pytest.raises(OrderError, match="hoàn tiền"):
        move(order, S.CANCELLED, reason="Hết hàng")
    move(order, S.REFUNDED, reason="Hết hàng")

    # refunded before shipping: the goods never left, so the stock is back
    assert (order.status, order.payment_status) == (S.REFUNDED, Order.PaymentStatus.REFUNDED)
    assert stock_of(variant) == (10, 10)


@pytest.mark.parametrize(("restock", "expected"), [(False, 8), (True, 10)])
def test_after_shipping_a_refund_restocks_only_when_the_seller_chooses(variant, restock, expected):
    order = place([(variant.pk, 2)]).orders.get()
    for step in (S.PACKED, S.SHIPPED, S.DELIVERED):
        move(order, step)
    assert order.payment_status == Order.PaymentStatus.PAID

    move(order, S.REFUNDED, reason="Hàng trả lại", restock=restock)

    assert stock_of(variant) == (expected, expected)


def test_expiry_cancels_unpaid_orders_and_releases_their_stock_once(variant, settings):
    settings.ORDER_PAYMENT_TIMEOUT_MINUTES = 30
    expiring = place([(variant.pk, 2)], payment_method="vietqr").orders.get()
    paid = place([(variant.pk, 3)], payment_method="vietqr").orders.get()
    cash = place([(variant.pk, 1)], payment_method="cod").orders.get()
    Order.objects.filter(pk=paid.pk).update(payment_status=Order.PaymentStatus.PAID)
    assert stock_of(variant) == (4, 4)

    assert orders_expire_unpaid(now=timezone.now() + timedelta(minutes=29)) == 0
    later = timezone.now() + timedelta(minutes=31)
    assert orders_expire_unpaid(now=later) == 1
    assert orders_expire_unpaid(now=later) == 0

    expiring.refresh_from_db()
    assert expiring.status == S.CANCELLED
    change = expiring.status_changes.last()
    assert (change.role, change.actor, change.reason) == ("system", None, "Quá thời hạn thanh toán.")
    assert Order.objects.get(pk=paid.pk).status == S.PENDING_PAYMENT
    assert Order.objects.get(pk=cash.pk).status == S.CONFIRMED
    assert stock_of(variant) == (6, 6)


def test_the_beat_task_runs_the_expiry(variant, settings):
    settings.ORDER_PAYMENT_TIMEOUT_MINUTES = 0
    order = place([(variant.pk, 1)], payment_method="vietqr").orders.get()

    assert expire_unpaid_orders.delay().get() == 1

    order.refresh_from_db()
    assert order.status == S.CANCELLED
    assert stock_of(variant) == (10, 10)
    assert "orders-expire-unpaid" in settings.CELERY_BEAT_SCHEDULE


def test_a_paid_pending_order_is_confirmed(variant):
    order = place([(variant.pk, 1)], payment_method="vietqr").orders.get()

    move(order, S.CONFIRMED, role="system", reason="Đã nhận chuyển khoản")

    assert order.status == S.CONFIRMED and order.confirmed_at is not None
