"""Full and partial refunds of card orders through the one Stripe module, as the seller or staff makes them."""

import pytest

from marketplace.orders.models import Order
from marketplace.orders.transitions import order_transition
from marketplace.payments.errors import PaymentError
from marketplace.payments.models import CardRefund
from marketplace.payments.stripe_gateway import refund_order
from tests.factories_producers import UserFactory, member_of
from tests.orders.conftest import place
from tests.payments.card_helpers import card_checkout, pay, variant
from tests.payments.stripe_stub import charge_refunded_event, post_event, session_event, stripe_stub_running

pytestmark = pytest.mark.django_db
S, P = Order.Status, Order.PaymentStatus
REFUNDS = "/v1/refunds"


@pytest.fixture
def stub(settings):
    with stripe_stub_running(settings) as running:
        yield running


@pytest.fixture
def paid(client, stub):
    """A card order of 2 × 100.000 ₫ + 30.000 ₫ shipping, paid; its variant (8 left of 10) and its seller."""
    rau = variant(price=100_000, stock=10)
    checkout = card_checkout((rau, 2))
    pay(client, checkout)
    order = checkout.orders.get()
    assert (order.status, order.payment_status, order.total) == (S.CONFIRMED, P.PAID, 230_000)
    return order, rau, member_of(order.producer)


def stock_of(v) -> int:
    v.refresh_from_db()
    return v.stock


def test_a_full_refund_sends_the_whole_total_and_refunds_the_order(paid, stub):
    order, rau, seller = paid

    refund_order(order=order, amount=230_000, by=seller, restock=False)

    [sent] = stub.posts(REFUNDS)
    assert sent.form["payment_intent"] == "pi_test_1"
    assert sent.form["amount"] == "230000"  # whole đồng
    assert sent.form["metadata[order]"] == order.number
    assert sent.idempotency_key == f"refund-{order.number}-1"
    order.refresh_from_db()
    assert (order.status, order.payment_status) == (S.REFUNDED, P.REFUNDED)
    last = order.status_changes.order_by("-id").first()
    assert (last.to_status, last.role, last.actor) == (S.REFUNDED, "seller", seller)
    assert stock_of(rau) == 10  # never shipped: the units go back whatever the choice
    [refund] = order.card_refunds.all()
    assert (refund.amount, refund.status, refund.stripe_refund_id, refund.by) == (
        230_000, CardRefund.Status.SUCCEEDED, "re_test_2", seller)


def test_partial_refunds_add_up_and_the_last_one_refunds_the_order(paid, stub):
    order, rau, seller = paid

    refund_order(order=order, amount=30_000, by=seller, restock=False)
    order.refresh_from_db()
    assert (order.status, order.payment_status) == (S.CONFIRMED, P.PARTIALLY_REFUNDED)
    assert stock_of(rau) == 8

    with pytest.raises(PaymentError) as raised:
        refund_order(order=order, amount=200_001, by=seller, restock=False)
    assert raised.value.message == "Chỉ có thể hoàn tối đa 200.000\u00a0₫ cho đơn này."

    refund_order(order=order, amount=200_000, by=seller, restock=False)

    assert [(r.form["amount"], r.idempotency_key) for r in stub.posts(REFUNDS)] == [
        ("30000", f"refund-{order.number}-1"), ("200000", f"refund-{order.number}-2"),
    ]
    order.refresh_from_db()
    assert (order.status, order.payment_status) == (S.REFUNDED, P.REFUNDED)
    with pytest.raises(PaymentError):
        refund_order(order=order, amount=1, by=seller, restock=False)
    assert len(stub.posts(REFUNDS)) == 2


@pytest.mark.parametrize(("restock", "stock_after"), [(True, 10), (False, 8)])
def test_after_delivery_the_seller_chooses_whether_the_goods_go_back_on_the_shelf(paid, restock, stock_after):
    order, rau, seller = paid
    for to_status in (S.PACKED, S.SHIPPED, S.DELIVERED):
        order_transition(order=order, to_status=to_status, actor=seller, role="seller")

    refund_order(order=order, amount=order.total, by=seller, restock=restock)

    order.refresh_from_db()
    assert order.status == S.REFUNDED
    assert stock_of(rau) == stock_after


