"""Giving an order's money back, from the seller centre or the union admin: one path for both.

A card order's money goes back to the card through the Stripe module, in full or in part. Cash and bank
transfers are paid back by hand, outside the system, and only recorded. Either way the orders domain keeps
the refunded amount, moves the order to "refunded" once all of it went back, and emails buyer and seller.
Who may refund which order is the caller's check (the seller her producer's, staff their scope).
"""

from django.utils.translation import gettext as _

from marketplace.orders.errors import OrderError
from marketplace.orders.models import Checkout, Order, OrderStatusChange
from marketplace.orders.refunds import order_refund_by_hand
from marketplace.orders.transitions import transition_allowed
from marketplace.payments.card_refunds import order_refundable_left
from marketplace.payments.models import CardPayment
from marketplace.payments.stripe_gateway import refund_order

CARD = Checkout.PaymentMethod.CARD


def order_refund_open(order: Order, *, role: str) -> bool:
    """Whether `role` may refund the order now (for showing the form); order_refund decides for real."""
    if order.refund_left <= 0:
        return False
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
        refund_order(order=order, amount=amount, by=by, restock=restock, reason=reason)
        order.refresh_from_db()
        return order
    return order_refund_by_hand(order=order, amount=amount, by=by, role=role, restock=restock, reason=reason)
