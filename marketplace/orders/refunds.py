"""Money given back to the buyer, recorded as amounts.

A refund adds to the order's `refunded_total`. A partly refunded order keeps its status (a delivered order
stays delivered) and shows what went back; only the refund that brings the refunded total to the order's
total moves it to "refunded". Card refunds reach Stripe through payments/refunds.py, which records them
here; cash and bank transfers are paid back by hand, outside the system, and recorded here directly.
Either way the order's history gets a row (who, when, why, how much) and the buyer and seller an email.
"""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from marketplace.core.money import format_vnd
from marketplace.orders.errors import OrderError
from marketplace.orders.models import Order, OrderStatusChange
from marketplace.orders.notifications import notify_order_change
from marketplace.orders.transitions import PAID, apply_locked, transition_allowed

Status = Order.Status


def order_refund_by_hand(*, order: Order, amount: int, by, role: str, restock: bool, reason: str) -> Order:
    """Record `amount` đồng paid back outside the card, or raise OrderError and change nothing."""
    with transaction.atomic():
        locked = Order.objects.select_for_update().select_related("checkout").get(pk=order.pk)
        if not transition_allowed(order=locked, to_status=Status.REFUNDED, role=role):
            raise OrderError(_("Đơn này hiện không thể hoàn tiền."))
        if not 1 <= amount <= locked.refund_left:
            raise OrderError(_("Đơn này chỉ còn có thể hoàn tối đa %(left)s.") % {"left": format_vnd(locked.refund_left)})
        note = _("Hoàn %(amount)s bằng tiền mặt hoặc chuyển khoản ngoài hệ thống. %(reason)s") % {
            "amount": format_vnd(amount), "reason": reason}
        order_refunded_total_set(locked, locked.refunded_total + amount, actor=by, role=role, restock=restock,
                                 reason=note)
    order.refresh_from_db()
    return order


def order_refunded_total_set(order: Order, refunded_total: int, *, actor, role: str, restock: bool, reason: str) -> bool:
    """Make the locked `order` show `refunded_total` đồng given back; True when something changed.

    Safe to repeat with the same figure (a webhook delivered twice changes nothing the second time).
    """
    refunded_total = min(refunded_total, order.total)
    if refunded_total <= order.refunded_total:
        return False
    order.refunded_total = refunded_total
    order.save(update_fields=["refunded_total", "updated_at"])
    if refunded_total == order.total and transition_allowed(order=order, to_status=Status.REFUNDED, role=role):
        apply_locked(order, to_status=Status.REFUNDED, actor=actor, role=role, reason=reason, restock=restock)
        return True
    # Part of the money, or money a card paid after the order was cancelled: the status stays.
    if refunded_total == order.total or order.payment_status in PAID:
        full = refunded_total == order.total
        order.payment_status = Order.PaymentStatus.REFUNDED if full else Order.PaymentStatus.PARTIALLY_REFUNDED
        order.save(update_fields=["payment_status", "updated_at"])
    OrderStatusChange.objects.create(
        order=order, from_status=order.status, to_status=order.status, role=role, reason=reason.strip(),
        created_at=timezone.now(), actor=actor if getattr(actor, "is_authenticated", False) else None,
    )
    notify_order_change(order, "refunded")
    return True
