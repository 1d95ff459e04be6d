"""Marking an order paid.

Whoever learns that money arrived calls `order_mark_paid`: the seller who saw the transfer in her bank app
(`order_mark_paid_by_seller`), and the payment modules above this app (the card webhook). The move to
"confirmed" and its "paid" email come from the transition, as for every change of state.
"""

from django.db import transaction
from django.utils.translation import gettext as _

from marketplace.orders.errors import OrderError
from marketplace.orders.models import Checkout, Order, OrderStatusChange
from marketplace.orders.transitions import apply_locked


def order_mark_paid(*, order: Order, by, role: str, reason: str) -> None:
    """Mark the locked, unpaid `order` paid and confirm it; the caller holds the lock on its row."""
    order.payment_status = Order.PaymentStatus.PAID
    order.save(update_fields=["payment_status", "updated_at"])
    apply_locked(order, to_status=Order.Status.CONFIRMED, actor=by, role=role, reason=reason)


def order_mark_paid_by_seller(*, order: Order, by) -> Order:
    """The seller saw the transfer arrive: mark the VietQR order paid and confirm it, or raise OrderError.

    Whether `by` may act for the order's producer is the caller's check (the seller centre's selector).
    """
    with transaction.atomic():
        locked = Order.objects.select_for_update().select_related("checkout").get(pk=order.pk)
        if locked.checkout.payment_method != Checkout.PaymentMethod.VIETQR:
            raise OrderError(_("Đơn %(number)s không thanh toán bằng chuyển khoản VietQR.") % {"number": locked.number})
        if locked.status != Order.Status.PENDING_PAYMENT or locked.payment_status != Order.PaymentStatus.UNPAID:
            raise OrderError(
                _("Đơn %(number)s không còn chờ thanh toán (đang «%(status)s»).")
                % {"number": locked.number, "status": locked.get_status_display()}
            )
        order_mark_paid(order=locked, by=by, role=OrderStatusChange.Role.SELLER,
                        reason=_("Người bán xác nhận đã nhận chuyển khoản"))
    order.refresh_from_db()
    return order
