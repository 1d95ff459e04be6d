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
from marketplace.catalogue.models import ProductVariant
from marketplace.catalogue.selectors import products_visible
from marketplace.core.geography import province_names, ward_in_province
from marketplace.core.money import format_vnd
from marketplace.livestreams.errors import LiveCapExhausted
from marketplace.livestreams.pricing import LiveOffer, live_cap_take, live_offers
from marketplace.orders.errors import OrderError
from marketplace.orders.models import Checkout, Order, OrderLine, OrderStatusChange
from marketplace.orders.notifications import notify_order_change
from marketplace.orders.selectors import producer_has_bank_account
from marketplace.orders.shipping import parcel_grams, rate_table, shipping_fee
from marketplace.orders.stock import locked_products, refresh_listed

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
    expected_total: int | None = None,
    live_session=None,
    recorded_by=None,
    pickup: bool = False,
) -> Checkout:
    """Create the checkout and one order per producer, or raise OrderError and change nothing.

    Only variant ids and quantities come from the buyer: prices, shipping and totals are read here,
    live prices included. `expected_total` is the total the buyer was shown: when the price moved
    since (a live price ran out), the order is refused with the new total rather than placed silently.
    `live_session` and `recorded_by` make an order taken by the seller from a livestream comment: only
    that session's live prices apply, and the address may name no ward (the seller writes it as said).
    """
    quantities = _clean_lines(lines)
    contact = _clean_contact(
        contact_name=contact_name, phone=phone, email=email, province_code=province_code, ward_code=ward_code,
        street=street, delivery_note=delivery_note, ward_optional=live_session is not None,
    )
    method = _clean_payment_method(payment_method)
    with transaction.atomic():
        variants = _lock_and_load(quantities)
        if method == Checkout.PaymentMethod.VIETQR:
            _check_bank_accounts(variants.values())
        now = timezone.now()
        offers = live_offers(variants, now=now, session=live_session)
        for variant_id in sorted(quantities):
            _reserve(variants[variant_id], quantities[variant_id])
        for variant_id in sorted(offers, key=lambda v: offers[v].pin_id):
            try:
                live_cap_take(offers[variant_id], quantities[variant_id], _line_name(variants[variant_id]))
            except LiveCapExhausted as refused:
                raise OrderError(refused.message, variant_id=variant_id) from refused
        prices = {pk: offers[pk].price if pk in offers else variant.price for pk, variant in variants.items()}
        checkout = Checkout.objects.create(
            **contact, payment_method=method, created_at=now, pickup=pickup,
            buyer=buyer if getattr(buyer, "is_authenticated", False) else None,
        )
        by_producer: dict[int, list[ProductVariant]] = defaultdict(list)
        for variant in variants.values():
            by_producer[variant.product.producer_id].append(variant)
        table = rate_table()
        orders = [
            _create_order(checkout, sorted(by_producer[producer_id], key=lambda v: v.pk), quantities, prices, offers,
                          now, live_session=live_session, recorded_by=recorded_by, table=table)
            for producer_id in sorted(by_producer)
        ]
        total = sum(order.total for order in orders)
        if expected_total is not None and total != expected_total:
            # Raising rolls back the stock, the caps and the orders taken above.
            raise OrderError(_("Giá đã thay đổi (có thể giá live vừa hết hạn). Tổng mới là %(total)s — "
                               "hãy xem lại rồi đặt hàng.") % {"total": format_vnd(total)})
        refresh_listed(sorted({v.product for v in variants.values()}, key=lambda p: p.pk))
        for order in orders:
            notify_order_change(order, "placed")
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


def _clean_contact(*, contact_name, phone, email, province_code, ward_code, street, delivery_note,
                   ward_optional=False) -> dict:
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
    if ward_optional and ward_code in (None, ""):
        ward_code = None
    try:
        province_code = int(province_code)
        ward_code = None if ward_code is None else int(ward_code)
    except (TypeError, ValueError):
        raise OrderError(_("Hãy chọn tỉnh/thành phố và phường/xã.")) from None
    if province_code not in province_names():
        raise OrderError(_("Hãy chọn tỉnh/thành phố."))
    if ward_code is not None and not ward_in_province(ward_code, province_code):
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


def _check_bank_accounts(variants) -> None:
    """A VietQR transfer goes to the producer's own account: every producer of the order needs one."""
    without = sorted({v.product.producer.name for v in variants if not producer_has_bank_account(v.product.producer)})
    if without:
        raise OrderError(_("Chuyển khoản VietQR chưa dùng được vì %(names)s chưa có tài khoản nhận tiền.")
                         % {"names": ", ".join(without)})


def _lock_and_load(quantities: dict[int, int]) -> dict[int, ProductVariant]:
    """The visible variants asked for, their products locked in primary-key order.

    The product rows are locked before any stock moves so that the stock summary written at the end
    (refresh_summary) sums a stable set of rows: two checkouts of different variants of one product
    would otherwise each write a total that misses the other's reservation.
    """
    product_ids = list(locked_products(quantities).values_list("pk", flat=True))
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
    name = _line_name(variant)
    if left == 0:
        raise OrderError(_("«%(name)s» đã hết hàng.") % {"name": name}, variant_id=variant.pk)
    raise OrderError(
        _("Chỉ còn %(left)d %(unit)s «%(name)s».") % {"left": left, "unit": variant.product.unit, "name": name},
        variant_id=variant.pk,
    )


def _line_name(variant: ProductVariant) -> str:
    return f"{variant.product.name} — {variant.name}"


def _create_order(
    checkout: Checkout, variants: list[ProductVariant], quantities: dict[int, int], prices: dict[int, int],
    offers: dict[int, LiveOffer], now, *, live_session=None, recorded_by=None, table=None,
) -> Order:
    producer = variants[0].product.producer
    subtotal = sum(prices[variant.pk] * quantities[variant.pk] for variant in variants)
    grams = parcel_grams((variant.weight_grams, quantities[variant.pk]) for variant in variants)
    fee = 0 if checkout.pickup else shipping_fee(producer=producer, subtotal=subtotal, grams=grams,
                                                 destination=checkout.province_code, table=table)
    paid_later = checkout.payment_method in PAID_LATER
    session_ids = sorted({offers[variant.pk].session_id for variant in variants if variant.pk in offers})
    order = Order.objects.create(
        checkout=checkout, producer=producer, subtotal=subtotal, shipping_fee=fee, total=subtotal + fee,
        source=Order.Source.LIVE if recorded_by is not None else Order.Source.WEB,
        live_session_id=live_session.pk if live_session is not None else (session_ids[0] if session_ids else None),
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
            sku=variant.sku, unit=variant.product.unit, unit_price=prices[variant.pk], quantity=quantities[variant.pk],
            line_total=prices[variant.pk] * quantities[variant.pk],
            live_pin_id=offers[variant.pk].pin_id if variant.pk in offers else None,
        )
        for variant in variants
    )
    OrderStatusChange.objects.create(
        order=order, from_status="", to_status=order.status, actor=recorded_by or checkout.buyer,
        role=OrderStatusChange.Role.SELLER if recorded_by is not None else OrderStatusChange.Role.BUYER,
        created_at=now,
    )
    return order
