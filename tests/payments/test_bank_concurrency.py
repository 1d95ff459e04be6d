"""The bank webhook under concurrency, on PostgreSQL (SQLite serialises writers, so it proves nothing there):
a transfer racing the 30-minute expiry ends in exactly one of paid or expired; five simultaneous deliveries
of one transfer pay once."""

import pytest
from django.db import connection
from django.test import Client

from marketplace.orders.models import Order
from marketplace.orders.transitions import orders_expire_unpaid
from marketplace.payments.bank_transfers.models import BankTransfer
from tests.factories import ProductFactory
from tests.orders.conftest import place
from tests.orders.test_concurrency import run_together
from tests.payments.bank_stub import WEBHOOK_PATH, body_of, signed_headers, transfer

pytestmark = [
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="row locks and concurrent transactions need PostgreSQL"
    ),
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("reference_data"),
]


@pytest.fixture(autouse=True)
def _sepay(sepay_on):
    """Every test here talks to the webhook switched on."""


@pytest.fixture
def variant():
    product = ProductFactory(
        producer__bank_bin="970436",
        producer__bank_account_number="0123456789",
        variants=[{"price": 50_000, "stock": 50}],
    )
    return product.variants.get()


def post(payload: dict) -> dict:
    body = body_of(payload)
    response = Client().post(
        WEBHOOK_PATH, data=body, content_type="application/json", headers=signed_headers(body)
    )
    assert response.status_code == 200
    return response.json()


def test_a_transfer_racing_the_expiry_ends_paid_or_expired_never_both(variant):
    outcomes = []
    for _round in range(6):
        order = place([(variant.pk, 1)], payment_method="vietqr").orders.get()
        Order.objects.filter(pk=order.pk).update(expires_at=order.placed_at)  # due right now
        payload = transfer(content=order.number, amount=order.total)

        errors = run_together([lambda p=payload: outcomes.append(post(p)["outcome"]), orders_expire_unpaid])

        assert errors == []
        order.refresh_from_db()
        row = BankTransfer.objects.get(provider_id=str(payload["id"]))
        paid = (order.status, order.payment_status, row.status) == ("confirmed", "paid", "matched")
        expired = (order.status, order.payment_status, row.reason) == ("cancelled", "unpaid", "order_closed")
        assert paid != expired  # exactly one of the two
        assert (order.stock_released_at is not None) == expired
        assert order.status_changes.filter(to_status__in=["confirmed", "cancelled"]).count() == 1
    assert set(outcomes) <= {"paid", "order_closed"}


def test_five_simultaneous_deliveries_of_one_transfer_pay_once(variant):
    order = place([(variant.pk, 2)], payment_method="vietqr").orders.get()
    payload = transfer(content=order.number, amount=order.total)
    outcomes = []

    errors = run_together([lambda: outcomes.append(post(payload)["outcome"]) for _ in range(5)])

    assert errors == []
    assert sorted(outcomes) == ["paid", "replay", "replay", "replay", "replay"]
    assert BankTransfer.objects.count() == 1
    order.refresh_from_db()
    assert (order.status, order.payment_status) == ("confirmed", "paid")
    assert order.status_changes.filter(to_status="confirmed").count() == 1
