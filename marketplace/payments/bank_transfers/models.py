"""Every transfer a bank-transfer provider reported, stored once by the provider's id, matched or not."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from marketplace.core.money import format_vnd


class BankTransfer(models.Model):
    """One movement on a watched bank account; a second delivery of the same provider id changes nothing."""

    # A ledger row, not content: keep Wagtail's reference index out of every webhook's writes.
    wagtail_reference_index_ignore = True

    class Status(models.TextChoices):
        MATCHED = "matched", _("Đã khớp đơn")
        UNMATCHED = "unmatched", _("Chưa khớp, cần xử lý")
        RESOLVED = "resolved", _("Đã xử lý bằng tay")

    class Reason(models.TextChoices):
        NONE = "", _("Không")
        OUTGOING = "outgoing", _("Tiền ra khỏi tài khoản")
        NO_CODE = "no_code", _("Nội dung không có mã đơn")
        UNKNOWN_ORDER = "unknown_order", _("Mã đơn không có trên Chợ Phụ nữ")
        SEVERAL_ORDERS = "several_orders", _("Một lần chuyển cho nhiều đơn")
        AMOUNT_LOW = "amount_low", _("Chuyển thiếu tiền")
        AMOUNT_HIGH = "amount_high", _("Chuyển thừa tiền")
        ORDER_CLOSED = "order_closed", _("Đơn đã huỷ hoặc hết hạn")
        ALREADY_PAID = "already_paid", _("Đơn đã được thanh toán trước đó")
        NOT_VIETQR = "not_vietqr", _("Đơn không chọn chuyển khoản")
        WRONG_ACCOUNT = "wrong_account", _("Tiền vào tài khoản khác tài khoản của người bán")

    provider = models.CharField(_("cổng báo chuyển khoản"), max_length=20)
    provider_id = models.CharField(_("mã giao dịch của cổng"), max_length=64)
    bank = models.CharField(_("ngân hàng"), max_length=80, blank=True)
    account_number = models.CharField(_("số tài khoản"), max_length=32, blank=True)
    incoming = models.BooleanField(_("tiền vào"), default=True)
    amount = models.PositiveBigIntegerField(_("số tiền (₫)"))
    content = models.CharField(_("nội dung chuyển khoản"), max_length=500, blank=True)
    bank_reference = models.CharField(_("mã tham chiếu ngân hàng"), max_length=80, blank=True)
    transferred_at = models.DateTimeField(_("chuyển lúc"), null=True, blank=True)
    payload = models.JSONField()
    received_at = models.DateTimeField(_("nhận lúc"), default=timezone.now, db_index=True)
    status = models.CharField(_("tình trạng"), max_length=10, choices=Status.choices, db_index=True)
    reason = models.CharField(_("lý do chưa khớp"), max_length=20, choices=Reason.choices, blank=True)
    # The order the transfer paid (matched, or paid by hand) or seems meant for (unmatched).
    order = models.ForeignKey(
        "orders.Order",
        verbose_name=_("đơn hàng"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="bank_transfers",
    )
    # Whose queue an unmatched transfer lands in: the producer of its order or of the receiving account.
    producer = models.ForeignKey(
        "producers.Producer",
        verbose_name=_("nhà sản xuất"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="bank_transfers",
    )
    resolution = models.TextField(_("cách xử lý"), blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người xử lý"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    resolved_at = models.DateTimeField(_("xử lý lúc"), null=True, blank=True)

    class Meta:
        ordering = ["-received_at", "-id"]
        verbose_name = _("giao dịch chuyển khoản")
        verbose_name_plural = _("giao dịch chuyển khoản")
        constraints = [
            models.UniqueConstraint(
                fields=["provider", "provider_id"], name="bank_transfer_once_per_provider_id"
            ),
        ]
        indexes = [models.Index(fields=["producer", "status", "-received_at"], name="bank_transfer_queue")]

    def __str__(self) -> str:
        return f"{format_vnd(self.amount)} · {self.bank_reference or self.provider_id}"
