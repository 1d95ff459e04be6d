"""Periodic reports that go upward: the central union opens a reporting period; each province and ward
officer files her unit's report (figures from the data, frozen when she submits, plus what only she
knows); the unit above sees who submitted, late or not at all, and may return one with a reason."""

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

MAX_EXTRA = 1_000_000


class ReportingPeriod(models.Model):
    title = models.CharField(_("tên kỳ báo cáo"), max_length=120)
    starts_on = models.DateField(_("từ ngày"))
    ends_on = models.DateField(_("đến ngày"))
    due_on = models.DateField(_("hạn nộp"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+", editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("kỳ báo cáo")
        verbose_name_plural = _("kỳ báo cáo")
        ordering = ["-starts_on"]
        constraints = [
            models.CheckConstraint(condition=models.Q(ends_on__gte=models.F("starts_on")), name="period_end_after_start"),
            models.CheckConstraint(condition=models.Q(due_on__gte=models.F("ends_on")), name="period_due_after_end"),
        ]

    def __str__(self) -> str:
        return self.title


def _extra(label):
    return models.PositiveIntegerField(label, default=0, validators=[MaxValueValidator(MAX_EXTRA)])


class UnitReport(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Đang soạn")
        SUBMITTED = "submitted", _("Đã nộp")
        RETURNED = "returned", _("Bị trả lại")

    period = models.ForeignKey(ReportingPeriod, on_delete=models.CASCADE, related_name="reports")
    unit = models.ForeignKey("producers.UnionUnit", verbose_name=_("đơn vị"), on_delete=models.PROTECT,
                             related_name="reports")
    status = models.CharField(_("trạng thái"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    figures = models.JSONField(_("số liệu"), default=dict, blank=True, editable=False)
    new_members = _extra(_("hội viên mới kết nạp"))
    offline_trainees = _extra(_("người được tập huấn ngoài Chợ Phụ nữ"))
    households_helped = _extra(_("hộ phụ nữ được giúp thoát nghèo"))
    comments = models.TextField(_("nhận xét, kiến nghị"), blank=True, max_length=5000)
    submitted_at = models.DateTimeField(_("nộp lúc"), null=True, blank=True)
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                     related_name="+")
    returned_at = models.DateTimeField(null=True, blank=True)
    return_reason = models.TextField(_("lý do trả lại"), blank=True, max_length=1000)

    class Meta:
        verbose_name = _("báo cáo đơn vị")
        verbose_name_plural = _("báo cáo đơn vị")
        constraints = [models.UniqueConstraint(fields=["period", "unit"], name="one_report_per_unit_and_period")]

    def __str__(self) -> str:
        return f"{self.unit} — {self.period}"

    @property
    def late(self) -> bool:
        return bool(self.submitted_at) and self.submitted_at.date() > self.period.due_on
