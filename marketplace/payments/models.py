"""What Stripe told us and what we asked of it: events (each handled once), a checkout's card payment, refunds."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class StripeEvent(models.Model):
    """A webhook event, stored before it is handled: a second delivery of the same id changes nothing."""

    event_id = models.CharField(max_length=255, unique=True)
    type = models.CharField(max_length=100)
    created = models.DateTimeField(_("Stripe tạo lúc"))
    payload = models.JSONField()
    received_at = models.DateTimeField(_("nhận lúc"), default=timezone.now)
    processed_at = models.DateTimeField(_("xử lý lúc"), null=True, blank=True)
    outcome = models.CharField(_("kết quả"), max_length=40, blank=True)

    class Meta:
        ordering = ["-received_at", "-id"]
        verbose_name = _("sự kiện Stripe")
        verbose_name_plural = _("sự kiện Stripe")

    def __str__(self) -> str:
        return f"{self.type} {self.event_id}"


class CardPayment(models.Model):
    """The card payment of one checkout: one Stripe Checkout Session at a time for all its orders."""

    class Problem(models.TextChoices):
        NONE = "", _("Không")
        AMOUNT_MISMATCH = "amount_mismatch", _("Số tiền hoặc loại tiền không khớp")
        PAID_AFTER_CANCEL = "paid_after_cancel", _("Trả tiền sau khi đơn đã huỷ")
        DUPLICATE = "duplicate_payment", _("Trả tiền hai lần")
        REFUND_UNATTRIBUTED = "refund_unattributed", _("Hoàn tiền ngoài hệ thống, chưa rõ cho đơn nào")

    checkout = models.OneToOneField("orders.Checkout", on_delete=models.PROTECT, related_name="card_payment")
    # Attempt n is sent with the idempotency key "checkout-<reference>-attempt-<n>"; the fingerprint of
    # its parameters tells whether a failed call may be sent again under the same key.
    attempt = models.PositiveIntegerField(default=0)
    attempt_fingerprint = models.CharField(max_length=64, blank=True)
    session_id = models.CharField(max_length=255, blank=True, db_index=True)
    session_url = models.URLField(max_length=2000, blank=True)
    session_expires_at = models.DateTimeField(null=True, blank=True)
    payment_intent_id = models.CharField(max_length=255, blank=True, db_index=True)
    amount_received = models.PositiveBigIntegerField(_("đã nhận"), default=0)
    currency = models.CharField(max_length=3, blank=True)
    paid_order_ids = models.JSONField(default=list, blank=True)
    paid_at = models.DateTimeField(null=True, blank=True)
    problem = models.CharField(_("cần cán bộ kiểm tra"), max_length=30, choices=Problem.choices, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("thanh toán thẻ")
        verbose_name_plural = _("thanh toán thẻ")

    def __str__(self) -> str:
        return f"{self.checkout_id} #{self.attempt}"


class CardRefund(models.Model):
    """One refund of part or all of an order, sent with the idempotency key "refund-<number>-<sequence>"."""

    class Status(models.TextChoices):
        SENDING = "sending", _("Đang gửi")
        PENDING = "pending", _("Đang xử lý")
        SUCCEEDED = "succeeded", _("Đã hoàn")
        FAILED = "failed", _("Không thành công")

    order = models.ForeignKey("orders.Order", on_delete=models.PROTECT, related_name="card_refunds")
    sequence = models.PositiveIntegerField()
    amount = models.PositiveBigIntegerField(_("số tiền (₫)"))
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.SENDING)
    stripe_refund_id = models.CharField(max_length=255, blank=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # False for a refund made in Stripe's dashboard that a charge.refunded event told us about.
    through_marketplace = models.BooleanField(default=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["order", "sequence"]
        verbose_name = _("hoàn tiền thẻ")
        verbose_name_plural = _("hoàn tiền thẻ")
        constraints = [models.UniqueConstraint(fields=["order", "sequence"], name="card_refund_sequence_unique")]

    def __str__(self) -> str:
        return f"{self.order_id} #{self.sequence}: {self.amount}"


# Bank transfers live in their own package; imported here so Django registers the model with this app.
from marketplace.payments.bank_transfers.models import BankTransfer  # noqa: E402, F401
