"""A parcel handed to a carrier (GHN), the carrier's tracking events, and the per-producer "bom hàng" record."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Shipment(models.Model):
    """One waybill per order, created through the carrier's API (never for hand-typed tracking numbers)."""

    class Carrier(models.TextChoices):
        GHN = "ghn", _("Giao Hàng Nhanh (GHN)")

    order = models.OneToOneField("orders.Order", verbose_name=_("đơn hàng"), on_delete=models.PROTECT,
                                 related_name="shipment")
    carrier = models.CharField(_("đơn vị vận chuyển"), max_length=10, choices=Carrier.choices, default=Carrier.GHN)
    waybill = models.CharField(_("mã vận đơn"), max_length=40, unique=True)
    fee = models.PositiveBigIntegerField(_("cước GHN báo (₫)"))
    cod_amount = models.PositiveBigIntegerField(_("tiền thu hộ (₫)"), default=0)
    weight_grams = models.PositiveIntegerField(_("khối lượng (g)"))
    expected_delivery_at = models.DateTimeField(_("dự kiến giao"), null=True, blank=True)
    # The carrier's own word for where the parcel is ("delivering", "delivered", "returned"…), latest event.
    status = models.CharField(_("trạng thái bên vận chuyển"), max_length=40, default="ready_to_pick")
    created_at = models.DateTimeField(_("tạo lúc"), default=timezone.now)
    last_event_at = models.DateTimeField(_("sự kiện gần nhất"), null=True, blank=True)

    class Meta:
        verbose_name = _("vận đơn")
        verbose_name_plural = _("vận đơn")

    def __str__(self) -> str:
        return self.waybill


class TrackingEvent(models.Model):
    """One callback of the carrier, kept as received; the same (waybill, status, time) is stored once,
    so GHN's retries and replays change nothing. A waybill we do not know is kept too (shipment empty)."""

    shipment = models.ForeignKey(Shipment, null=True, blank=True, on_delete=models.CASCADE, related_name="events")
    waybill = models.CharField(_("mã vận đơn"), max_length=40, db_index=True)
    status = models.CharField(_("trạng thái"), max_length=40)
    occurred_at = models.DateTimeField(_("lúc"))
    received_at = models.DateTimeField(_("nhận lúc"), default=timezone.now)
    raw = models.JSONField(_("nội dung gốc"), default=dict)

    class Meta:
        ordering = ["occurred_at", "id"]
        verbose_name = _("sự kiện vận chuyển")
        verbose_name_plural = _("sự kiện vận chuyển")
        constraints = [
            models.UniqueConstraint(fields=["waybill", "status", "occurred_at"], name="tracking_event_once"),
        ]

    def __str__(self) -> str:
        return f"{self.waybill} {self.status}"


class ReturnedParcelRecord(models.Model):
    """How many COD parcels one phone number refused ("bom hàng") from one producer.

    Kept to warn that producer only, with the phone as an HMAC (keyed by SECRET_KEY) so the row can be
    matched against a new order but not read back; rows untouched for 12 months are purged.
    """

    producer = models.ForeignKey("producers.Producer", on_delete=models.CASCADE, related_name="returned_parcels")
    phone_key = models.CharField(max_length=64)
    count = models.PositiveIntegerField(default=0)
    last_at = models.DateTimeField(db_index=True)

    class Meta:
        verbose_name = _("đơn bị bom")
        verbose_name_plural = _("đơn bị bom")
        constraints = [
            models.UniqueConstraint(fields=["producer", "phone_key"], name="returned_parcel_once_per_phone"),
        ]

    def __str__(self) -> str:
        return f"{self.producer_id}: {self.count}"
