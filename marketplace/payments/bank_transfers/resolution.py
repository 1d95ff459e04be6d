"""A person settles an unmatched transfer: she checked it against the order and marks the order paid (through
the same payment service as the webhook), or the money went back to the sender, or something else; the
reason is recorded either way. Which transfers and orders she may touch is the caller's scope, passed in."""

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from marketplace.core.money import format_vnd
from marketplace.orders.models import Checkout, Order
from marketplace.orders.payment import order_mark_paid
from marketplace.payments.bank_transfers.models import BankTransfer
from marketplace.payments.errors import PaymentError

MARK_PAID, REFUNDED, OTHER = "mark_paid", "refunded", "other"
ACTIONS = [
    (MARK_PAID, gettext_lazy("Đã đối soát: đánh dấu đã thanh toán đơn")),
    (REFUNDED, gettext_lazy("Đã hoàn tiền cho người chuyển")),
    (OTHER, gettext_lazy("Lý do khác")),
]


def bank_transfer_resolve(
    *,
    transfer: BankTransfer,
    by,
    role: str,
    action: str,
    note: str = "",
    order_number: str = "",
    orders: QuerySet[Order],
) -> BankTransfer:
    """Settle the unmatched `transfer` or raise PaymentError and change nothing.

    `orders` is what `by` may act on (her producer's orders, or her unit's): an order named outside it is
    "not found", exactly like an order that does not exist.
    """
    labels = dict(ACTIONS)
    note = (note or "").strip()
    if action not in labels:
        raise PaymentError(_("Hãy chọn cách xử lý giao dịch."))
    if action == OTHER and not note:
        raise PaymentError(_("Hãy ghi rõ đã xử lý giao dịch này thế nào."))
    with transaction.atomic():
        locked = BankTransfer.objects.select_for_update().get(pk=transfer.pk)
        if locked.status != BankTransfer.Status.UNMATCHED:
            raise PaymentError(_("Giao dịch này đã được xử lý rồi."))
        order = (
            _mark_paid(locked, by=by, role=role, note=note, number=order_number, orders=orders)
            if action == MARK_PAID
            else None
        )
        resolution = str(labels[action])
        if order is not None:
            resolution = f"{resolution} {order.number}"
        locked.status, locked.resolved_by, locked.resolved_at = (
            BankTransfer.Status.RESOLVED,
            by,
            timezone.now(),
        )
        locked.resolution = f"{resolution}. {note}".strip() if note else resolution
        if order is not None:
            locked.order, locked.producer_id = order, order.producer_id
        locked.save(update_fields=["status", "resolved_by", "resolved_at", "resolution", "order", "producer"])
    transfer.refresh_from_db()
    return transfer


def _mark_paid(
    transfer: BankTransfer, *, by, role: str, note: str, number: str, orders: QuerySet[Order]
) -> Order:
    number = (number or "").strip().upper()[:32]
    if not number:
        raise PaymentError(_("Hãy ghi mã đơn được thanh toán bằng giao dịch này."))
    if not transfer.incoming:
        raise PaymentError(_("Đây là tiền ra khỏi tài khoản, không thể dùng để thanh toán đơn."))
    order = orders.select_for_update(of=("self",)).filter(number=number).first()
    if order is None:
        raise PaymentError(_("Không tìm thấy đơn %(number)s.") % {"number": number})
    if order.checkout.payment_method != Checkout.PaymentMethod.VIETQR:
        raise PaymentError(_("Đơn %(number)s không thanh toán bằng chuyển khoản.") % {"number": number})
    if order.status != Order.Status.PENDING_PAYMENT or order.payment_status != Order.PaymentStatus.UNPAID:
        raise PaymentError(
            _("Đơn %(number)s không còn chờ thanh toán (đang «%(status)s»): hãy hoàn tiền cho người chuyển.")
            % {"number": number, "status": order.get_status_display()}
        )
    reason = _("Đã đối soát chuyển khoản %(amount)s (mã giao dịch %(reference)s).") % {
        "amount": format_vnd(transfer.amount),
        "reference": transfer.bank_reference or transfer.provider_id,
    }
    order_mark_paid(order=order, by=by, role=role, reason=f"{reason} {note}".strip())
    return order
