"""Postings: balanced, once per event, with the fee of the nearest unit that has one."""

import pytest

from marketplace.ledger.errors import LedgerError
from marketplace.ledger.fees import fee_basis_points
from marketplace.ledger.models import Account, Entry, FeeRate, LedgerTransaction
from marketplace.ledger.postings import post, post_card_payment, post_card_refund, post_cod_collected
from marketplace.ledger.selectors import balance, cod_pending
from marketplace.orders.models import Order
from tests.factories_orders import order_for
from tests.ledger.conftest import cod_delivered

pytestmark = pytest.mark.django_db


def test_every_transaction_sums_to_zero_and_an_unbalanced_one_is_refused(land):
    with pytest.raises(LedgerError):
        post(key="x", kind="fee", entries=[(Account.BANK, None, 100), (Account.PAYABLE, land.lan, -99)])
    with pytest.raises(LedgerError):
        post(key="y", kind="fee", entries=[])
    assert not LedgerTransaction.objects.exists()
    cod_delivered(land.lan)
    for txn in LedgerTransaction.objects.all():
        assert sum(txn.entries.values_list("amount", flat=True)) == 0


def test_posting_the_same_event_twice_posts_once(land):
    order = order_for(land.lan, payment_method="card", payment_status=Order.PaymentStatus.PAID)
    for _ in range(3):
        post_card_payment(order)
        post_card_refund(order, 10_000, "card-refund-1")
        post_cod_collected(order)
    assert LedgerTransaction.objects.count() == 3
    assert balance(land.lan) == order.total - 10_000 + order.total


def test_the_fee_is_a_separate_entry_at_the_rate_of_the_nearest_unit(land):
    assert fee_basis_points(land.lan) == 0  # none set anywhere
    FeeRate.objects.create(unit=land.tree.central, basis_points=200)
    FeeRate.objects.create(unit=land.tree.hue, basis_points=350)
    assert (fee_basis_points(land.lan), fee_basis_points(land.hoa)) == (200, 350)

    order = cod_delivered(land.hoa)
    fee = (order.total * 350 + 5_000) // 10_000
    assert LedgerTransaction.objects.filter(kind="fee", order=order).count() == 1
    assert Entry.objects.get(account=Account.FEE_INCOME).amount == -fee
    assert balance(land.hoa) == order.total - fee
    assert cod_pending(land.hoa) == order.total


def test_no_fee_on_a_card_payment_of_an_order_already_cancelled(land):
    FeeRate.objects.create(unit=land.tree.central, basis_points=500)
    order = order_for(land.lan, payment_method="card", status=Order.Status.CANCELLED)
    post_card_payment(order)
    assert not LedgerTransaction.objects.filter(kind="fee").exists()
    assert balance(land.lan) == order.total


def test_a_fee_rate_above_the_cap_is_refused(land):
    from marketplace.ledger.forms import FeeRateForm

    for value in ("3001", "-1", "abc", "1" * 30):
        form = FeeRateForm({"basis_points": value}, instance=FeeRate(unit=land.tree.central))
        assert not form.is_valid(), value
