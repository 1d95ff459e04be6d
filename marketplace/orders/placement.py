"""Placing a checkout: one order per producer, every price from the database, stock reserved atomically.

Rows are locked in one fixed order everywhere in this app — the order row (when an existing order
changes), then products by primary key, then variants by primary key — so concurrent checkouts and
cancellations wait for each other but never deadlock.
"""

from collections import defaultdict
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from marketplace.accounts.phone import normalise_phone
from marketplace.catalogue.models import Product, ProductVariant
from marketplace.catalogue.selectors import products_visible
from marketplace.core.geography import province_names, ward_in_province
from marketplace.orders.errors import OrderError
from marketplace.orders.models import Checkout, Order, OrderLine, OrderStatusChange
from marketplace.orders.shipping import shipping_fee

MAX_LINE_QUANTITY = 9_999
PAID_LATER = {Checkout.PaymentMethod.VIETQR, Checkout.PaymentMethod.CARD}


def order_place(
    *,
    lines: list[tuple[int, int]],
    contact_name: str,
    phone: str,
    email: str = "",
    province_code: int,
    ward_code: int,
    street: str,
    delivery_note: str = "",
    payment_method: str,
    buyer=None,
) -> Checkout:
    """Create the checkout and one order per producer, or raise OrderError and change nothing.

    Only variant ids and quantities come from the buyer: prices, shipping and totals are read here.
    """
    quantities = _clean_lines(lines)
    contact = _clean_contact(
        contact_name=contact_name, phone=phone, email=email, province_code=province_code, ward_code=ward_code,
        street=street, delivery_note=delivery_note,
    )
    method = _clean_payment_method(payment_method)
    with transaction.atomic():
        variants = _lock_and_load(quantities)
        for variant_id in sorted(quantities):
            _reserve(variants[variant_id], quantities[variant_id])
        now = timezone.now()
        checkout = Checkout.objects.create(
            **contact, payment_method=method, created_at=now,
            buyer=buyer if getattr(buyer, "is_authenticated", False) else None,
        )
        by_producer: dict[int, list[ProductVariant]] = defaultdict(list)
        for variant in variants.values():
            by_producer[variant.product.producer_id].append(variant)
        for producer_id in sorted(by_producer):
            _create_order(checkout, sorted(by_producer[producer_id], key=lambda v: v.pk), quantities, now)
        for product in sorted({v.product for v in variants.values()}, key=lambda p: p.pk):
            product.refresh_summary()
    return checkout


def order_number(order: Order) -> str:
    return f"CPN-{timezone.localtime(order.placed_at).year}-{order.pk:06d}"


def _clean_lines(lines) -> dict[int, int]:
    quantities: dict[int, int] = defaultdict(int)
    for variant_id, quantity in lines:
        try:
            variant_id, quantity = int(variant_id), int(quantity)
        except (TypeError, ValueError):
            raise OrderError(_("Số lượng không hợp lệ.")) from None
        if quantity < 1 or quantity > MAX_LINE_QUANTITY:
            raise OrderError(
                _("Số lượng mỗi sản phẩm từ 1 đến %(max)d.") % {"max": MAX_LINE_QUANTITY}, variant_id=variant_id
            )
        quantities[variant_id] += quantity
    if not quantities:
        raise OrderError(_("Giỏ hàng đang trống."))
    if any(quantity > MAX_LINE_QUANTITY for quantity in quantities.values()):
        raise OrderError(_("Số lượng mỗi sản phẩm từ 1 đến %(max)d.") % {"max": MAX_LINE_QUANTITY})
    return dict(quantities)


def _clean_contact(*, contact_name, phone, email, province_code, ward_code, street, delivery_note) -> dict:
    contact_name = (contact_name or "").strip()
    if not contact_name or len(contact_name) > 120:
        raise OrderError(_("Hãy nhập họ tên người nhận (tối đa 120 ký tự)."))
    try:
        phone = normalise_phone(phone)
    except ValueError as error:
        raise OrderError(str(error)) from None
    email = (email or "").strip()
    if email:
        try:
            validate_email(email)
        except ValidationError:
            raise OrderError(_("Email này chưa đúng, ví dụ: ten@gmail.com.")) from None
    try:
        province_code, ward_code = int(province_code), int(ward_code)
    except (TypeError, ValueError):
        raise OrderError(_("Hãy chọn tỉnh/thành phố và phường/xã.")) from None
    if province_code not in province_names():
        raise OrderError(_("Hãy chọn tỉnh/thành phố."))
    if not ward_in_province(ward_code, province_code):
        raise OrderError(_("Phường/xã này không thuộc tỉnh/thành phố đã chọn."))
    street = (street or "").strip()
    if not street or len(street) > 255:
        raise OrderError(_("Hãy nhập số nhà, tên đường hoặc thôn/xóm (tối đa 255 ký tự)."))
    return {
        "contact_name": contact_name, "phone": phone, "email": email, "province_code": province_code,
        "ward_code": ward_code, "street": street, "delivery_note": (delivery_note or "").strip()[:1000],
    }


