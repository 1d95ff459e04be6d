"""The buyer's order page follows the payment by itself: a JSON status by the private token, polled by a
small script only while the order waits for payment; without JavaScript a refresh shows the same."""

import pytest
from django.test import Client
from django.urls import reverse

from marketplace.orders.models import Order
from tests.orders.conftest import place
from tests.payments.bank_stub import SECRET, WEBHOOK_PATH, body_of, signed_headers, transfer
from tests.payments.test_bank_webhook import order, variant  # noqa: F401  (fixtures)

pytestmark = pytest.mark.django_db


def test_the_status_answers_by_token_in_one_query(order, django_assert_max_num_queries):  # noqa: F811
    url = reverse("payments:order_status", args=[order.token])

    with django_assert_max_num_queries(1):
        response = Client().get(url)

    assert response.status_code == 200
    assert response.json() == {"status": "pending_payment", "payment_status": "unpaid"}
    assert "no-cache" in response["Cache-Control"] or "no-store" in response["Cache-Control"]


@pytest.mark.parametrize("token", ["khong-co", "x" * 300, "%00"])
def test_an_unknown_token_is_404(token):
    assert Client().get(f"/payments/orders/{token}/status/").status_code == 404


def test_the_page_polls_while_unpaid_and_shows_paid_after_the_webhook(order, settings):  # noqa: F811
    settings.BANK_WEBHOOK_PROVIDER, settings.SEPAY_WEBHOOK_SECRET = "sepay", SECRET
    page = Client().get(order.get_absolute_url()).content.decode()
    assert f'data-order-poll="{reverse("payments:order_status", args=[order.token])}"' in page
    assert "js/order-status" in page
    assert "đơn tự chuyển sang “Đã xác nhận”" in page  # the page promises what the webhook does

    body = body_of(transfer(content=order.number, amount=order.total))
    Client().post(WEBHOOK_PATH, data=body, content_type="application/json", headers=signed_headers(body))

    assert Client().get(reverse("payments:order_status", args=[order.token])).json()["status"] == "confirmed"
    page = Client().get(order.get_absolute_url()).content.decode()
    assert "data-order-poll" not in page  # nothing left to wait for: the script stays idle
    assert str(Order.PaymentStatus.PAID.label) in page


def test_without_the_webhook_the_page_says_the_seller_confirms(order, settings):  # noqa: F811
    settings.BANK_WEBHOOK_PROVIDER = ""

    page = Client().get(order.get_absolute_url()).content.decode()

    assert "Người bán xác nhận khi nhận được tiền" in page and "đơn tự chuyển sang" not in page


def test_a_cash_order_page_does_not_poll(variant):  # noqa: F811
    cod = place([(variant.pk, 1)], payment_method="cod").orders.get()

    assert "data-order-poll" not in Client().get(cod.get_absolute_url()).content.decode()
