"""What happens next to an order, and by when, in the buyer's words: the order page's first panel.

Dates come from the order's own timestamps and the same settings the timers use (ORDER_SHIP_REMINDER_DAYS,
ORDER_AUTO_COMPLETE_DAYS, DELIVERY_ESTIMATE_DAYS), so the page promises what the system enforces."""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from marketplace.orders.models import Checkout, Order

STEPS = ("placed", "confirmed", "shipped", "received")


@dataclass(frozen=True)
class NextStep:
    text: str
    reached: int  # how many of STEPS are done, for the progress bar; 0 when the order stopped


def _day(moment: datetime) -> str:
    return date_format(timezone.localtime(moment), "d/m")


def _time(moment: datetime) -> str:
    return date_format(timezone.localtime(moment), "H:i d/m")


def next_step(order: Order) -> NextStep:
    status, method = order.status, order.checkout.payment_method
    fastest, slowest = settings.DELIVERY_ESTIMATE_DAYS
    if status == Order.Status.PENDING_PAYMENT:
        if method == Checkout.PaymentMethod.VIETQR and order.expires_at:
            text = _("Chuyển khoản theo mã QR dưới đây trước %(time)s. Người bán xác nhận khi nhận được tiền, "
                     "rồi chuẩn bị hàng.") % {"time": _time(order.expires_at)}
        else:
            text = _("Đơn chờ bạn thanh toán. Sau khi thanh toán, người bán xác nhận và chuẩn bị hàng.")
        return NextStep(text, 1)
    if status == Order.Status.CONFIRMED:
        since = order.confirmed_at or order.created_at
        by = since + timedelta(days=settings.ORDER_SHIP_REMINDER_DAYS)
        return NextStep(_("Người bán đang chuẩn bị hàng và sẽ gửi đi trước ngày %(day)s. Bạn nhận được email khi "
                          "hàng được gửi.") % {"day": _day(by)}, 2)
    if status == Order.Status.PACKED:
        return NextStep(_("Hàng đã đóng gói, sắp giao cho đơn vị vận chuyển."), 2)
    if status == Order.Status.SHIPPED:
        since = order.shipped_at or timezone.now()
        return NextStep(_("Hàng đang trên đường tới bạn, thường tới trong khoảng %(first)s – %(last)s. Khi nhận được, "
                          "bấm “Đã nhận hàng”.") % {"first": _day(since + timedelta(days=fastest)),
                                                     "last": _day(since + timedelta(days=slowest))}, 3)
    if status == Order.Status.DELIVERED:
        since = order.delivered_at or timezone.now()
        by = since + timedelta(days=settings.ORDER_AUTO_COMPLETE_DAYS)
        return NextStep(_("Hàng đã giao. Nếu hàng ổn, bấm “Đã nhận hàng”; nếu có vấn đề, nhắn người bán trước ngày "
                          "%(day)s, khi đơn tự hoàn tất.") % {"day": _day(by)}, 4)
    if status == Order.Status.COMPLETED:
        return NextStep(_("Đơn đã hoàn tất. Cảm ơn bạn đã ủng hộ chị em! Hãy đánh giá để người mua sau yên tâm."), 4)
    if status == Order.Status.REFUNDED:
        return NextStep(_("Tiền của đơn này đã được hoàn lại cho bạn."), 0)
    if status == Order.Status.RETURNED:
        return NextStep(_("Đơn vị vận chuyển không giao được và đã chuyển hàng trả lại người bán. Nếu bạn đã thanh "
                          "toán, người bán sẽ hoàn tiền; cần gì hãy nhắn người bán."), 0)
    return NextStep(_("Đơn đã huỷ. Nếu đã chuyển khoản, người bán hoàn tiền cho bạn; cần gì hãy nhắn người bán."), 0)
