"""SePay's webhook with its real signature scheme: a transfer naming an order's number with its total pays it,
once, whatever the replays and the order of delivery; anything else is filed, unmatched, for a person."""

import json
import time

import pytest
from django.core import mail
from django.urls import reverse

from marketplace.orders.models import Order, OrderStatusChange
from marketplace.orders.payment import order_mark_paid_by_seller
from marketplace.orders.transitions import orders_expire_unpaid
from marketplace.payments.bank_transfers.models import BankTransfer
from tests.factories import ProductFactory
from tests.factories_producers import member_of
from tests.orders.conftest import place
from tests.payments.bank_stub import API_KEY, WEBHOOK_PATH, body_of, signed_headers, transfer

pytestmark = pytest.mark.django_db
R = BankTransfer.Reason


@pytest.fixture(autouse=True)
def _sepay(sepay_on):
    """Every test here talks to the webhook switched on."""


@pytest.fixture
def variant():
    product = ProductFactory(
        producer__bank_bin="970436",
        producer__bank_account_number="0123456789",
        producer__bank_account_name="NGUYEN THI LAN",
        producer__shipping_flat_fee=30_000,
        variants=[{"price": 50_000, "stock": 10}],
    )
    return product.variants.get()


@pytest.fixture
def order(variant) -> Order:
    return place([(variant.pk, 2)], payment_method="vietqr").orders.get()  # 2 × 50,000 + 30,000 = 130,000


def deliver(client, payload: dict, *, headers: dict | None = None, body: bytes | None = None):
    body = body_of(payload) if body is None else body
    return client.post(
        WEBHOOK_PATH,
        data=body,
        content_type="application/json",
        headers=signed_headers(body) if headers is None else headers,
    )


def state(order: Order) -> tuple:
    order.refresh_from_db()
    return order.status, order.payment_status, order.status_changes.count()


def paying(order: Order, **overrides) -> dict:
    return transfer(content=f"{order.number} Mai chuyen tien", amount=order.total, **overrides)


