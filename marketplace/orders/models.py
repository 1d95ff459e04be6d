"""A checkout (what the buyer filled in once) and its orders, one per producer, with lines and history.

Prices, names and SKUs are copied onto the lines: an order tells what was bought at what price even
after the seller edits or retires the product.
"""

import secrets

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from marketplace.core.geography import province_name, ward_name

REFERENCE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O or 1/I to misread on the phone


def new_checkout_reference() -> str:
    return "CK-" + "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(10))


def new_order_token() -> str:
    return secrets.token_urlsafe(24)


class Checkout(models.Model):
    """One "place order" by a buyer, with the contact and address shared by all its orders."""

    class PaymentMethod(models.TextChoices):
        COD = "cod", _("Thanh toán khi nhận hàng")
        VIETQR = "vietqr", _("Chuyển khoản VietQR")
        CARD = "card", _("Thẻ ngân hàng")

    reference = models.CharField(_("mã thanh toán"), max_length=16, unique=True, default=new_checkout_reference)
    buyer = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người mua"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="checkouts",
    )
    contact_name = models.CharField(_("họ tên người nhận"), max_length=120)
    phone = models.CharField(_("số điện thoại"), max_length=16)
    email = models.EmailField(_("email"), blank=True)
    province_code = models.PositiveSmallIntegerField(_("tỉnh/thành phố"))
    # Empty only for an order taken from a livestream comment, where the seller writes the address as said.
    ward_code = models.PositiveIntegerField(_("phường/xã"), null=True, blank=True)
    pickup = models.BooleanField(_("nhận tại cơ sở"), default=False)
    street = models.CharField(_("số nhà, đường, thôn/xóm"), max_length=255)
    delivery_note = models.TextField(_("ghi chú giao hàng"), blank=True)
    payment_method = models.CharField(_("cách thanh toán"), max_length=10, choices=PaymentMethod.choices)
    created_at = models.DateTimeField(_("đặt lúc"), default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("lần đặt hàng")
        verbose_name_plural = _("lần đặt hàng")

    def __str__(self) -> str:
        return self.reference

    @property
    def province_name(self) -> str:
        return province_name(self.province_code)

    @property
    def ward_name(self) -> str:
        return ward_name(self.ward_code)

    @property
    def address_line(self) -> str:
        return ", ".join(part for part in (self.street, self.ward_name, self.province_name) if part)


class Order(models.Model):
    """What one producer fulfils from one checkout."""

    # A ledger row, not content: keep Wagtail's reference index out of every checkout's writes
    # (it cost two extra read/write rounds per order; bench/checkout_http.py).
    wagtail_reference_index_ignore = True

    class Status(models.TextChoices):
        PENDING_PAYMENT = "pending_payment", _("Chờ thanh toán")
        CONFIRMED = "confirmed", _("Đã xác nhận")
        PACKED = "packed", _("Đã đóng gói")
        SHIPPED = "shipped", _("Đang giao")
        DELIVERED = "delivered", _("Đã giao")
        COMPLETED = "completed", _("Hoàn tất")
        CANCELLED = "cancelled", _("Đã huỷ")
        REFUNDED = "refunded", _("Đã hoàn tiền")
        # The carrier could not deliver and brought the parcel back to the seller (COD refused: "bom hàng").
        RETURNED = "returned", _("Hoàn hàng")

    class Source(models.TextChoices):
        WEB = "web", _("Đặt trên web")
        LIVE = "live", _("Chốt đơn khi live")

    class PaymentStatus(models.TextChoices):
        UNPAID = "unpaid", _("Chưa thanh toán")
        PAID = "paid", _("Đã thanh toán")
        REFUNDED = "refunded", _("Đã hoàn tiền")
        PARTIALLY_REFUNDED = "partially_refunded", _("Đã hoàn một phần")

    checkout = models.ForeignKey(Checkout, verbose_name=_("lần đặt hàng"), on_delete=models.PROTECT, related_name="orders")
    producer = models.ForeignKey(
        "producers.Producer", verbose_name=_("nhà sản xuất"), on_delete=models.PROTECT, related_name="orders"
    )
    # "CPN-2026-000123", set from the primary key right after the insert (see placement.py); null
    # only inside the transaction that creates the order.
    number = models.CharField(_("mã đơn"), max_length=32, unique=True, null=True, blank=True)
    token = models.CharField(max_length=64, unique=True, default=new_order_token, editable=False)
    status = models.CharField(_("trạng thái"), max_length=20, choices=Status.choices, db_index=True)
    payment_status = models.CharField(
        _("thanh toán"), max_length=20, choices=PaymentStatus.choices, default=PaymentStatus.UNPAID
    )
    source = models.CharField(_("nguồn đơn"), max_length=4, choices=Source.choices, default=Source.WEB)
    # The session whose live price (or quick-order screen) made this order; its figures count it.
    live_session = models.ForeignKey(
        "livestreams.LiveSession", verbose_name=_("phiên live"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="orders",
    )
    subtotal = models.PositiveBigIntegerField(_("tiền hàng (₫)"))
    shipping_fee = models.PositiveBigIntegerField(_("phí giao hàng (₫)"))
    total = models.PositiveBigIntegerField(_("tổng cộng (₫)"))
    # What went back to the buyer so far, by card or by hand: a partly refunded order keeps its status,
    # and the reports count total less this (net revenue). It reaches the total only when fully refunded.
    refunded_total = models.PositiveBigIntegerField(_("đã hoàn (₫)"), default=0)
    carrier = models.CharField(_("đơn vị vận chuyển"), max_length=80, blank=True)
    tracking_number = models.CharField(_("mã vận đơn"), max_length=80, blank=True)
    placed_at = models.DateTimeField(_("đặt lúc"))
    expires_at = models.DateTimeField(_("hết hạn thanh toán lúc"), null=True, blank=True)
    confirmed_at = models.DateTimeField(_("xác nhận lúc"), null=True, blank=True)
    shipped_at = models.DateTimeField(_("gửi hàng lúc"), null=True, blank=True)
    delivered_at = models.DateTimeField(_("giao xong lúc"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("huỷ lúc"), null=True, blank=True)
    # Set once when the reserved units go back on the shelf: the guard that makes release happen once.
    stock_released_at = models.DateTimeField(null=True, blank=True, editable=False)
    # Set when the "waiting to ship" reminder went to the seller: the guard that sends it once.
    ship_reminder_sent_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-placed_at", "-id"]
        verbose_name = _("đơn hàng")
        verbose_name_plural = _("đơn hàng")
        indexes = [
            models.Index(fields=["producer", "status", "-placed_at"], name="order_producer_status"),
            models.Index(fields=["status", "expires_at"], name="order_status_expiry"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(total=models.F("subtotal") + models.F("shipping_fee")), name="order_total_adds_up"
            ),
            models.CheckConstraint(condition=models.Q(refunded_total__lte=models.F("total")),
                                   name="order_refunded_at_most_total"),
        ]

    def __str__(self) -> str:
        return self.number or f"#{self.pk}"

    def get_absolute_url(self) -> str:
        return reverse("orders:order_detail", kwargs={"token": self.token})

    @property
    def refund_left(self) -> int:
        return max(0, self.total - self.refunded_total)

    @property
    def is_open(self) -> bool:
        return self.status not in {
            self.Status.COMPLETED, self.Status.CANCELLED, self.Status.REFUNDED, self.Status.RETURNED,
        }


class OrderLine(models.Model):
    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="lines")
    # PROTECT: a variant that was sold is retired (product hidden or deleted softly), never removed.
    variant = models.ForeignKey(
        "catalogue.ProductVariant", verbose_name=_("phân loại"), on_delete=models.PROTECT, related_name="order_lines"
    )
    product_name = models.CharField(_("tên sản phẩm"), max_length=200)
    variant_name = models.CharField(_("tên phân loại"), max_length=120)
    sku = models.CharField(_("mã SKU"), max_length=64)
    unit = models.CharField(_("đơn vị"), max_length=40, blank=True)
    unit_price = models.PositiveBigIntegerField(_("đơn giá (₫)"))
    # Set when the line was sold at a session's live price: its cap is given back if the order is cancelled.
    live_pin = models.ForeignKey(
        "livestreams.PinnedProduct", null=True, blank=True, on_delete=models.SET_NULL, related_name="order_lines",
        editable=False,
    )
    quantity = models.PositiveIntegerField(_("số lượng"))
    line_total = models.PositiveBigIntegerField(_("thành tiền (₫)"))

    class Meta:
        ordering = ["id"]
        verbose_name = _("dòng đơn hàng")
        verbose_name_plural = _("dòng đơn hàng")
        constraints = [
            models.CheckConstraint(condition=models.Q(quantity__gt=0), name="order_line_quantity_positive"),
            models.CheckConstraint(
                condition=models.Q(line_total=models.F("unit_price") * models.F("quantity")),
                name="order_line_total_adds_up",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.quantity} × {self.product_name} — {self.variant_name}"


class OrderStatusChange(models.Model):
    """The order's timeline: who moved it, when, why.

    A model of its own rather than core.AuditEvent: the buyer's timeline and the seller's lists read
    it by a real foreign key (prefetchable, cascades with the order), and it records the role the
    actor acted in, which a guest buyer without an account needs.
    """

    class Role(models.TextChoices):
        BUYER = "buyer", _("Người mua")
        SELLER = "seller", _("Người bán")
        STAFF = "staff", _("Cán bộ Hội")
        SYSTEM = "system", _("Hệ thống")

    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="status_changes")
    from_status = models.CharField(_("từ trạng thái"), max_length=20, choices=Order.Status.choices, blank=True)
    to_status = models.CharField(_("sang trạng thái"), max_length=20, choices=Order.Status.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người thực hiện"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )
    role = models.CharField(_("vai trò"), max_length=10, choices=Role.choices)
    reason = models.TextField(_("lý do"), blank=True)
    created_at = models.DateTimeField(_("lúc"), default=timezone.now)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("thay đổi trạng thái đơn")
        verbose_name_plural = _("thay đổi trạng thái đơn")

    def __str__(self) -> str:
        return f"{self.order}: {self.from_status or '—'} → {self.to_status}"


MAX_RATE_GRAMS = 100_000  # 100 kg: above any parcel a small producer sends
MAX_RATE_FEE = 5_000_000


class ShippingRate(models.Model):
    """One bracket of the shipping table: a parcel of this zone weighing up to `up_to_grams` costs `fee`.

    Above a zone's heaviest bracket, each further started 500 g adds that bracket's `extra_fee_per_step`
    (orders/shipping.py). Union central staff edit the table in the admin; a producer may instead set
    her own flat fee (Producer.shipping_flat_fee).
    """

    class Zone(models.TextChoices):
        INNER = "inner", _("Nội tỉnh")
        REGION = "region", _("Nội miền")
        FAR = "far", _("Liên miền")

    zone = models.CharField(_("vùng giao"), max_length=10, choices=Zone.choices)
    up_to_grams = models.PositiveIntegerField(
        _("đến khối lượng (g)"), validators=[MinValueValidator(1), MaxValueValidator(MAX_RATE_GRAMS)])
    fee = models.PositiveIntegerField(_("phí giao (₫)"), validators=[MaxValueValidator(MAX_RATE_FEE)])
    extra_fee_per_step = models.PositiveIntegerField(
        _("thêm mỗi 500 g vượt mức (₫)"), default=0, validators=[MaxValueValidator(MAX_RATE_FEE)],
        help_text=_("Chỉ dùng ở mức nặng nhất của vùng: cộng cho mỗi 500 g vượt quá mức đó."),
    )

    class Meta:
        ordering = ["zone", "up_to_grams"]
        verbose_name = _("mức phí giao hàng")
        verbose_name_plural = _("bảng phí giao hàng")
        constraints = [
            models.UniqueConstraint(
                fields=["zone", "up_to_grams"], name="shipping_rate_zone_weight_unique",
                violation_error_message=_("Vùng giao này đã có một mức đến khối lượng này."),
            ),
            models.CheckConstraint(condition=models.Q(up_to_grams__gt=0), name="shipping_rate_weight_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.get_zone_display()} ≤ {self.up_to_grams} g"
