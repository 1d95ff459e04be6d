"""Stripe's webhook, signed with Stripe's real scheme: forged, stale, replayed, out of order, wrong amounts."""

import json
import time

import pytest
from django.core import mail

from marketplace.core.audit import audit_history
from marketplace.orders.models import Order, OrderStatusChange
from marketplace.payments.models import CardPayment, StripeEvent
from tests.payments.card_helpers import card_checkout, pay, start, variant
from tests.payments.stripe_stub import (
    WEBHOOK_URL,
    charge_refunded_event,
    post_event,
    session_event,
    signature_header,
    stripe_stub_running,
)

pytestmark = pytest.mark.django_db
S, P = Order.Status, Order.PaymentStatus


@pytest.fixture
def stub(settings):
    with stripe_stub_running(settings) as running:
        yield running


@pytest.fixture
def two_orders(stub):
    """A card checkout of two producers with its Stripe session open, and the variants it holds stock of."""
    rau, mien = variant(price=45_000, stock=10), variant(price=120_000, stock=10)
    checkout = card_checkout((rau, 2), (mien, 1))
    start(checkout)
    return checkout, rau, mien


def session_id_of(checkout) -> str:
    return CardPayment.objects.get(checkout=checkout).session_id


def states(checkout) -> list[tuple[str, str]]:
    return [(order.status, order.payment_status) for order in checkout.orders.order_by("pk")]


def stock(*variants) -> list[int]:
    for v in variants:
        v.refresh_from_db()
    return [v.stock for v in variants]


def actions(order) -> list[str]:
    return [event.action for event in audit_history(order)]


def test_a_completed_session_pays_and_confirms_every_order_of_the_checkout(client, two_orders,
                                                                           django_capture_on_commit_callbacks):
    checkout, rau, mien = two_orders
    completed = session_event("checkout.session.completed", checkout, session_id=session_id_of(checkout))

    with django_capture_on_commit_callbacks(execute=True):
        response = post_event(client, completed)

    assert response.status_code == 200 and response.json() == {"received": True, "outcome": "paid"}
    assert states(checkout) == [(S.CONFIRMED, P.PAID)] * 2
    for order in checkout.orders.all():
        last = order.status_changes.order_by("-id").first()
        assert (last.from_status, last.to_status, last.role) == (S.PENDING_PAYMENT, S.CONFIRMED, "system")
        assert order.confirmed_at is not None
    card = CardPayment.objects.get(checkout=checkout)
    assert (card.payment_intent_id, card.amount_received, card.currency) == ("pi_test_1", 45_000 * 2 + 120_000
                                                                             + 60_000, "vnd")
    stored = StripeEvent.objects.get(event_id=completed["id"])
    assert stored.type == "checkout.session.completed" and stored.processed_at and stored.outcome == "paid"
    assert stored.payload["data"]["object"]["id"] == session_id_of(checkout)
    assert any("lan@example.vn" in message.to for message in mail.outbox)  # the buyer hears of it
    assert stock(rau, mien) == [8, 9]


@pytest.mark.parametrize(
    "signature",
    [
        signature_header("{}"),  # signed, but for another body
        "t=1700000000",  # no v1 signature
        "nonsense",
        "",
    ],
    ids=["signed-for-another-body", "no-v1-signature", "nonsense", "missing"],  # stable names for xdist
)
def test_an_unsigned_or_badly_signed_call_is_refused_and_changes_nothing(client, two_orders, signature):
    checkout, *_ = two_orders
    payload = json.dumps(session_event("checkout.session.completed", checkout, session_id=session_id_of(checkout)))

    response = client.post(WEBHOOK_URL, data=payload, content_type="application/json",
                           **({"HTTP_STRIPE_SIGNATURE": signature} if signature else {}))

    assert response.status_code == 400
    assert states(checkout) == [(S.PENDING_PAYMENT, P.UNPAID)] * 2
    assert not StripeEvent.objects.exists()


