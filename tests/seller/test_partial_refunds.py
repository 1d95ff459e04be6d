"""A refund is an amount: part of the money back keeps the order where it is; all of it ends it "refunded"."""

import pytest
from django.core import mail

from marketplace.orders.models import Order
from tests.factories_orders import order_for

S, P = Order.Status, Order.PaymentStatus


@pytest.fixture
def delivered(shop, product) -> Order:
    """A delivered VietQR order of 210.000 ₫ (two bottles of 90.000 ₫ and 30.000 ₫ shipping), paid."""
    variant = product.variants.get(name="Chai 500 ml")
    variant.price = 90_000
    variant.save()
    return order_for(shop, variant=variant, quantity=2, status=S.DELIVERED, payment_method="vietqr",
                     payment_status=P.PAID)


def refund(client, order, amount: str, reason: str = "Một chai bị vỡ"):
    return client.post(f"/seller/orders/{order.number}/actions/refund/", {"amount": amount, "reason": reason},
                       follow=True)


def test_a_partial_refund_keeps_the_order_delivered_and_shows_the_amount(seller_client, delivered,
                                                                         django_capture_on_commit_callbacks):
    assert delivered.total == 210_000

    with django_capture_on_commit_callbacks(execute=True):
        response = refund(seller_client, delivered, "50.000")

    assert "Đã ghi nhận hoàn tiền" in response.content.decode()
    delivered.refresh_from_db()
    assert (delivered.status, delivered.payment_status, delivered.refunded_total) == (S.DELIVERED,
                                                                                      P.PARTIALLY_REFUNDED, 50_000)
    change = delivered.status_changes.last()
    assert (change.from_status, change.to_status) == (S.DELIVERED, S.DELIVERED)
    assert "50.000" in change.reason and "Một chai bị vỡ" in change.reason and change.actor is not None
    seller_page = seller_client.get(f"/seller/orders/{delivered.number}/").content.decode()
    assert "Đã hoàn cho người mua" in seller_page and "50.000\u00a0₫" in seller_page
    buyer_page = seller_client.get(delivered.get_absolute_url()).content.decode()
    assert "Đã hoàn lại cho bạn" in buyer_page and "Đã giao" in buyer_page
    [buyer_mail] = [m for m in mail.outbox if "mai@example.vn" in m.to]
    assert "Đã hoàn lại 50.000\u00a0₫ trong tổng 210.000\u00a0₫" in buyer_mail.body


def test_a_second_refund_that_completes_the_total_ends_refunded(seller_client, delivered):
    refund(seller_client, delivered, "50000")
    refund(seller_client, delivered, "160000", reason="Trả lại cả đơn")

    delivered.refresh_from_db()
    assert (delivered.status, delivered.payment_status, delivered.refunded_total) == (S.REFUNDED, P.REFUNDED,
                                                                                      210_000)


def test_a_refund_above_what_is_left_is_refused_and_changes_nothing(seller_client, delivered):
    refund(seller_client, delivered, "200000")

    response = refund(seller_client, delivered, "20000")

    assert "chỉ còn có thể hoàn tối đa 10.000\u00a0₫" in response.content.decode()
    delivered.refresh_from_db()
    assert (delivered.status, delivered.refunded_total) == (S.DELIVERED, 200_000)


@pytest.mark.parametrize("amount", ["0", "-5000", "abc", "9" * 30, ""])
def test_a_refund_of_a_bad_amount_is_refused_with_a_message(seller_client, delivered, amount):
    response = refund(seller_client, delivered, amount)

    assert response.status_code == 200
    delivered.refresh_from_db()
    assert (delivered.status, delivered.refunded_total) == (S.DELIVERED, 0)