def test_staff_refunds_are_recorded_as_staff(paid):
    order, _rau, _seller = paid
    officer = UserFactory()

    refund_order(order=order, amount=order.total, by=officer, restock=False)

    assert order.status_changes.order_by("-id").first().role == "staff"


@pytest.mark.parametrize("amount", [0, -5, 10.5, "230000", True, None])
def test_a_bad_amount_is_refused_before_stripe_is_asked(paid, stub, amount):
    order, _rau, seller = paid

    with pytest.raises(PaymentError):
        refund_order(order=order, amount=amount, by=seller, restock=False)

    assert stub.posts(REFUNDS) == [] and not order.card_refunds.exists()


def test_an_order_not_paid_by_card_cannot_be_refunded_by_card(stub, client):
    cod = place([(variant().pk, 1)], payment_method="cod").orders.get()
    unpaid = card_checkout((variant(), 1)).orders.get()

    for order in (cod, unpaid):
        with pytest.raises(PaymentError):
            refund_order(order=order, amount=1_000, by=None, restock=False)

    assert stub.posts(REFUNDS) == []


def test_a_refused_refund_is_a_payment_error_and_the_next_try_uses_a_new_key(paid, stub):
    order, _rau, seller = paid
    stub.fail_next(400, type="invalid_request_error", code="charge_already_refunded",
                   message="Charge has already been refunded.")

    with pytest.raises(PaymentError) as raised:
        refund_order(order=order, amount=50_000, by=seller, restock=False)
    assert raised.value.message.startswith("Cổng thanh toán thẻ chưa nhận yêu cầu hoàn tiền")
    order.refresh_from_db()
    assert order.payment_status == P.PAID

    refund_order(order=order, amount=50_000, by=seller, restock=False)

    keys = [request.idempotency_key for request in stub.posts(REFUNDS)]
    assert keys == [f"refund-{order.number}-1", f"refund-{order.number}-2"]
    assert [r.status for r in order.card_refunds.all()] == [CardRefund.Status.FAILED, CardRefund.Status.SUCCEEDED]


def test_a_refund_lost_on_the_network_is_resent_under_the_same_key(paid, stub):
    order, _rau, seller = paid
    stub.drop_next(3)

    with pytest.raises(PaymentError):
        refund_order(order=order, amount=50_000, by=seller, restock=False)
    refund_order(order=order, amount=50_000, by=seller, restock=False)

    assert {request.idempotency_key for request in stub.posts(REFUNDS)} == {f"refund-{order.number}-1"}
    assert [r.amount for r in order.card_refunds.all()] == [50_000]


def test_a_refund_the_bank_refuses_leaves_the_order_paid(paid, stub):
    order, _rau, seller = paid
    stub.refund_status = "failed"

    with pytest.raises(PaymentError):
        refund_order(order=order, amount=order.total, by=seller, restock=False)

    order.refresh_from_db()
    assert (order.status, order.payment_status) == (S.CONFIRMED, P.PAID)


def test_stripe_reporting_our_own_refund_changes_nothing_more(paid, client):
    order, rau, seller = paid
    refund_order(order=order, amount=80_000, by=seller, restock=False)

    response = post_event(client, charge_refunded_event(payment_intent="pi_test_1", amount=230_000,
                                                        amount_refunded=80_000))

    assert response.json()["outcome"] == "ignored"
    order.refresh_from_db()
    assert order.payment_status == P.PARTIALLY_REFUNDED
    assert [r.amount for r in order.card_refunds.all()] == [80_000]


def test_an_order_paid_after_it_was_cancelled_can_be_given_its_money_back(client, stub):
    checkout = card_checkout((variant(price=100_000), 1))
    order = checkout.orders.get()
    order_transition(order=order, to_status=S.CANCELLED, actor=None, role="buyer", reason="Đổi ý")
    # Paid through a session opened before the buyer cancelled (a session cannot be opened after).
    post_event(client, session_event("checkout.session.completed", checkout, session_id="cs_test_late"))

    refund_order(order=order, amount=order.total, by=UserFactory(), restock=False)

    order.refresh_from_db()
    assert (order.status, order.payment_status) == (S.CANCELLED, P.REFUNDED)
