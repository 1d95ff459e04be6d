"""Moving an order through its life, under a row lock, with its history; stock goes back exactly once.

Who may act on which order (the seller on her producer's orders, the buyer on her own) is checked by
the caller's selector; this module checks what the move itself allows for the role given.
"""

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from marketplace.catalogue.models import ProductVariant
from marketplace.livestreams.pricing import live_cap_release
from marketplace.orders.errors import OrderError
from marketplace.orders.models import Checkout, Order, OrderStatusChange
from marketplace.orders.notifications import notify_order_change
from marketplace.orders.stock import locked_products, refresh_listed

Status = Order.Status
Role = OrderStatusChange.Role

TRANSITIONS: dict[str, set[str]] = {
    Status.PENDING_PAYMENT: {Status.CONFIRMED, Status.CANCELLED},
    Status.CONFIRMED: {Status.PACKED, Status.CANCELLED, Status.REFUNDED},
    Status.PACKED: {Status.SHIPPED, Status.CANCELLED, Status.REFUNDED},
    Status.SHIPPED: {Status.DELIVERED, Status.REFUNDED, Status.RETURNED},
    Status.DELIVERED: {Status.COMPLETED, Status.REFUNDED},
    Status.COMPLETED: {Status.REFUNDED},
    Status.CANCELLED: set(),
    Status.REFUNDED: set(),
    # The carrier brought the parcel back (refused or undeliverable); a paid order is then refunded.
    Status.RETURNED: {Status.REFUNDED},
}
# The buyer cancels only before packing and confirms receipt; the seller does everything but confirm
# receipt for the buyer (the system completes delivered orders after some days); staff and the system
# (payment webhooks, expiry, timers) may make any move of the table.
BUYER_MOVES = {
    (Status.PENDING_PAYMENT, Status.CANCELLED), (Status.CONFIRMED, Status.CANCELLED),
    (Status.DELIVERED, Status.COMPLETED),
}
SELLER_FORBIDDEN = {(Status.DELIVERED, Status.COMPLETED)}
NOT_SHIPPED = {Status.PENDING_PAYMENT, Status.CONFIRMED, Status.PACKED}
PAID = {Order.PaymentStatus.PAID, Order.PaymentStatus.PARTIALLY_REFUNDED}
# The email each move sends; a move to "confirmed" is always a payment arriving (cash orders start confirmed).
EVENTS = {
    Status.CONFIRMED: "paid", Status.PACKED: "packed", Status.SHIPPED: "shipped", Status.DELIVERED: "delivered",
    Status.COMPLETED: "completed", Status.CANCELLED: "cancelled", Status.REFUNDED: "refunded",
    Status.RETURNED: "returned",
}
STAMPS = {
    Status.CONFIRMED: "confirmed_at", Status.SHIPPED: "shipped_at", Status.DELIVERED: "delivered_at",
    Status.CANCELLED: "cancelled_at",
}


def order_transition(
    *, order: Order, to_status: str, actor, role: str, reason: str = "", carrier: str = "",
    tracking_number: str = "", restock: bool = False, event: str | None = None,
) -> Order:
    """Move the order to `to_status` or raise OrderError and change nothing; the buyer and the seller are
    emailed after the commit (`event` names another email than the move's own, e.g. "payment_expired").

    `restock` puts the units of a refunded order that had already shipped back on the shelf (the
    seller's choice: the goods came back); a cancelled order, or one refunded before shipping,
    always gets its stock back.
    """
    with transaction.atomic():
        locked = Order.objects.select_for_update().get(pk=order.pk)
        apply_locked(locked, to_status=to_status, actor=actor, role=role, reason=reason, carrier=carrier,
                     tracking_number=tracking_number, restock=restock, event=event)
    order.refresh_from_db()
    return order


def orders_expire_unpaid(now=None) -> int:
    """Cancel the unpaid VietQR and card orders whose time is up and release their stock; safe to repeat."""
    now = now or timezone.now()
    due = Order.objects.filter(status=Status.PENDING_PAYMENT, expires_at__lte=now).order_by("pk")
    expired = 0
    for order_id in due.values_list("pk", flat=True):
        with transaction.atomic():
            locked = Order.objects.select_for_update().get(pk=order_id)
            # Paid (or cancelled) since the list was read: leave it alone.
            if locked.status != Status.PENDING_PAYMENT or locked.payment_status != Order.PaymentStatus.UNPAID:
                continue
            apply_locked(locked, to_status=Status.CANCELLED, actor=None, role=Role.SYSTEM,
                         reason=_("Quá thời hạn thanh toán."), event="payment_expired")
            expired += 1
    return expired