def test_a_payload_signed_with_another_secret_is_forged(client, two_orders):
    checkout, *_ = two_orders

    response = post_event(client, session_event("checkout.session.completed", checkout,
                                                session_id=session_id_of(checkout)), secret="whsec_attacker")

    assert response.status_code == 400
    assert states(checkout) == [(S.PENDING_PAYMENT, P.UNPAID)] * 2
    assert not StripeEvent.objects.exists()


def test_a_stale_signature_is_refused_even_when_it_is_genuine(client, two_orders):
    checkout, *_ = two_orders
    completed = session_event("checkout.session.completed", checkout, session_id=session_id_of(checkout))

    response = post_event(client, completed, timestamp=int(time.time()) - 301)

    assert response.status_code == 400
    assert states(checkout) == [(S.PENDING_PAYMENT, P.UNPAID)] * 2
    assert post_event(client, completed, timestamp=int(time.time()) - 290).status_code == 200  # in tolerance


def test_a_signed_body_that_is_not_an_event_is_refused(client, two_orders):
    for payload in ("not json", "[1, 2]", json.dumps({"id": "evt_1", "type": "x"})):
        response = client.post(WEBHOOK_URL, data=payload, content_type="application/json",
                               HTTP_STRIPE_SIGNATURE=signature_header(payload))
        assert response.status_code == 400
    assert not StripeEvent.objects.exists()


def test_the_webhook_answers_only_posts_and_needs_no_csrf_token(client, two_orders):
    assert client.get(WEBHOOK_URL).status_code == 405
    checkout, *_ = two_orders
    strict = client.__class__(enforce_csrf_checks=True)
    completed = session_event("checkout.session.completed", checkout, session_id=session_id_of(checkout))
    assert post_event(strict, completed).status_code == 200


def test_a_webhook_without_a_configured_secret_refuses_everything(client, two_orders, settings):
    checkout, *_ = two_orders
    settings.STRIPE_WEBHOOK_SECRET = ""

    response = post_event(client, session_event("checkout.session.completed", checkout,
                                                session_id=session_id_of(checkout)), secret="")

    assert response.status_code == 400
    assert states(checkout) == [(S.PENDING_PAYMENT, P.UNPAID)] * 2


def test_a_replayed_event_changes_nothing_the_second_time(client, two_orders, django_capture_on_commit_callbacks):
    checkout, *_ = two_orders
    completed = session_event("checkout.session.completed", checkout, session_id=session_id_of(checkout))
    post_event(client, completed)
    changes = OrderStatusChange.objects.count()

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = post_event(client, completed)

    assert response.status_code == 200 and response.json()["outcome"] == "replay"
    assert callbacks == []  # no second email
    assert OrderStatusChange.objects.count() == changes
    assert StripeEvent.objects.filter(event_id=completed["id"]).count() == 1


def test_the_same_news_in_another_event_is_also_harmless(client, two_orders):
    checkout, *_ = two_orders
    session_id = session_id_of(checkout)
    post_event(client, session_event("checkout.session.completed", checkout, session_id=session_id))
    changes = OrderStatusChange.objects.count()

    response = post_event(client, session_event("checkout.session.async_payment_succeeded", checkout,
                                                session_id=session_id))

    assert response.status_code == 200
    assert OrderStatusChange.objects.count() == changes
    assert states(checkout) == [(S.CONFIRMED, P.PAID)] * 2


def test_expired_after_completed_is_ignored(client, two_orders):
    checkout, rau, mien = two_orders
    session_id = session_id_of(checkout)
    post_event(client, session_event("checkout.session.completed", checkout, session_id=session_id))

    response = post_event(client, session_event("checkout.session.expired", checkout, session_id=session_id))

    assert response.status_code == 200 and response.json()["outcome"] == "ignored"
    assert states(checkout) == [(S.CONFIRMED, P.PAID)] * 2
    assert stock(rau, mien) == [8, 9]


