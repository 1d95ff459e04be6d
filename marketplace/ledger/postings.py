"""Every money event of an order or a payout, posted once (the idempotency key) as entries summing to zero.

Callers post after their own state change, inside their transaction: a posting that fails rolls it back.
"""

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from marketplace.ledger.errors import LedgerError
from marketplace.ledger.fees import fee_basis_points, fee_of
from marketplace.ledger.models import Account, Entry, LedgerTransaction
from marketplace.orders.models import Order

Kind = LedgerTransaction.Kind


def post(*, key: str, kind: str, entries: list[tuple[str, object, int]], order: Order | None = None,
         reference: str = "", memo: str = "", occurred_at=None) -> LedgerTransaction:
    """Write one transaction of (account, producer, amount) entries, or return the one already under `key`."""
    entries = [(account, producer, amount) for account, producer, amount in entries if amount]
    if not entries or sum(amount for _a, _p, amount in entries) != 0:
        raise LedgerError(_("Bút toán không cân: tổng nợ và có phải bằng nhau."))
    existing = LedgerTransaction.objects.filter(idempotency_key=key).first()
    if existing is not None:
        return existing
    try:
        with transaction.atomic():
            row = LedgerTransaction.objects.create(
                idempotency_key=key, kind=kind, order=order, reference=reference[:120], memo=memo[:255],
                occurred_at=occurred_at or timezone.now())
            Entry.objects.bulk_create(Entry(transaction=row, account=account, producer=producer, amount=amount)
                                      for account, producer, amount in entries)
    except IntegrityError:  # posted meanwhile by a concurrent delivery of the same event
        return LedgerTransaction.objects.get(idempotency_key=key)
    return row


def _fee(order: Order, base: int, key: str) -> None:
    fee = fee_of(base, fee_basis_points(order.producer))
    if fee:
        post(key=key, kind=Kind.FEE, order=order, reference=order.number or "",
             memo=_("Phí dịch vụ đơn %(number)s") % {"number": order.number},
             entries=[(Account.PAYABLE, order.producer, fee), (Account.FEE_INCOME, None, -fee)])


def post_card_payment(order: Order) -> None:
    """The card paid the order's total to the marketplace: owed to the producer, less the fee.

    A card that paid an order already cancelled is held too (it goes back by a refund), without a fee.
    """
    post(key=f"card-payment-{order.pk}", kind=Kind.CARD_PAYMENT, order=order, reference=order.number or "",
         memo=_("Tiền thẻ đơn %(number)s") % {"number": order.number},
         entries=[(Account.STRIPE, None, order.total), (Account.PAYABLE, order.producer, -order.total)])
    if order.status != Order.Status.CANCELLED:
        _fee(order, order.total, f"card-fee-{order.pk}")


def post_card_refund(order: Order, amount: int, reference: str) -> None:
    """`amount` went back to the card: the producer is owed that much less. The fee is not given back."""
    post(key=f"card-refund-{order.pk}-{reference}", kind=Kind.CARD_REFUND, order=order, reference=reference,
         memo=_("Hoàn tiền thẻ đơn %(number)s") % {"number": order.number},
         entries=[(Account.PAYABLE, order.producer, amount), (Account.STRIPE, None, -amount)])


def post_cod_collected(order: Order) -> None:
    """The marketplace's carrier collected the order's total in cash: it owes it to us, we owe the producer."""
    post(key=f"cod-collected-{order.pk}", kind=Kind.COD_COLLECTED, order=order, reference=order.tracking_number,
         memo=_("Thu hộ đơn %(number)s") % {"number": order.number},
         entries=[(Account.COD_RECEIVABLE, order.producer, order.total),
                  (Account.PAYABLE, order.producer, -order.total)])
    _fee(order, order.total, f"cod-fee-{order.pk}")


def post_cod_remitted(order: Order, amount: int, reference: str) -> LedgerTransaction:
    """The carrier paid the collected cash of the order into our bank account."""
    return post(key=f"cod-remitted-{order.pk}", kind=Kind.COD_REMITTED, order=order, reference=reference,
                memo=_("Nhà vận chuyển chuyển trả thu hộ đơn %(number)s") % {"number": order.number},
                entries=[(Account.BANK, None, amount), (Account.COD_RECEIVABLE, order.producer, -amount)])


def post_payout(payout) -> LedgerTransaction:
    """The payout went from our bank account to the producer's."""
    return post(key=f"payout-{payout.pk}", kind=Kind.PAYOUT, reference=payout.bank_reference,
                occurred_at=payout.paid_at,
                memo=_("Chuyển tiền đợt %(batch)s") % {"batch": payout.batch_id},
                entries=[(Account.PAYABLE, payout.producer, payout.amount), (Account.BANK, None, -payout.amount)])