def transition_allowed(*, order: Order, to_status: str, role: str) -> bool:
    """Whether the move is open to the role now (for showing buttons); order_transition decides for real."""
    try:
        _check(order, to_status=to_status, role=role, reason="x")
    except OrderError:
        return False
    return True


def _check(order: Order, *, to_status: str, role: str, reason: str) -> None:
    move = (order.status, to_status)
    if to_status not in TRANSITIONS.get(order.status, set()):
        raise OrderError(
            _("Không thể chuyển đơn %(number)s từ «%(from)s» sang «%(to)s».")
            % {"number": order.number, "from": order.get_status_display(), "to": _status_label(to_status)}
        )
    if role not in Role.values:
        raise OrderError(_("Không rõ ai thực hiện thay đổi này."))
    if (role == Role.BUYER and move not in BUYER_MOVES) or (role == Role.SELLER and move in SELLER_FORBIDDEN):
        raise OrderError(_("Bạn không thể chuyển đơn này sang «%(to)s».") % {"to": _status_label(to_status)})
    if to_status == Status.CANCELLED:
        if order.payment_status in PAID:
            raise OrderError(_("Đơn đã được thanh toán: hãy hoàn tiền thay vì huỷ."))
        if role in {Role.SELLER, Role.STAFF} and not reason.strip():
            raise OrderError(_("Hãy cho người mua biết lý do huỷ đơn."))
    if to_status == Status.REFUNDED and order.payment_status not in PAID:
        raise OrderError(_("Đơn chưa được thanh toán nên không có gì để hoàn tiền."))


def apply_locked(order: Order, *, to_status, actor, role, reason, carrier="", tracking_number="", restock=False,
                 event: str | None = None) -> None:
    """The move itself, its history row and its email; the caller holds the lock on the order row."""
    _check(order, to_status=to_status, role=role, reason=reason)
    now = timezone.now()
    from_status = order.status
    order.status = to_status
    changed = ["status", "updated_at"]
    if to_status in STAMPS:
        setattr(order, STAMPS[to_status], now)
        changed.append(STAMPS[to_status])
    if to_status == Status.SHIPPED:
        order.carrier, order.tracking_number = carrier.strip()[:80], tracking_number.strip()[:80]
        changed += ["carrier", "tracking_number"]
    if to_status == Status.DELIVERED and order.checkout.payment_method == Checkout.PaymentMethod.COD:
        order.payment_status = Order.PaymentStatus.PAID  # cash changes hands at the door
        changed.append("payment_status")
    if to_status == Status.REFUNDED:
        order.payment_status = Order.PaymentStatus.REFUNDED
        changed.append("payment_status")
    # A returned parcel is back with the seller: its units go back on the shelf (once, whatever comes after).
    if to_status in {Status.CANCELLED, Status.RETURNED} or (
        to_status == Status.REFUNDED and (from_status in NOT_SHIPPED or restock)
    ):
        if _release_stock(order, now):
            changed.append("stock_released_at")
    order.save(update_fields=changed)
    OrderStatusChange.objects.create(
        order=order, from_status=from_status, to_status=to_status, role=role, reason=reason.strip(), created_at=now,
        actor=actor if getattr(actor, "is_authenticated", False) else None,
    )
    notify_order_change(order, event or EVENTS[to_status])


def _release_stock(order: Order, now) -> bool:
    """Put the order's units back, once: stock_released_at, read under the order's lock, is the guard."""
    if order.stock_released_at is not None:
        return False
    lines = sorted(order.lines.all(), key=lambda line: line.variant_id)
    products = list(locked_products(line.variant_id for line in lines))
    for line in lines:
        ProductVariant.objects.filter(pk=line.variant_id).update(stock=F("stock") + line.quantity)
    live_cap_release(lines)
    refresh_listed(products)
    order.stock_released_at = now
    return True


def _status_label(status: str) -> str:
    return str(dict(Status.choices).get(status, status))
