"""Opening a Stripe Checkout Session: the real SDK against the local stub."""

from datetime import timedelta

import pytest
from django.utils import timezone

from marketplace.orders.models import Order
from marketplace.payments.errors import PaymentError
from marketplace.payments.models import CardPayment
from marketplace.payments.stripe_gateway import card_available
from tests.orders.conftest import place
from tests.payments.card_helpers import card_checkout, start, variant
from tests.payments.stripe_stub import stripe_stub_running

pytestmark = pytest.mark.django_db
SESSIONS = "/v1/checkout/sessions"


@pytest.fixture
def stub(settings):
    with stripe_stub_running(settings) as running:
        yield running


def test_card_is_offered_only_with_a_secret_key(settings):
    settings.STRIPE_SECRET_KEY = ""
    assert card_available() is False
    settings.STRIPE_SECRET_KEY = "sk_test_x"
    assert card_available() is True


def test_one_session_pays_the_whole_checkout_in_whole_dong(stub):
    rau, mien = variant(price=45_000), variant(price=120_500)
    checkout = card_checkout((rau, 2), (mien, 1))
    first, second = checkout.orders.order_by("pk").select_related("producer")

    url = start(checkout)

    [sent] = stub.posts(SESSIONS)
    form = sent.form
    assert url == "https://checkout.stripe.test/pay/cs_test_1"
    assert sent.authorization == "Bearer sk_test_x"
    assert sent.idempotency_key == f"checkout-{checkout.reference}-attempt-1"
    assert form["mode"] == "payment"
    assert form["client_reference_id"] == checkout.reference
    assert form["metadata[checkout]"] == checkout.reference
    assert form["metadata[orders]"] == f"{first.pk},{second.pk}"
    for n, order in enumerate((first, second)):
        assert form[f"line_items[{n}][price_data][currency]"] == "vnd"
        assert form[f"line_items[{n}][price_data][unit_amount]"] == str(order.total)  # đồng, not hundredths
        assert form[f"line_items[{n}][quantity]"] == "1"
        assert form[f"line_items[{n}][price_data][product_data][name]"] == f"Đơn {order.number} — {order.producer.name}"
    assert first.total == 2 * 45_000 + 30_000 and second.total == 120_500 + 30_000
    assert form["customer_email"] == "lan@example.vn" and form["locale"] == "vi"

    expires_at = int(form["expires_at"])
    now = timezone.now().timestamp()
    assert now + 30 * 60 < expires_at <= now + 24 * 3600  # Stripe's window
    assert expires_at <= now + 36 * 60  # and no longer than the 30-minute payment time needs
    card = CardPayment.objects.get(checkout=checkout)
    assert (card.attempt, card.session_id, card.session_url) == (1, "cs_test_1", url)
    for order in checkout.orders.all():  # stock stays held until Stripe's own expiry has been reported
        assert order.expires_at.timestamp() > expires_at


def test_a_second_click_returns_the_open_session_without_asking_stripe_again(stub):
    checkout = card_checkout((variant(), 1))

    assert start(checkout) == start(checkout)

    assert len(stub.posts(SESSIONS)) == 1


def test_a_call_lost_on_the_network_is_resent_under_the_same_key(stub):
    checkout = card_checkout((variant(), 1))
    stub.drop_next(3)  # the first call and the SDK's two retries

    with pytest.raises(PaymentError) as raised:
        start(checkout)
    assert "kết nối" in raised.value.message
    url = start(checkout)

    keys = [request.idempotency_key for request in stub.posts(SESSIONS)]
    assert keys == [f"checkout-{checkout.reference}-attempt-1"] * 4
    assert url.endswith("cs_test_1")
    assert CardPayment.objects.get(checkout=checkout).attempt == 1


def test_an_answer_from_stripe_ends_the_attempt_and_the_next_one_gets_a_new_key(stub):
    checkout = card_checkout((variant(), 1))
    stub.fail_next(400, type="invalid_request_error", code="amount_too_small", message="Amount must be at least")

    with pytest.raises(PaymentError) as raised:
        start(checkout)
    assert raised.value.message == "Chưa mở được trang thanh toán thẻ. Xin thử lại hoặc chọn cách thanh toán khác."
    start(checkout)

    keys = [request.idempotency_key for request in stub.posts(SESSIONS)]
    assert keys == [f"checkout-{checkout.reference}-attempt-1", f"checkout-{checkout.reference}-attempt-2"]


@pytest.mark.parametrize(
    ("status", "error_type", "message"),
    [
        (402, "card_error", "Thẻ bị từ chối. Xin dùng thẻ khác hoặc chọn cách thanh toán khác."),
        (401, "invalid_request_error", "Cổng thanh toán thẻ chưa được cấu hình đúng. Xin báo cán bộ Hội."),
        (429, "invalid_request_error", "Cổng thanh toán thẻ đang bận. Xin thử lại sau ít phút."),
    ],
)
def test_every_stripe_error_becomes_a_payment_error_in_vietnamese(stub, status, error_type, message):
    checkout = card_checkout((variant(), 1))
    stub.fail_next(status, type=error_type)

    with pytest.raises(PaymentError) as raised:
        start(checkout)

    assert raised.value.message == message
    assert CardPayment.objects.get(checkout=checkout).session_id == ""


def test_an_expiring_session_is_replaced_by_a_new_attempt(stub):
    checkout = card_checkout((variant(), 1))
    start(checkout)
    CardPayment.objects.filter(checkout=checkout).update(session_expires_at=timezone.now() + timedelta(minutes=2))

    url = start(checkout)

    assert url.endswith("cs_test_2")
    assert stub.posts(SESSIONS)[-1].idempotency_key == f"checkout-{checkout.reference}-attempt-2"
    assert CardPayment.objects.get(checkout=checkout).session_id == "cs_test_2"


def test_only_orders_still_awaiting_payment_are_charged(stub):
    checkout = card_checkout((variant(price=50_000), 1), (variant(price=70_000), 1))
    kept, dropped = checkout.orders.order_by("pk")
    Order.objects.filter(pk=dropped.pk).update(status=Order.Status.CANCELLED)

    start(checkout)

    form = stub.posts(SESSIONS)[0].form
    assert form["metadata[orders]"] == str(kept.pk)
    assert "line_items[1][quantity]" not in form


def test_a_checkout_that_cannot_be_paid_by_card_is_refused_without_calling_stripe(stub, settings):
    cod = place([(variant().pk, 1)], payment_method="cod")
    with pytest.raises(PaymentError):
        start(cod)

    paid = card_checkout((variant(), 1))
    Order.objects.filter(checkout=paid).update(payment_status=Order.PaymentStatus.PAID, status=Order.Status.CONFIRMED)
    with pytest.raises(PaymentError) as raised:
        start(paid)
    assert "Không còn đơn nào chờ thanh toán" in raised.value.message

    waiting = card_checkout((variant(), 1))
    settings.STRIPE_SECRET_KEY = ""
    with pytest.raises(PaymentError):
        start(waiting)

    assert stub.requests == []
