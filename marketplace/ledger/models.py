"""What the marketplace holds for each producer, double-entry style.

Each money event is one LedgerTransaction with Entry rows that sum to zero (postings.py checks it before
writing; a sum over rows cannot be a single-row database check). Amounts are signed đồng: positive is a
debit, negative a credit. What we owe a producer is minus the sum of her PAYABLE entries.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Account(models.TextChoices):
    STRIPE = "stripe", _("Tiền thẻ giữ tại Stripe")
    COD_RECEIVABLE = "cod_receivable", _("Tiền thu hộ nhà vận chuyển còn nợ")
    BANK = "bank", _("Tài khoản ngân hàng của Chợ")
    PAYABLE = "payable", _("Phải trả nhà sản xuất")
    FEE_INCOME = "fee_income", _("Phí dịch vụ")


class LedgerTransaction(models.Model):
    class Kind(models.TextChoices):
        CARD_PAYMENT = "card_payment", _("Nhận tiền thẻ")
        CARD_REFUND = "card_refund", _("Hoàn tiền thẻ")
        COD_COLLECTED = "cod_collected", _("Nhà vận chuyển thu hộ")
        COD_REMITTED = "cod_remitted", _("Nhà vận chuyển chuyển trả tiền thu hộ")
        FEE = "fee", _("Phí dịch vụ")
        PAYOUT = "payout", _("Chuyển tiền cho nhà sản xuất")

    kind = models.CharField(_("loại"), max_length=20, choices=Kind.choices)
    order = models.ForeignKey("orders.Order", null=True, blank=True, on_delete=models.PROTECT,
                              related_name="ledger_transactions")
    reference = models.CharField(_("mã tham chiếu"), max_length=120, blank=True)
    occurred_at = models.DateTimeField(_("lúc"), default=timezone.now, db_index=True)
    memo = models.CharField(_("diễn giải"), max_length=255, blank=True)
    # "card-payment-<order>", "refund-<refund id>", ...: a second posting of the same event finds this row.
    idempotency_key = models.CharField(max_length=120, unique=True)

    class Meta:
        ordering = ["occurred_at", "id"]
        verbose_name = _("bút toán")
        verbose_name_plural = _("bút toán")

    def __str__(self) -> str:
        return self.idempotency_key


class Entry(models.Model):
    transaction = models.ForeignKey(LedgerTransaction, on_delete=models.CASCADE, related_name="entries")
    account = models.CharField(_("tài khoản"), max_length=20, choices=Account.choices)
    producer = models.ForeignKey("producers.Producer", null=True, blank=True, on_delete=models.PROTECT,
                                 related_name="ledger_entries")
    amount = models.BigIntegerField(_("số tiền (₫)"))

    class Meta:
        ordering = ["id"]
        indexes = [models.Index(fields=["producer", "account"], name="ledger_entry_producer_account")]
        constraints = [
            models.CheckConstraint(condition=~models.Q(amount=0), name="ledger_entry_not_zero"),
            models.CheckConstraint(condition=~models.Q(account="payable") | models.Q(producer__isnull=False),
                                   name="ledger_payable_has_producer"),
        ]

    def __str__(self) -> str:
        return f"{self.account} {self.amount}"


class FeeRate(models.Model):
    """The service fee of a union unit's producers, in basis points (100 = 1 %); the nearest unit up the
    tree that has a rate decides; none means 0."""

    unit = models.OneToOneField("producers.UnionUnit", verbose_name=_("đơn vị Hội"), on_delete=models.CASCADE,
                                related_name="fee_rate")
    basis_points = models.PositiveIntegerField(_("phí (phần vạn)"), default=0, validators=[MaxValueValidator(3000)],
                                               help_text=_("100 phần vạn = 1 %. Tối đa 3000 (30 %)."))

    class Meta:
        verbose_name = _("mức phí dịch vụ")
        verbose_name_plural = _("mức phí dịch vụ")

    def __str__(self) -> str:
        return f"{self.unit}: {self.basis_points / 100:g} %"


class PayoutBatch(models.Model):
    unit = models.ForeignKey("producers.UnionUnit", verbose_name=_("đơn vị Hội"), on_delete=models.PROTECT,
                             related_name="payout_batches", null=True, blank=True)
    up_to = models.DateField(_("số dư tính đến ngày"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(_("tạo lúc"), default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("đợt chuyển tiền")
        verbose_name_plural = _("đợt chuyển tiền")

    def __str__(self) -> str:
        return f"#{self.pk} ({self.up_to:%d/%m/%Y})"


class Payout(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Chờ chuyển")
        PAID = "paid", _("Đã chuyển")
        SKIPPED = "skipped", _("Bỏ qua")

    batch = models.ForeignKey(PayoutBatch, on_delete=models.CASCADE, related_name="payouts")
    producer = models.ForeignKey("producers.Producer", on_delete=models.PROTECT, related_name="payouts")
    amount = models.PositiveBigIntegerField(_("số tiền (₫)"))
    bank_bin = models.CharField(_("ngân hàng"), max_length=6, blank=True)
    bank_account_number = models.CharField(_("số tài khoản"), max_length=19, blank=True)
    bank_account_name = models.CharField(_("tên chủ tài khoản"), max_length=100, blank=True)
    status = models.CharField(_("tình trạng"), max_length=10, choices=Status.choices, default=Status.PENDING)
    skipped_reason = models.CharField(_("lý do bỏ qua"), max_length=200, blank=True)
    bank_reference = models.CharField(_("mã giao dịch ngân hàng"), max_length=80, blank=True)
    paid_at = models.DateTimeField(_("chuyển lúc"), null=True, blank=True)

    class Meta:
        ordering = ["batch", "id"]
        verbose_name = _("khoản chuyển tiền")
        verbose_name_plural = _("khoản chuyển tiền")
        constraints = [models.UniqueConstraint(fields=["batch", "producer"], name="payout_once_per_batch")]

    def __str__(self) -> str:
        return f"{self.producer_id}: {self.amount}"


class CodRemittanceImport(models.Model):
    """One uploaded COD reconciliation file of the carrier and what became of each of its lines."""

    file_name = models.CharField(_("tên tệp"), max_length=200)
    file_sha256 = models.CharField(max_length=64, db_index=True)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    uploaded_at = models.DateTimeField(_("tải lên lúc"), default=timezone.now)
    matched_count = models.PositiveIntegerField(_("số dòng khớp"), default=0)
    problem_count = models.PositiveIntegerField(_("số dòng lệch"), default=0)
    matched_total = models.PositiveBigIntegerField(_("tổng tiền khớp (₫)"), default=0)
    # [{"line": 2, "waybill": "...", "amount": 120000, "outcome": "matched"|"wrong_amount"|..., "order": "CPN-…"}]
    lines = models.JSONField(default=list)

    class Meta:
        ordering = ["-uploaded_at", "-id"]
        verbose_name = _("đối soát tiền thu hộ")
        verbose_name_plural = _("đối soát tiền thu hộ")

    def __str__(self) -> str:
        return f"{self.file_name} ({self.uploaded_at:%d/%m/%Y %H:%M})"
