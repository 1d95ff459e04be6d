from datetime import timedelta

import pytest
from django.utils import timezone
from vietnam_qr_pay import QRPay

from marketplace.catalogue.models import ProductVariant
from marketplace.orders.errors import OrderError
from marketplace.orders.models import Order
from marketplace.orders.payment import order_mark_paid_by_seller
from marketplace.orders.transitions import orders_expire_unpaid
from marketplace.orders.vietqr import order_vietqr_payload
from tests.factories import ProductFactory
from tests.factories_producers import member_of
from tests.orders.conftest import place

pytestmark = pytest.mark.django_db
S = Order.Status


@pytest.fixture
def variant() -> ProductVariant:
    product = ProductFactory(
        producer__bank_bin="970436", producer__bank_account_number="0123456789",
        producer__bank_account_name="NGUYEN THI LAN", producer__shipping_flat_fee=30_000,
        variants=[{"price": 50_000, "stock": 10}],
    )
    return product.variants.get()


@pytest.fixture
def seller(variant):
    return member_of(variant.product.producer)


def vietqr_order(variant, payment_method="vietqr") -> Order:
    return place([(variant.pk, 2)], payment_method=payment_method).orders.get()


def snapshot(order: Order) -> tuple:
    order.refresh_from_db()
    return order.status, order.payment_status, order.confirmed_at, order.status_changes.count()


def test_order_payload_asks_for_the_order_total_with_its_number(variant):
    order = vietqr_order(variant)

    parsed = QRPay(order_vietqr_payload(order))

    assert parsed.is_valid
    assert (parsed.consumer.bank_bin, parsed.consumer.bank_number) == ("970436", "0123456789")
    assert parsed.amount == str(order.total) == "130000"  # 2 × 50,000 + 30,000 shipping
    assert parsed.additional_data.purpose == order.number


def test_no_payload_without_a_usable_bank_account(variant):
    order = vietqr_order(variant)
    producer = order.producer

    producer.bank_bin = producer.bank_account_number = ""
    producer.save()
    assert order_vietqr_payload(Order.objects.get(pk=order.pk)) is None

    producer.bank_bin, producer.bank_account_number = "999999", "0123456789"  # a bank no longer listed
    producer.save()
    assert order_vietqr_payload(Order.objects.get(pk=order.pk)) is None


def test_seller_confirms_the_transfer(variant, seller, django_capture_on_commit_callbacks):
    order = vietqr_order(variant)
    assert (order.status, order.payment_status) == (S.PENDING_PAYMENT, Order.PaymentStatus.UNPAID)

    with django_capture_on_commit_callbacks() as callbacks:
        returned = order_mark_paid_by_seller(order=order, by=seller)

    assert returned is order
    assert (order.status, order.payment_status) == (S.CONFIRMED, Order.PaymentStatus.PAID)
    assert order.confirmed_at is not None
    change = order.status_changes.latest("id")
    assert (change.from_status, change.to_status, change.role, change.actor) == (
        S.PENDING_PAYMENT, S.CONFIRMED, "seller", seller,
    )
    assert change.reason == "Người bán xác nhận đã nhận chuyển khoản"
    assert [c.args for c in callbacks if getattr(c, "args", None)] == [(order.pk, "paid")]
    variant.refresh_from_db()
    assert variant.stock == 8  # still reserved for the paid order


@pytest.mark.parametrize("payment_method", ["cod", "card"])
def test_only_vietqr_orders_are_confirmed_this_way(variant, seller, payment_method, settings):
    settings.STRIPE_SECRET_KEY = "sk_test_placeholder"  # card checkout is offered only with a key
    order = vietqr_order(variant, payment_method=payment_method)
    before = snapshot(order)

    with pytest.raises(OrderError, match="VietQR"):
        order_mark_paid_by_seller(order=order, by=seller)

    assert snapshot(order) == before


def test_a_paid_order_is_not_paid_twice(variant, seller):
    order = vietqr_order(variant)
    order_mark_paid_by_seller(order=order, by=seller)
    before = snapshot(order)

    with pytest.raises(OrderError, match="không còn chờ thanh toán"):
        order_mark_paid_by_seller(order=order, by=seller)

    assert snapshot(order) == before


def test_a_stale_copy_is_checked_against_the_database(variant, seller):
    order = vietqr_order(variant)
    stale = Order.objects.get(pk=order.pk)
    order_mark_paid_by_seller(order=order, by=seller)

    with pytest.raises(OrderError):
        order_mark_paid_by_seller(order=stale, by=seller)
    assert order.status_changes.filter(to_status=S.CONFIRMED).count() == 1


def test_an_expired_order_cannot_be_marked_paid(variant, seller):
    order = vietqr_order(variant)
    assert orders_expire_unpaid(now=timezone.now() + timedelta(hours=2)) == 1
    before = snapshot(order)
    assert before[:2] == (S.CANCELLED, Order.PaymentStatus.UNPAID)

    with pytest.raises(OrderError):
        order_mark_paid_by_seller(order=order, by=seller)

    assert snapshot(order) == before
    variant.refresh_from_db()
    assert variant.stock == 10  # released once by the expiry, not touched again