def test_completed_after_expired_is_flagged_for_staff_and_never_revives_the_orders(client, two_orders):
    checkout, rau, mien = two_orders
    session_id = session_id_of(checkout)
    assert post_event(client, session_event("checkout.session.expired", checkout,
                                            session_id=session_id)).json()["outcome"] == "cancelled"
    assert states(checkout) == [(S.CANCELLED, P.UNPAID)] * 2
    assert stock(rau, mien) == [10, 10]

    response = post_event(client, session_event("checkout.session.completed", checkout, session_id=session_id))

    assert response.status_code == 200 and response.json()["outcome"] == "paid_after_cancel"
    assert states(checkout) == [(S.CANCELLED, P.UNPAID)] * 2
    assert stock(rau, mien) == [10, 10]  # released once, never taken back
    for order in checkout.orders.all():
        assert actions(order) == ["paid_after_cancel"]
        assert order.status_changes.filter(to_status=S.CANCELLED).get().role == "system"
    card = CardPayment.objects.get(checkout=checkout)
    assert card.problem == CardPayment.Problem.PAID_AFTER_CANCEL and card.payment_intent_id == "pi_test_1"


def test_async_payment_failure_cancels_the_orders_and_releases_stock(client, two_orders):
    checkout, rau, mien = two_orders
    session_id = session_id_of(checkout)
    pending = session_event("checkout.session.completed", checkout, session_id=session_id, payment_status="unpaid")
    assert post_event(client, pending).json()["outcome"] == "awaiting_payment"
    assert states(checkout) == [(S.PENDING_PAYMENT, P.UNPAID)] * 2

    post_event(client, session_event("checkout.session.async_payment_failed", checkout, session_id=session_id))

    assert states(checkout) == [(S.CANCELLED, P.UNPAID)] * 2
    assert stock(rau, mien) == [10, 10]


def test_a_delayed_payment_that_succeeds_confirms_the_orders(client, two_orders):
    checkout, *_ = two_orders
    session_id = session_id_of(checkout)
    post_event(client, session_event("checkout.session.completed", checkout, session_id=session_id,
                                     payment_status="unpaid"))

    post_event(client, session_event("checkout.session.async_payment_succeeded", checkout, session_id=session_id))

    assert states(checkout) == [(S.CONFIRMED, P.PAID)] * 2


def test_the_expiry_of_an_earlier_attempt_leaves_the_current_session_alone(client, two_orders):
    checkout, *_ = two_orders

    response = post_event(client, session_event("checkout.session.expired", checkout, session_id="cs_test_old"))

    assert response.json()["outcome"] == "stale_session"
    assert states(checkout) == [(S.PENDING_PAYMENT, P.UNPAID)] * 2


@pytest.mark.parametrize(
    ("amount_shift", "currency"),
    [(-1, "vnd"), (+30_000, "vnd"), (0, "usd")],
)
def test_a_payment_that_does_not_match_the_orders_is_flagged_and_not_marked_paid(client, two_orders,
                                                                                  amount_shift, currency):
    checkout, rau, mien = two_orders
    expected = sum(order.total for order in checkout.orders.all())

    response = post_event(client, session_event("checkout.session.completed", checkout,
                                                session_id=session_id_of(checkout), currency=currency,
                                                amount_total=expected + amount_shift))

    assert response.status_code == 200 and response.json()["outcome"] == "amount_mismatch"
    assert states(checkout) == [(S.PENDING_PAYMENT, P.UNPAID)] * 2
    for order in checkout.orders.all():
        [flag] = audit_history(order)
        assert flag.action == "payment_mismatch"
        assert "chưa ghi nhận thanh toán" in flag.reason
    assert CardPayment.objects.get(checkout=checkout).problem == CardPayment.Problem.AMOUNT_MISMATCH
    assert stock(rau, mien) == [8, 9]  # still held: staff decide


