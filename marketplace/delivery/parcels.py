"""What an order looks like to the carrier: its weight, the cash to collect, both addresses."""

from dataclasses import dataclass

from marketplace.delivery.ghn import MAX_COD, Parcel
from marketplace.orders.models import Checkout, Order

# A variant without a declared weight counts this much per unit, so GHN can still quote it.
DEFAULT_UNIT_GRAMS = 500


@dataclass(frozen=True)
class Weight:
    grams: int
    guessed: bool  # some variant had no weight: the seller is told to fill it in


def order_weight(order: Order) -> Weight:
    grams, guessed = 0, False
    for line in order.lines.select_related("variant"):
        unit = line.variant.weight_grams if line.variant_id else 0
        if not unit:
            unit, guessed = DEFAULT_UNIT_GRAMS, True
        grams += unit * line.quantity
    return Weight(grams=max(grams, 1), guessed=guessed)


def cod_amount(order: Order) -> int:
    """The carrier collects the order's total only when the buyer pays at the door and has not paid yet."""
    if order.checkout.payment_method == Checkout.PaymentMethod.COD and order.payment_status == Order.PaymentStatus.UNPAID:
        return order.total
    return 0


def order_parcel(order: Order, weight: Weight) -> Parcel:
    checkout, producer = order.checkout, order.producer
    lines = list(order.lines.all())
    return Parcel(
        client_order_code=order.number, to_name=checkout.contact_name, to_phone=_national(checkout.phone),
        to_address=checkout.street, to_ward_name=checkout.ward_name, to_province_name=checkout.province_name,
        from_name=producer.name[:100], from_phone=_national(producer.contact_phone),
        from_address=", ".join(part for part in (producer.ward_name, producer.province_name) if part), from_ward_name=producer.ward_name, from_province_name=producer.province_name,
        weight_grams=weight.grams, cod_amount=cod_amount(order), insurance_value=min(order.subtotal, MAX_COD),
        content=", ".join(f"{line.quantity} × {line.product_name}" for line in lines)[:500],
        note=checkout.delivery_note[:500],
        items=tuple({"name": f"{line.product_name} — {line.variant_name}"[:200], "code": line.sku,
                     "quantity": line.quantity} for line in lines),
    )


def _national(phone: str) -> str:
    """GHN wants the national form, 0912345678; we store +84912345678."""
    return "0" + phone[3:] if phone.startswith("+84") else phone