def test_a_signed_transfer_with_the_number_and_total_pays_the_order_once(
    client, order, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = deliver(client, paying(order))

    assert response.status_code == 200 and response.json() == {"success": True, "outcome": "paid"}
    order.refresh_from_db()
    assert (order.status, order.payment_status) == (Order.Status.CONFIRMED, Order.PaymentStatus.PAID)
    change = order.status_changes.order_by("-pk").first()
    assert change.role == OrderStatusChange.Role.SYSTEM and "130.000" in change.reason
    row = BankTransfer.objects.get()
    assert (row.status, row.order, row.producer, row.amount) == ("matched", order, order.producer, 130_000)
    assert any(order.number in message.subject or order.number in message.body for message in mail.outbox)


@pytest.mark.parametrize("written", ["CPN2026{serial}", "cpn 2026 {serial}", "CK CPN.2026.{serial} hang rau"])
def test_banking_apps_that_mangle_the_dashes_still_match(client, order, written):
    serial = order.number.rsplit("-", 1)[1]
    content = written.replace("2026", order.number.split("-")[1]).format(serial=serial)

    assert deliver(client, transfer(content=content, amount=order.total)).json()["outcome"] == "paid"


def test_the_code_sepay_recognised_counts_too(client, order):
    payload = transfer(content="chuyen tien hang", amount=order.total, code=order.number.replace("-", ""))

    assert deliver(client, payload).json()["outcome"] == "paid"


def test_replayed_five_times_it_pays_once(client, order):
    payload = paying(order)

    outcomes = [deliver(client, payload).json()["outcome"] for _ in range(5)]

    assert outcomes == ["paid", "replay", "replay", "replay", "replay"]
    assert BankTransfer.objects.count() == 1
    assert order.status_changes.filter(to_status=Order.Status.CONFIRMED).count() == 1


def test_a_second_transfer_for_a_paid_order_is_filed_for_a_refund(client, order):
    later, earlier = paying(order, id=501), paying(order, id=500)
    assert deliver(client, later).json()["outcome"] == "paid"
    before = state(order)

    assert deliver(client, earlier).json()["outcome"] == R.ALREADY_PAID  # delivered out of order

    assert state(order) == before
    assert BankTransfer.objects.get(provider_id="500").producer == order.producer


def test_money_after_the_order_expired_does_not_revive_it(client, order):
    Order.objects.filter(pk=order.pk).update(expires_at=order.placed_at)
    assert orders_expire_unpaid() == 1

    assert deliver(client, paying(order)).json()["outcome"] == R.ORDER_CLOSED

    order.refresh_from_db()
    assert (order.status, order.payment_status) == (Order.Status.CANCELLED, Order.PaymentStatus.UNPAID)
    assert orders_expire_unpaid() == 0


def test_the_payment_came_first_then_the_expiry_leaves_it_paid(client, order):
    Order.objects.filter(pk=order.pk).update(expires_at=order.placed_at)  # due, but the beat has not run yet

    assert deliver(client, paying(order)).json()["outcome"] == "paid"
    assert orders_expire_unpaid() == 0
    assert state(order)[:2] == (Order.Status.CONFIRMED, Order.PaymentStatus.PAID)


def _second_order(variant) -> Order:
    return place([(variant.pk, 1)], payment_method="vietqr").orders.get()


@pytest.mark.parametrize(
    ("make", "reason"),
    [
        (lambda o, v: transfer(content=o.number, amount=o.total - 1_000), R.AMOUNT_LOW),
        (lambda o, v: transfer(content=o.number, amount=o.total + 1_000), R.AMOUNT_HIGH),
        (lambda o, v: transfer(content="CPN-2026-999999", amount=o.total), R.UNKNOWN_ORDER),
        (lambda o, v: transfer(content="tien hang thang 12", amount=o.total), R.NO_CODE),
        (
            lambda o, v: transfer(content=f"{o.number} {_second_order(v).number}", amount=o.total),
            R.SEVERAL_ORDERS,
        ),
        (lambda o, v: transfer(content=o.number, amount=o.total, transfer_type="out"), R.OUTGOING),
        (lambda o, v: transfer(content=o.number, amount=o.total, account="9999999999"), R.WRONG_ACCOUNT),
    ],
    ids=["too-little", "too-much", "unknown-code", "no-code", "two-orders", "outgoing", "other-account"],
)
def test_a_transfer_that_does_not_match_pays_nothing_and_waits_for_a_person(
    client, order, variant, make, reason
):
    payload = make(order, variant)
    before = state(order)

    response = deliver(client, payload)

    assert response.status_code == 200 and response.json()["outcome"] == reason
    assert state(order) == before
    assert not Order.objects.filter(payment_status=Order.PaymentStatus.PAID).exists()
    row = BankTransfer.objects.get(provider_id=str(payload["id"]))
    assert (row.status, row.reason) == (BankTransfer.Status.UNMATCHED, reason)
    if reason != R.WRONG_ACCOUNT:  # to her account, or naming her order: it lands in her queue
        assert row.producer == order.producer


def test_a_cancelled_order_and_a_cash_order_are_not_paid_by_transfer(client, order, variant):
    Order.objects.filter(pk=order.pk).update(status=Order.Status.CANCELLED)
    cod = place([(variant.pk, 1)], payment_method="cod").orders.get()

    assert deliver(client, paying(order)).json()["outcome"] == R.ORDER_CLOSED
    assert deliver(client, paying(cod)).json()["outcome"] == R.NOT_VIETQR
    cod.refresh_from_db()
    assert cod.payment_status == Order.PaymentStatus.UNPAID


def test_forged_tampered_stale_and_unsigned_calls_are_refused_and_store_nothing(client, order):
    body = body_of(paying(order))
    now = int(time.time())
    tampered = body.replace(str(order.total).encode(), b"1")
    cases = [
        signed_headers(body, secret="not-the-secret"),
        signed_headers(body, timestamp=now - 400),  # well outside the window, however slow the machine
        signed_headers(body, timestamp=now + 400),
        {**signed_headers(body), "X-SePay-Timestamp": str(now - 1)},  # the signature was for another time
        {"X-SePay-Timestamp": str(now)},
        {},
        {"X-SePay-Timestamp": "abc", "X-SePay-Signature": "x"},
        {"Authorization": f"Apikey {API_KEY}"},  # an API key is not enough when a secret is configured
    ]
    for headers in cases:
        assert deliver(client, {}, body=body, headers=headers).status_code == 401
    assert deliver(client, {}, body=tampered, headers=signed_headers(body)).status_code == 401
    assert not BankTransfer.objects.exists()
    assert state(order)[:2] == (Order.Status.PENDING_PAYMENT, Order.PaymentStatus.UNPAID)


def test_sha256_prefix_and_a_timestamp_inside_the_window_are_accepted(client, order):
    body = body_of(paying(order))
    headers = signed_headers(body, timestamp=int(time.time()) - 240)
    headers["X-SePay-Signature"] = "sha256=" + headers["X-SePay-Signature"]

    assert deliver(client, {}, body=body, headers=headers).json()["outcome"] == "paid"


def test_with_only_an_api_key_configured_sepays_apikey_header_is_checked(client, order, settings):
    settings.SEPAY_WEBHOOK_SECRET, settings.SEPAY_API_KEY = "", API_KEY
    body = body_of(paying(order))

    assert deliver(client, {}, body=body, headers={"Authorization": "Apikey wrong"}).status_code == 401
    assert deliver(client, {}, body=body, headers={"Authorization": API_KEY}).status_code == 401
    assert (
        deliver(client, {}, body=body, headers={"Authorization": f"Apikey {API_KEY}"}).json()["outcome"]
        == "paid"
    )


@pytest.mark.parametrize(
    "body",
    [
        b"not json",
        b"\xff\xfe",
        b"[]",
        b"null",
        b'"text"',
        b"[" * 30_000 + b"]" * 30_000,
        json.dumps({"transferType": "in", "transferAmount": 1000, "content": "x"}).encode(),  # no id
        json.dumps({"id": "", "transferType": "in", "transferAmount": 1000, "content": "x"}).encode(),
        json.dumps({"id": True, "transferType": "in", "transferAmount": 1000, "content": "x"}).encode(),
        json.dumps({"id": 1, "transferType": "in", "transferAmount": "130000", "content": "x"}).encode(),
        json.dumps({"id": 1, "transferType": "in", "transferAmount": -5, "content": "x"}).encode(),
        json.dumps({"id": 1, "transferType": "in", "transferAmount": 10**20, "content": "x"}).encode(),
        json.dumps({"id": 1, "transferType": "in", "transferAmount": 1.5, "content": "x"}).encode(),
        json.dumps({"id": 1, "transferType": "sideways", "transferAmount": 1000, "content": "x"}).encode(),
        json.dumps({"id": 1, "transferType": "in", "transferAmount": 1000, "content": ["x"]}).encode(),
        json.dumps({"id": "9" * 65, "transferType": "in", "transferAmount": 1000, "content": "x"}).encode(),
        json.dumps({"id": 1, "transferType": "in", "transferAmount": 1000, "content": "x" * 2001}).encode(),
        json.dumps({"id": 1, "transferType": "in", "transferAmount": 1000, "content": "CPN\u0000"}).encode(),
    ],
    ids=[
        "text",
        "bytes",
        "array",
        "null",
        "string",
        "deep",
        "no-id",
        "empty-id",
        "bool-id",
        "amount-text",
        "negative",
        "huge-amount",
        "fraction",
        "bad-type",
        "content-list",
        "long-id",
        "long-content",
        "nul",
    ],
)
def test_malformed_bodies_are_refused_with_400(client, body):
    assert deliver(client, {}, body=body).status_code == 400
    assert not BankTransfer.objects.exists()


def test_a_huge_body_is_refused_before_it_is_read(client):
    body = b"{" + b" " * (70 * 1024) + b"}"

    response = deliver(client, {}, body=body)

    assert response.status_code == 413 and not BankTransfer.objects.exists()


def test_without_settings_the_endpoint_does_not_exist_and_the_seller_button_still_works(
    client, order, settings
):
    settings.BANK_WEBHOOK_PROVIDER = ""
    assert deliver(client, paying(order)).status_code == 404
    settings.BANK_WEBHOOK_PROVIDER, settings.SEPAY_WEBHOOK_SECRET = (
        "sepay",
        "",
    )  # chosen, but no secret or key
    assert deliver(client, paying(order)).status_code == 404
    assert client.get(WEBHOOK_PATH).status_code == 405
    assert not BankTransfer.objects.exists()

    order_mark_paid_by_seller(order=order, by=member_of(order.producer))

    assert state(order)[:2] == (Order.Status.CONFIRMED, Order.PaymentStatus.PAID)


def test_the_webhook_reads_and_writes_a_bounded_number_of_rows(
    client, order, variant, django_assert_max_num_queries
):
    with django_assert_max_num_queries(20):
        assert deliver(client, paying(order)).json()["outcome"] == "paid"
    with django_assert_max_num_queries(20):
        assert deliver(client, transfer(content=order.number, amount=1)).json()["outcome"] == R.ALREADY_PAID
    with django_assert_max_num_queries(5):
        assert (
            deliver(client, paying(order, id=BankTransfer.objects.first().provider_id)).json()["outcome"]
            == "replay"
        )


def test_the_webhook_url_is_outside_the_language_prefix():
    assert reverse("payments:sepay_webhook") == WEBHOOK_PATH
