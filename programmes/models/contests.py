"""The "Livestream IDOL" contest the central union runs for women sellers: entrants hold their sessions
through the marketplace's schedule, and scores come from what those sessions really sold."""

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

WEIGHT_FIELDS = ("weight_orders", "weight_units", "weight_revenue", "weight_subscribers", "weight_clicks",
                 "weight_jury")


def _weight(label):
    return models.PositiveSmallIntegerField(label, default=0, validators=[MaxValueValidator(100)])


class Contest(models.Model):
    title = models.CharField(_("tên cuộc thi"), max_length=200)
    slug = models.SlugField(_("đường dẫn"), max_length=80, unique=True)
    rules = models.TextField(_("thể lệ"), max_length=10_000)
    unit = models.ForeignKey("producers.UnionUnit", verbose_name=_("đơn vị tổ chức"), on_delete=models.PROTECT,
                             related_name="contests")
    eligible_units = models.ManyToManyField(
        "producers.UnionUnit", verbose_name=_("đơn vị được dự thi"), blank=True, related_name="+",
        help_text=_("Để trống: mọi cơ sở thuộc đơn vị tổ chức được dự thi."))
    registration_opens = models.DateTimeField(_("mở đăng ký lúc"))
    registration_closes = models.DateTimeField(_("đóng đăng ký lúc"))
    starts_at = models.DateTimeField(_("bắt đầu tính điểm lúc"))
    ends_at = models.DateTimeField(_("kết thúc lúc"))
    weight_orders = _weight(_("trọng số: số đơn (%)"))
    weight_units = _weight(_("trọng số: số sản phẩm bán (%)"))
    weight_revenue = _weight(_("trọng số: doanh thu (%)"))
    weight_subscribers = _weight(_("trọng số: người đăng ký nhắc (%)"))
    weight_clicks = _weight(_("trọng số: lượt bấm xem (%)"))
    weight_jury = _weight(_("trọng số: điểm giám khảo (%)"))
    winners_announced = models.BooleanField(_("công bố người thắng"), default=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+", editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("cuộc thi livestream")
        verbose_name_plural = _("cuộc thi livestream")
        ordering = ["-starts_at"]
        constraints = [
            models.CheckConstraint(condition=models.Q(ends_at__gt=models.F("starts_at")), name="contest_ends_after_start"),
        ]

    def __str__(self) -> str:
        return self.title

    def weights(self) -> dict[str, int]:
        return {name.removeprefix("weight_"): getattr(self, name) for name in WEIGHT_FIELDS}


class ContestEntry(models.Model):
    contest = models.ForeignKey(Contest, on_delete=models.CASCADE, related_name="entries")
    producer = models.ForeignKey("producers.Producer", verbose_name=_("cơ sở dự thi"), on_delete=models.CASCADE,
                                 related_name="contest_entries")
    registered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                                      related_name="+")
    registered_at = models.DateTimeField(_("đăng ký lúc"), auto_now_add=True)
    jury_score = models.PositiveSmallIntegerField(_("điểm giám khảo (0–100)"), null=True, blank=True,
                                                  validators=[MaxValueValidator(100)])
    disqualified_at = models.DateTimeField(_("bị loại lúc"), null=True, blank=True)
    disqualified_reason = models.TextField(_("lý do loại"), blank=True, max_length=1000)

    class Meta:
        verbose_name = _("bài dự thi")
        verbose_name_plural = _("bài dự thi")
        constraints = [models.UniqueConstraint(fields=["contest", "producer"], name="contest_one_entry_per_producer")]

    def __str__(self) -> str:
        return f"{self.producer} — {self.contest}"
