"""Shipping an order through GHN: quote, waybill (the order moves to "shipped"), label, tracking callbacks."""

from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from marketplace.delivery import ghn
from marketplace.delivery.errors import DeliveryError
from marketplace.delivery.models import Shipment, TrackingEvent
from marketplace.delivery.parcels import Weight, cod_amount, order_parcel, order_weight
from marketplace.delivery.returned_parcels import returned_parcel_add
from marketplace.ledger.postings import post_cod_collected
from marketplace.orders.models import Order, OrderStatusChange
from marketplace.orders.transitions import apply_locked, transition_allowed

S = Order.Status
CARRIER_NAME = "GHN"  # what Order.carrier reads (the buyer sees it)
# GHN statuses that move the order; the others (picking, transporting, delivering, delivery_fail…) are
# recorded on the shipment only: the order is already "shipped" ("Đang giao") from the waybill's creation.
ORDER_MOVES = {
    "delivered": S.DELIVERED,
    "return": S.RETURNED, "return_transporting": S.RETURNED, "return_sorting": S.RETURNED,
    "returning": S.RETURNED, "returned": S.RETURNED,
}
# Where the parcel ended: a late, older event never overwrites them.
FINAL = {"delivered", "returned", "cancel", "lost", "damage"}


@dataclass(frozen=True)
class Quote:
    fee: int
    cod_amount: int
    weight: Weight


def ghn_quote(order: Order) -> Quote:
    _check_can_create(order)
    weight = order_weight(order)
    parcel = order_parcel(order, weight)
    return Quote(fee=ghn.fee_quote(parcel), cod_amount=parcel.cod_amount, weight=weight)


def ghn_shipment_create(*, order: Order, by) -> Shipment:
    """Create the waybill at GHN and ship the order, once: the order's lock and the one-to-one shipment
    stop a double submit, and GHN itself refuses a second waybill with the same client_order_code."""
    with transaction.atomic():
        locked = Order.objects.select_for_update().select_related("checkout", "producer").get(pk=order.pk)
        _check_can_create(locked)
        parcel = order_parcel(locked, order_weight(locked))
        created = ghn.order_create(parcel)
        shipment = Shipment.objects.create(
            order=locked, waybill=created.order_code, fee=created.total_fee, cod_amount=parcel.cod_amount,
            weight_grams=parcel.weight_grams, expected_delivery_at=created.expected_delivery_at,
        )
        if locked.status == S.CONFIRMED:
            apply_locked(locked, to_status=S.PACKED, actor=by, role=OrderStatusChange.Role.SELLER, reason="")
        apply_locked(locked, to_status=S.SHIPPED, actor=by, role=OrderStatusChange.Role.SELLER, reason="",
                     carrier=CARRIER_NAME, tracking_number=created.order_code)
    order.refresh_from_db()
    return shipment


def ghn_label_url(order: Order) -> str:
    shipment = Shipment.objects.filter(order=order).first()
    if shipment is None:
        raise DeliveryError(_("Đơn %(number)s chưa có vận đơn GHN.") % {"number": order.number})
    return ghn.label_url(shipment.waybill)


def ghn_callback_receive(callback: ghn.Callback) -> str:
    """Apply one GHN callback at most once; never moves an order backwards. Returns what happened."""
    with transaction.atomic():
        shipment = Shipment.objects.select_for_update().filter(waybill=callback.order_code).first()
        try:
            with transaction.atomic():
                TrackingEvent.objects.create(shipment=shipment, waybill=callback.order_code, status=callback.status,
                                             occurred_at=callback.time, raw=callback.raw)
        except IntegrityError:
            return "duplicate"
        if shipment is None:
            return "unknown waybill"
        if shipment.status not in FINAL and (shipment.last_event_at is None or callback.time >= shipment.last_event_at):
            shipment.status, shipment.last_event_at = callback.status, callback.time
            shipment.save(update_fields=["status", "last_event_at"])
        target = ORDER_MOVES.get(callback.status)
        if target is None:
            return "recorded"
        order = Order.objects.select_for_update().select_related("checkout").get(pk=shipment.order_id)
        if order.status != S.SHIPPED:  # delivered, returned, refunded… already: an old or repeated word
            return "recorded"
        collect = shipment.cod_amount > 0 and order.payment_status == Order.PaymentStatus.UNPAID
        apply_locked(order, to_status=target, actor=None, role=OrderStatusChange.Role.SYSTEM,
                     reason=_("GHN báo: %(status)s") % {"status": callback.status})
        if target == S.DELIVERED and collect:
            post_cod_collected(order)  # GHN holds the buyer's cash for the marketplace now
        if target == S.RETURNED and collect:
            returned_parcel_add(order.producer_id, order.checkout.phone)
        return target


def ghn_can_create(order: Order) -> bool:
    try:
        _check_can_create(order)
    except DeliveryError:
        return False
    return True


def _check_can_create(order: Order) -> None:
    if not ghn.ghn_enabled():
        raise DeliveryError(_("Chưa bật giao hàng qua GHN; hãy ghi đơn vị vận chuyển và mã vận đơn bằng tay."))
    if Shipment.objects.filter(order_id=order.pk).exists():
        raise DeliveryError(_("Đơn %(number)s đã có vận đơn GHN.") % {"number": order.number})
    if order.status not in {S.CONFIRMED, S.PACKED} or not transition_allowed(
        order=order, to_status=S.PACKED if order.status == S.CONFIRMED else S.SHIPPED, role="seller"
    ):
        raise DeliveryError(_("Chỉ tạo vận đơn cho đơn đã xác nhận hoặc đã đóng gói."))
    checkout = order.checkout
    if checkout.pickup:
        raise DeliveryError(_("Người mua nhận tại cơ sở nên không cần vận đơn."))
    if not checkout.ward_code or not checkout.street.strip():
        raise DeliveryError(_("Địa chỉ người nhận thiếu phường/xã hoặc số nhà; hãy gửi hàng và ghi mã vận đơn bằng tay."))
    if cod_amount(order) > ghn.MAX_COD:
        raise DeliveryError(_("GHN chỉ thu hộ tối đa 50.000.000 ₫ mỗi kiện."))