def _clean_payment_method(payment_method: str) -> str:
    if payment_method not in Checkout.PaymentMethod.values:
        raise OrderError(_("Hãy chọn cách thanh toán."))
    if payment_method == Checkout.PaymentMethod.CARD and not settings.STRIPE_SECRET_KEY:
        raise OrderError(_("Hiện chưa nhận thanh toán bằng thẻ. Hãy chọn cách thanh toán khác."))
    return payment_method


def _lock_and_load(quantities: dict[int, int]) -> dict[int, ProductVariant]:
    """The visible variants asked for, their products locked in primary-key order.

    The product rows are locked before any stock moves so that the stock summary written at the end
    (refresh_summary) sums a stable set of rows: two checkouts of different variants of one product
    would otherwise each write a total that misses the other's reservation.
    """
    product_ids = set(ProductVariant.objects.filter(pk__in=quantities).values_list("product_id", flat=True))
    list(Product.objects.select_for_update().filter(pk__in=product_ids).order_by("pk").values_list("pk", flat=True))
    visible = products_visible().filter(pk__in=product_ids)
    variants = {
        variant.pk: variant
        for variant in ProductVariant.objects.filter(pk__in=quantities, product__in=visible).select_related(
            "product", "product__producer"
        )
    }
    for variant_id in sorted(quantities):
        if variant_id not in variants:
            raise OrderError(_("Một sản phẩm trong giỏ hàng không còn được bán."), variant_id=variant_id)
    return variants


def _reserve(variant: ProductVariant, quantity: int) -> None:
    """Take the units in one conditional UPDATE: it either finds enough stock and takes it, or touches nothing."""
    taken = ProductVariant.objects.filter(pk=variant.pk, stock__gte=quantity).update(stock=F("stock") - quantity)
    if taken:
        return
    left = ProductVariant.objects.filter(pk=variant.pk).values_list("stock", flat=True).first() or 0
    name = f"{variant.product.name} — {variant.name}"
    if left == 0:
        raise OrderError(_("«%(name)s» đã hết hàng.") % {"name": name}, variant_id=variant.pk)
    raise OrderError(
        _("Chỉ còn %(left)d %(unit)s «%(name)s».") % {"left": left, "unit": variant.product.unit, "name": name},
        variant_id=variant.pk,
    )


def _create_order(checkout: Checkout, variants: list[ProductVariant], quantities: dict[int, int], now) -> Order:
    producer = variants[0].product.producer
    subtotal = sum(variant.price * quantities[variant.pk] for variant in variants)
    fee = shipping_fee(producer=producer, subtotal=subtotal)
    paid_later = checkout.payment_method in PAID_LATER
    order = Order.objects.create(
        checkout=checkout, producer=producer, subtotal=subtotal, shipping_fee=fee, total=subtotal + fee,
        status=Order.Status.PENDING_PAYMENT if paid_later else Order.Status.CONFIRMED,
        placed_at=now,
        confirmed_at=None if paid_later else now,
        expires_at=now + timedelta(minutes=settings.ORDER_PAYMENT_TIMEOUT_MINUTES) if paid_later else None,
    )
    # The number comes from the primary key: unique by construction, and no shared counter row that
    # every checkout would queue on. Numbers are therefore not consecutive within a producer or a year.
    order.number = order_number(order)
    order.save(update_fields=["number"])
    OrderLine.objects.bulk_create(
        OrderLine(
            order=order, variant=variant, product_name=variant.product.name, variant_name=variant.name,
            sku=variant.sku, unit=variant.product.unit, unit_price=variant.price, quantity=quantities[variant.pk],
            line_total=variant.price * quantities[variant.pk],
        )
        for variant in variants
    )
    OrderStatusChange.objects.create(
        order=order, from_status="", to_status=order.status, actor=checkout.buyer,
        role=OrderStatusChange.Role.BUYER, created_at=now,
    )
    return order
