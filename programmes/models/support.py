from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

MAX_SUPPORT_AMOUNT = 5_000_000_000  # 5 tỷ ₫: above any loan or grant the union channels to one woman


class SupportRecord(models.Model):
    """Support the union gave or channelled to a producer (and, where known, to one woman of it)."""

    class Kind(models.TextChoices):
        POLICY_BANK_LOAN = "vbsp_loan", _("Vay vốn Ngân hàng Chính sách xã hội")
        UNION_FUND_LOAN = "fund_loan", _("Vay vốn Quỹ hỗ trợ phụ nữ phát triển")
        GRANT = "grant", _("Hỗ trợ không hoàn lại")
        EQUIPMENT = "equipment", _("Trang thiết bị")
        TECHNIQUE = "technique", _("Hỗ trợ kỹ thuật")
        OCOP_HELP = "ocop", _("Hỗ trợ đăng ký OCOP")
        ONBOARDING = "onboarding", _("Hỗ trợ lên sàn thương mại điện tử")

    MONEY_KINDS = (Kind.POLICY_BANK_LOAN, Kind.UNION_FUND_LOAN, Kind.GRANT)

    producer = models.ForeignKey("producers.Producer", verbose_name=_("cơ sở"), on_delete=models.PROTECT,
                                 related_name="support_records")
    member = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("người nhận"), null=True, blank=True,
                               on_delete=models.SET_NULL, related_name="support_received")
    kind = models.CharField(_("loại hỗ trợ"), max_length=10, choices=Kind.choices)
    amount = models.PositiveBigIntegerField(_("số tiền (₫)"), null=True, blank=True)
    given_on = models.DateField(_("ngày hỗ trợ"))
    source = models.CharField(_("nguồn"), max_length=200, blank=True)
    notes = models.TextField(_("ghi chú"), blank=True, max_length=2000)
    follow_up_on = models.DateField(_("ngày theo dõi lại"), null=True, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                    related_name="+", editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("hỗ trợ")
        verbose_name_plural = _("hỗ trợ đã trao")
        ordering = ["-given_on", "-pk"]
        constraints = [
            models.CheckConstraint(condition=models.Q(amount__isnull=True) | models.Q(amount__gt=0),
                                   name="support_amount_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} — {self.producer}"

    @property
    def is_money(self) -> bool:
        return self.kind in self.MONEY_KINDS
