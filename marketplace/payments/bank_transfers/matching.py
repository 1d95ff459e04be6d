"""A reported transfer meets its order: the content names the order's number, the amount is its total, the
money went to its producer's account → the order is paid, once. Anything else is filed as unmatched, with
the reason and the producer it most likely concerns, for a person to settle (resolution.py).

Once, whatever the replays and the order of delivery: the transfer row is written first, under a unique
(provider, provider id), in the same transaction as its effect, so a second delivery finds it and changes
nothing; the order row is locked before it is read, so the 30-minute expiry (which takes the same lock)
and a payment can never both win.
"""

import logging
import re

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from marketplace.core.audit import audit_record
from marketplace.core.money import format_vnd
from marketplace.orders.models import Checkout, Order, OrderStatusChange
from marketplace.orders.payment import order_mark_paid
from marketplace.payments.bank_transfers.incoming import IncomingTransfer
from marketplace.payments.bank_transfers.models import BankTransfer
from producers.models import Producer

logger = logging.getLogger(__name__)
Reason = BankTransfer.Reason

# Order numbers are "CPN-2026-000123"; banking apps often drop or replace the dashes ("CPN2026000123").
ORDER_CODE = re.compile(r"CPN[\s._-]*(\d{4})[\s._-]*(\d{6,10})(?!\d)", re.IGNORECASE)


def order_numbers_in(*texts: str) -> list[str]:
    """The order numbers written in the transfer note, each once, in the order written."""
    found: list[str] = []
    for text in texts:
        for year, serial in ORDER_CODE.findall(text or ""):
            number = f"CPN-{year}-{serial}"
            if number not in found:
                found.append(number)
    return found


def bank_transfer_receive(incoming: IncomingTransfer) -> str:
    """Store the transfer and apply it once; returns what happened ("paid", "replay", or the reason)."""
    with transaction.atomic():
        row, created = BankTransfer.objects.get_or_create(
            provider=incoming.provider,
            provider_id=incoming.provider_id,
            defaults={
                "bank": incoming.bank,
                "account_number": incoming.account_number,
                "incoming": incoming.incoming,
                "amount": incoming.amount,
                "content": incoming.content[:500],
                "bank_reference": incoming.bank_reference,
                "transferred_at": incoming.transferred_at,
                "payload": incoming.payload or {},
                "status": BankTransfer.Status.UNMATCHED,
            },
        )
        if not created:
            return "replay"
        outcome = _apply(row, incoming)
    logger.info("Bank transfer %s %s: %s", incoming.provider, incoming.provider_id, outcome)
    return outcome


def _apply(row: BankTransfer, incoming: IncomingTransfer) -> str:
    if not incoming.incoming:
        return _unmatched(row, Reason.OUTGOING, producer=_producer_of_account(incoming))
    numbers = order_numbers_in(incoming.code, incoming.content)
    if not numbers:
        return _unmatched(row, Reason.NO_CODE, producer=_producer_of_account(incoming))
    # Locked in primary-key order, like every other writer of orders, so two transfers never deadlock.
    orders = list(
        Order.objects.select_for_update(of=("self",))
        .select_related("checkout", "producer")
        .filter(number__in=numbers)
        .order_by("pk")
    )
    if len(numbers) > 1:
        producers = {order.producer_id for order in orders}
        producer = orders[0].producer if len(producers) == 1 else _producer_of_account(incoming)
        return _unmatched(row, Reason.SEVERAL_ORDERS, producer=producer)
    if not orders:
        return _unmatched(row, Reason.UNKNOWN_ORDER, producer=_producer_of_account(incoming))
    order = orders[0]
    reason = _why_not(order, incoming)
    if reason:
        return _unmatched(row, reason, producer=order.producer, order=order)
    order_mark_paid(
        order=order,
        by=None,
        role=OrderStatusChange.Role.SYSTEM,
        reason=_("Ngân hàng báo đã nhận chuyển khoản %(amount)s (mã giao dịch %(reference)s).")
        % {
            "amount": format_vnd(incoming.amount),
            "reference": incoming.bank_reference or incoming.provider_id,
        },
    )
    row.status, row.order, row.producer_id = BankTransfer.Status.MATCHED, order, order.producer_id
    row.save(update_fields=["status", "order", "producer"])
    return "paid"


def _why_not(order: Order, incoming: IncomingTransfer) -> str:
    """Why this transfer cannot pay this (locked) order by itself, or "" when it can."""
    if order.checkout.payment_method != Checkout.PaymentMethod.VIETQR:
        return Reason.NOT_VIETQR
    accounts = {incoming.account_number, incoming.sub_account} - {""}
    if accounts and order.producer.bank_account_number not in accounts:
        return Reason.WRONG_ACCOUNT
    if order.payment_status != Order.PaymentStatus.UNPAID:
        return Reason.ALREADY_PAID  # a second transfer for an order that is paid: money to give back
    if order.status != Order.Status.PENDING_PAYMENT:
        return Reason.ORDER_CLOSED  # cancelled, or expired before the money came: its stock may be sold
    if incoming.amount < order.total:
        return Reason.AMOUNT_LOW
    if incoming.amount > order.total:
        return Reason.AMOUNT_HIGH
    return ""


def _unmatched(
    row: BankTransfer, reason: str, *, producer: Producer | None, order: Order | None = None
) -> str:
    row.status, row.reason, row.producer, row.order = BankTransfer.Status.UNMATCHED, reason, producer, order
    row.save(update_fields=["status", "reason", "producer", "order"])
    if order is not None:
        audit_record(
            subject=order,
            action="bank_transfer_unmatched",
            reason=_("Chuyển khoản %(amount)s chưa khớp đơn: %(reason)s.")
            % {"amount": format_vnd(row.amount), "reason": row.get_reason_display()},
        )
    logger.warning("Bank transfer %s unmatched: %s (received %s)", row.pk, reason, timezone.now().isoformat())
    return str(reason)


def _producer_of_account(incoming: IncomingTransfer) -> Producer | None:
    """The one producer whose bank account received the money, if the provider said which account."""
    accounts = {incoming.account_number, incoming.sub_account} - {""}
    if not accounts:
        return None
    found = list(Producer.objects.filter(Q(bank_account_number__in=accounts)).order_by("pk")[:2])
    return found[0] if len(found) == 1 else None
