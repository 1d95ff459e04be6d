"""Orders the seller takes from livestream comments ("chốt đơn"): cash on delivery, in one step.

Stock and the live-price cap are reserved by the same `order_place` as a web checkout, restricted to
this session's live prices.
"""

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from marketplace.livestreams.errors import LiveError
from marketplace.livestreams.models import LiveSession, PinnedProduct
from marketplace.orders.errors import OrderError
from marketplace.orders.models import Checkout, Order, OrderStatusChange
from marketplace.orders.placement import order_place
from marketplace.orders.transitions import order_transition


def pin_by_code(*, session: LiveSession, code: str) -> PinnedProduct:
    code = (code or "").strip().upper()
    pin = session.pins.select_related("variant__product__producer").filter(code=code).first() if code else None
    if pin is None:
        codes = ", ".join(session.pins.values_list("code", flat=True)) or "—"
        raise LiveError(_("Không có mã «%(code)s» trong phiên này. Các mã: %(codes)s.") % {
            "code": code[:10], "codes": codes}, field="code")
    return pin


def quick_order_place(*, session: LiveSession, by, contact_name: str, phone: str, code: str, quantity,
                      address: str = "", province_code=None, pickup: bool = False, note: str = "") -> Order:
    """One cash-on-delivery order from a comment, or LiveError/OrderError and nothing changed."""
    session.refresh_from_db(fields=["state", "started_at", "ended_at", "ends_at"])
    if not session.price_window_open():
        raise LiveError(_("Phiên chưa bắt đầu hoặc đã kết thúc: chỉ chốt đơn trong lúc live."))
    pin = pin_by_code(session=session, code=code)
    try:
        quantity = int(quantity)
    except (TypeError, ValueError):
        raise LiveError(_("Số lượng phải là số nguyên từ 1."), field="quantity") from None
    producer = pin.variant.product.producer
    if pickup:
        province_code, ward_code = producer.province_code, producer.ward_code
        street = _("Nhận tại cơ sở %(name)s") % {"name": producer.name}
    else:
        ward_code, street = None, (address or "").strip()
        if not street:
            raise LiveError(_("Hãy ghi địa chỉ giao hàng, hoặc chọn nhận tại cơ sở."), field="address")
        province_code = province_code or producer.province_code
    with transaction.atomic():
        checkout = order_place(
            lines=[(pin.variant_id, quantity)], contact_name=contact_name, phone=phone, province_code=province_code,
            ward_code=ward_code, street=street, delivery_note=note, payment_method=Checkout.PaymentMethod.COD,
            live_session=session, recorded_by=by, pickup=pickup,
        )
        order = checkout.orders.get()
        if _live_price_missed(pin, order):
            # The cap ran out (before or while placing): the comment asked for the live price, so the
            # order is refused rather than taken at the normal price; raising rolls the stock back.
            raise LiveError(_("Mã %(code)s đã hết suất giá live. Hãy báo người mua; không có đơn nào được tạo.")
                            % {"code": pin.code}, field="code")
    return order


def _live_price_missed(pin: PinnedProduct, order: Order) -> bool:
    """The pin offers a live price below the normal one, yet the order's line did not get it."""
    if pin.live_price is None or pin.live_price >= pin.variant.price:
        return False
    return not order.lines.filter(live_pin_id=pin.pk).exists()


def quick_order_undo_until(order: Order):
    return order.placed_at + timedelta(minutes=settings.LIVE_QUICK_ORDER_UNDO_MINUTES)


def quick_order_can_undo(order: Order, now=None) -> bool:
    return (order.source == Order.Source.LIVE and order.status == Order.Status.CONFIRMED
            and (now or timezone.now()) <= quick_order_undo_until(order))


def quick_order_cancel(*, order: Order, by) -> Order:
    """Undo an order recorded by mistake, within the first minutes: stock and cap go back."""
    if not quick_order_can_undo(order):
        raise LiveError(_("Chỉ huỷ nhanh được đơn chốt khi live trong %(n)d phút đầu; hãy huỷ ở trang đơn hàng.")
                        % {"n": settings.LIVE_QUICK_ORDER_UNDO_MINUTES})
    try:
        return order_transition(order=order, to_status=Order.Status.CANCELLED, actor=by,
                                role=OrderStatusChange.Role.SELLER, reason=_("Huỷ đơn chốt nhầm khi live."))
    except OrderError as error:
        raise LiveError(error.message) from None
