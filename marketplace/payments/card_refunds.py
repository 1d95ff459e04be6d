"""Refund bookkeeping shared by a refund made here (stripe_gateway.refund_order) and Stripe's charge.refunded event.

A card order's refunded amount is the sum of its CardRefund rows that were sent or succeeded; the order's
`refunded_total` (and, once everything is back, its status) is set from that sum by the orders domain, so
settling twice is harmless.
"""

from django.db.models import Max, Sum
from django.utils.translation import gettext as _

from marketplace.core.money import format_vnd
from marketplace.orders.models import Order
from marketplace.orders.refunds import order_refunded_total_set
from marketplace.payments.models import CardPayment, CardRefund

PAID_STATES = {Order.PaymentStatus.PAID, Order.PaymentStatus.PARTIALLY_REFUNDED}
COUNTED = [CardRefund.Status.SENDING, CardRefund.Status.PENDING, CardRefund.Status.SUCCEEDED]


def refunded_amount(order: Order) -> int:
    return CardRefund.objects.filter(order=order, status__in=COUNTED).aggregate(s=Sum("amount"))["s"] or 0


def checkout_refunded_amount(checkout_id: int) -> int:
    counted = CardRefund.objects.filter(order__checkout_id=checkout_id, status__in=COUNTED)
    return counted.aggregate(s=Sum("amount"))["s"] or 0


def next_refund_sequence(order: Order) -> int:
    return (CardRefund.objects.filter(order=order).aggregate(m=Max("sequence"))["m"] or 0) + 1


def order_refundable_left(order: Order, card: CardPayment | None) -> int:
    """How much of the order can still go back to the card: 0 when the card paid nothing for it.

    A cancelled order counts when the card paid for it after it was cancelled (flagged for staff).
    """
    if card is None or not card.payment_intent_id or card.currency != "vnd" or order.pk not in card.paid_order_ids:
        return 0
    if order.payment_status not in PAID_STATES and order.status != Order.Status.CANCELLED:
        return 0
    left_of_order = order.total - refunded_amount(order)
    left_of_payment = card.amount_received - checkout_refunded_amount(order.checkout_id)
    return max(0, min(left_of_order, left_of_payment))


def refund_settle(*, order: Order, actor, role: str, restock: bool, reason: str = "") -> bool:
    """Align the order with its card refunds; True when something changed. The caller holds the order's lock."""
    order.refresh_from_db()
    refunded = refunded_amount(order)
    note = _("Đã hoàn %(amount)s vào thẻ của người mua.") % {"amount": format_vnd(refunded)}
    return order_refunded_total_set(order, refunded, actor=actor, role=role, restock=restock,
                                    reason=f"{note} {reason}".strip())