def test_an_event_for_an_unknown_checkout_is_recorded_and_does_nothing_else(client, two_orders):
    checkout, *_ = two_orders
    unknown = session_event("checkout.session.completed", checkout, session_id="cs_test_elsewhere")
    unknown["data"]["object"]["client_reference_id"] = "CK-NOTOURS000"
    unknown["data"]["object"]["metadata"] = {"checkout": "CK-NOTOURS000"}

    response = post_event(client, unknown)

    assert response.status_code == 200 and response.json()["outcome"] == "unknown_checkout"
    assert StripeEvent.objects.get(event_id=unknown["id"]).processed_at is not None
    assert states(checkout) == [(S.PENDING_PAYMENT, P.UNPAID)] * 2


def test_an_event_type_we_do_not_handle_is_recorded_and_ignored(client, stub):
    unrelated = {"id": "evt_other", "object": "event", "type": "customer.created", "created": int(time.time()),
                 "data": {"object": {"id": "cus_1", "object": "customer"}}}

    assert post_event(client, unrelated).json()["outcome"] == "ignored"
    assert StripeEvent.objects.get(event_id="evt_other").type == "customer.created"


def test_a_second_payment_of_the_same_checkout_is_flagged(client, two_orders):
    checkout, *_ = two_orders
    session_id = session_id_of(checkout)
    post_event(client, session_event("checkout.session.completed", checkout, session_id=session_id))

    response = post_event(client, session_event("checkout.session.completed", checkout, session_id="cs_test_again",
                                                payment_intent="pi_test_2"))

    assert response.json()["outcome"] == "duplicate_payment"
    assert states(checkout) == [(S.CONFIRMED, P.PAID)] * 2
    assert all(actions(order) == ["payment_duplicate"] for order in checkout.orders.all())


def test_a_full_refund_made_in_stripe_refunds_a_single_order(client, stub):
    rau = variant(price=100_000)
    checkout = card_checkout((rau, 1))
    pay(client, checkout)
    order = checkout.orders.get()

    response = post_event(client, charge_refunded_event(payment_intent="pi_test_1", amount=order.total,
                                                        amount_refunded=order.total))

    assert response.json()["outcome"] == "refunded"
    order.refresh_from_db()
    assert (order.status, order.payment_status) == (S.REFUNDED, P.REFUNDED)
    assert order.status_changes.order_by("-id").first().role == "system"
    assert stock(rau) == [10]  # not shipped yet: the units go back


def test_a_partial_refund_made_in_stripe_is_counted_once_however_often_it_is_reported(client, stub):
    checkout = card_checkout((variant(price=100_000), 1))
    pay(client, checkout)
    order = checkout.orders.get()
    partial = charge_refunded_event(payment_intent="pi_test_1", amount=order.total, amount_refunded=40_000)

    post_event(client, partial)
    post_event(client, partial)
    post_event(client, charge_refunded_event(payment_intent="pi_test_1", amount=order.total, amount_refunded=40_000))

    order.refresh_from_db()
    assert (order.status, order.payment_status) == (S.CONFIRMED, P.PARTIALLY_REFUNDED)
    assert [refund.amount for refund in order.card_refunds.all()] == [40_000]


def test_a_partial_refund_in_stripe_of_a_two_order_checkout_is_left_to_staff(client, two_orders):
    checkout, *_ = two_orders
    post_event(client, session_event("checkout.session.completed", checkout, session_id=session_id_of(checkout)))

    response = post_event(client, charge_refunded_event(payment_intent="pi_test_1", amount=300_000,
                                                        amount_refunded=50_000))

    assert response.json()["outcome"] == "refund_unattributed"
    assert states(checkout) == [(S.CONFIRMED, P.PAID)] * 2
    assert all(actions(order) == ["refund_unattributed"] for order in checkout.orders.all())


def test_a_refund_of_a_payment_we_do_not_know_changes_nothing(client, two_orders):
    response = post_event(client, charge_refunded_event(payment_intent="pi_unknown", amount=1, amount_refunded=1))

    assert response.status_code == 200 and response.json()["outcome"] == "unknown_payment"
