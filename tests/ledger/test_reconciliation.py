"""Card payments and refunds go through the real Stripe module (stub server); the ledger per producer then
equals, rebuilt from orders and refunds: card totals paid − refunds − fees + COD collected − payouts."""

import pytest
from django.db.models import Sum
from django.utils import timezone

from marketplace.ledger.models import Account, Entry, FeeRate, LedgerTransaction
from marketplace.ledger.payouts import payout_batch_create, payout_mark_paid
from marketplace.ledger.selectors import balance
from marketplace.orders.models import Order
from marketplace.payments.models import CardPayment, CardRefund
from marketplace.payments.stripe_gateway import refund_order
from tests.factories import ProductFactory
from tests.ledger.conftest import cod_delivered, owner_of
from tests.payments.card_helpers import card_checkout, pay
from tests.payments.stripe_stub import charge_refunded_event, post_event, stripe_stub_running

pytestmark = pytest.mark.django_db


@pytest.fixture
def stub(settings):
    with stripe_stub_running(settings) as running:
        yield running


def variant_of(producer, price):
    from marketplace.catalogue.models import ProductVariant

    product = ProductFactory(producer=producer, variants=[{"price": price, "stock": 50}])
    producer.verification_status = producer.Verification.VERIFIED
    producer.save(update_fields=["verification_status"])
    return ProductVariant.objects.get(product=product)


def fee(amount, rate):
    return (amount * rate + 5_000) // 10_000


def test_a_card_payment_and_its_refunds_are_posted_once_whatever_stripe_repeats(client, stub, land):
    checkout = card_checkout((variant_of(land.lan, 100_000), 2))
    pay(client, checkout)
    order = checkout.orders.get()
    assert order.payment_status == Order.PaymentStatus.PAID
    assert balance(land.lan) == order.total

    refund_order(order=order, amount=50_000, by=owner_of(land.lan), restock=False)
    assert balance(land.lan) == order.total - 50_000
    # Stripe then reports the charge refunded by what we already know: nothing more is posted.
    post_event(client, charge_refunded_event(payment_intent="pi_test_1", amount=order.total, amount_refunded=50_000))
    assert LedgerTransaction.objects.filter(kind="card_refund").count() == 1
    # A refund made in Stripe's dashboard is booked on the order and posted.
    post_event(client, charge_refunded_event(payment_intent="pi_test_1", amount=order.total,
                                             amount_refunded=80_000))
    assert balance(land.lan) == order.total - 80_000
    assert sum(Entry.objects.filter(account=Account.STRIPE).values_list("amount", flat=True)) == order.total - 80_000


def test_the_ledger_reconciles_with_orders_refunds_and_payouts(client, stub, land):
    FeeRate.objects.create(unit=land.tree.ha_noi, basis_points=150)
    FeeRate.objects.create(unit=land.tree.hue_ward, basis_points=300)
    rates = {land.lan.pk: 150, land.hoa.pk: 300, land.mai.pk: 150}  # Mai: Hà Nội's rate, from above
    rau, me, che = variant_of(land.lan, 120_000), variant_of(land.hoa, 85_000), variant_of(land.mai, 40_000)
    first = card_checkout((rau, 2), (me, 1))
    pay(client, first, payment_intent="pi_1")
    second = card_checkout((me, 3), (che, 2))
    pay(client, second, payment_intent="pi_2")
    lan_card, hoa_card = first.orders.get(producer=land.lan), second.orders.get(producer=land.hoa)
    refund_order(order=lan_card, amount=30_000, by=owner_of(land.lan), restock=False)
    refund_order(order=hoa_card, amount=hoa_card.total, by=land.hue_staff, restock=True)
    cod_delivered(land.lan, tracking="GHN1")
    cod_delivered(land.mai, tracking="GHN2", quantity=3)
    batch = payout_batch_create(producers=land.lan.__class__.objects.all(), up_to=timezone.localdate(first.created_at),
                                by=land.central_staff)
    payout_mark_paid(payout=batch.payouts.get(producer=land.lan), reference="FT2612340001")

    for producer in (land.lan, land.hoa, land.mai):
        paid = [o for o in Order.objects.filter(producer=producer, checkout__payment_method="card")
                if o.pk in CardPayment.objects.get(checkout=o.checkout).paid_order_ids]
        refunds = CardRefund.objects.filter(order__producer=producer).aggregate(s=Sum("amount"))["s"] or 0
        cod = [o for o in Order.objects.filter(producer=producer, checkout__payment_method="cod")]
        fees = sum(fee(o.total, rates[producer.pk]) for o in paid + cod)
        payouts = sum(p.amount for p in producer.payouts.filter(status="paid"))
        expected = sum(o.total for o in paid) - refunds - fees + sum(o.total for o in cod) - payouts
        assert balance(producer) == expected, producer.name
    assert land.lan.payouts.get().amount > 0
    # The whole ledger balances.
    assert Entry.objects.aggregate(s=Sum("amount"))["s"] == 0
