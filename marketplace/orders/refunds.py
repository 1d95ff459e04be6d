"""Giving an order's money back, from the seller centre or the union admin: one path for both.

A card order's money goes back to the card through the Stripe module, in full or in part. Cash and bank
transfers are paid back by hand, outside the system, so their refund is recorded as the move to
"refunded" with the amount in its reason. Who may refund which order is the caller's check (the seller
her producer's, staff their scope), and the caller sends the "refunded" email, as after any change.
"""

from django.utils.translation import gettext as _

from marketplace.core.audit import audit_record
from marketplace.core.money import format_vnd
from marketplace.orders.errors import OrderError
from marketplace.orders.models import Checkout, Order, OrderStatusChange
from marketplace.orders.transitions import order_transition, transition_allowed
from marketplace.payments.card_refunds import order_refundable_left, refunded_amount
from marketplace.payments.models import CardPayment
from marketplace.payments.stripe_gateway import refund_order

CARD = Checkout.PaymentMethod.CARD


def order_refund_left(order: Order) -> int:
    """The most that may still be given back: the total, less what already went back to the card."""
    if order.checkout.payment_method == CARD:
        return max(0, order.total - refunded_amount(order))
    return order.total


def order_refund_open(order: Order, *, role: str) -> bool:
    """Whether `role` may refund the order now (for showing the form); order_refund decides for real."""
    if transition_allowed(order=order, to_status=Order.Status.REFUNDED, role=role):
        return True
    # A card that paid after the order was cancelled is flagged for staff: only they give it back.
    if role != OrderStatusChange.Role.STAFF or order.status != Order.Status.CANCELLED:
        return False
    if order.checkout.payment_method != CARD:
        return False
    card = CardPayment.objects.filter(checkout_id=order.checkout_id).first()
    return order_refundable_left(order, card) > 0


def order_refund(*, order: Order, amount: int, by, role: str, restock: bool, reason: str) -> Order:
    """Refund `amount` đồng of the order or raise OrderError/PaymentError and change nothing."""
    if not order_refund_open(order, role=role):
        raise OrderError(_("Đơn này hiện không thể hoàn tiền."))
    if order.checkout.payment_method == CARD:
        paid_status = order.payment_status
        refund_order(order=order, amount=amount, by=by, restock=restock)
        # A partial refund moves no status, so its reason would be lost without this note.
        audit_record(subject=order, action="order_card_refund", actor=by, from_state=paid_status,
                     to_state=order.payment_status,
                     reason=_("Hoàn %(amount)s vào thẻ. %(reason)s") % {"amount": format_vnd(amount), "reason": reason})
        return order
    note = _("Hoàn %(amount)s bằng chuyển khoản ngoài hệ thống. %(reason)s") % {
        "amount": format_vnd(amount), "reason": reason}
    return order_transition(order=order, to_status=Order.Status.REFUNDED, actor=by, role=role, reason=note,
                            restock=restock)
