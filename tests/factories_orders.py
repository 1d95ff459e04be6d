"""Orders made straight in the database, for tests of the people who handle them (sellers, staff, timers).

order_place checks the storefront's rules (visible products of verified producers); these tests need an
order of any producer in any state, so the rows are written as placement would leave them.
"""

from django.utils import timezone

from marketplace.core.geography import wards_of
from marketplace.orders.models import Checkout, Order, OrderLine, OrderStatusChange
from tests.factories import HA_NOI, ProductFactory


def order_for(
    producer, *, variant=None, quantity: int = 2, status: str = Order.Status.CONFIRMED, payment_method: str = "cod",
    payment_status: str = Order.PaymentStatus.UNPAID, shipping_fee: int = 30_000, placed_at=None,
    province_code: int = HA_NOI, contact_name: str = "Phạm Thị Mai", **fields,
) -> Order:
    if variant is None:
        variant = ProductFactory(producer=producer, variants=[{"name": "Hộp 500 g", "price": 120_000,
                                                              "stock": 20}]).variants.get()
    placed_at = placed_at or timezone.now()
    checkout = Checkout.objects.create(
        contact_name=contact_name, phone="+84912000111", email="mai@example.vn", province_code=province_code,
        ward_code=wards_of(province_code)[0][0], street="12 Hàng Bạc", delivery_note="Gọi trước khi giao",
        payment_method=payment_method, created_at=placed_at,
    )
    subtotal = variant.price * quantity
    order = Order.objects.create(
        checkout=checkout, producer=producer, status=status, payment_status=payment_status, subtotal=subtotal,
        shipping_fee=shipping_fee, total=subtotal + shipping_fee, placed_at=placed_at,
        confirmed_at=placed_at if status != Order.Status.PENDING_PAYMENT else None, **fields,
    )
    order.number = f"CPN-{timezone.localtime(placed_at).year}-{order.pk:06d}"
    order.save(update_fields=["number"])
    OrderLine.objects.create(
        order=order, variant=variant, product_name=variant.product.name, variant_name=variant.name, sku=variant.sku,
        unit=variant.product.unit, unit_price=variant.price, quantity=quantity, line_total=subtotal,
    )
    OrderStatusChange.objects.create(order=order, to_status=status, role=OrderStatusChange.Role.BUYER,
                                     created_at=placed_at)
    return order
