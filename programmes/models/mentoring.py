"""“Chị khá giúp chị nghèo”: a mentor (a woman with experience: a seller of another producer, a union
member or officer) helps a mentee producer towards goals an officer sets, and logs their meetings."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.models import Orderable

MAX_GOAL_ORDERS = 10_000
MAX_GOAL_REVENUE = 10_000_000_000  # 10 tỷ ₫ in a month is beyond any household business


class Focus(models.TextChoices):
    FIRST_LISTING = "listing", _("Đăng sản phẩm đầu tiên")
    PHOTOS = "photos", _("Chụp ảnh sản phẩm")
    LIVESTREAM = "live", _("Bán hàng qua livestream")
    OCOP = "ocop", _("Đăng ký OCOP")
    BOOKKEEPING = "books", _("Ghi chép sổ sách")
    ONLINE_SALES = "sales", _("Bán hàng trực tuyến")


class MentoringPair(ClusterableModel):
    class Status(models.TextChoices):
        ACTIVE = "active", _("Đang kèm cặp")
        COMPLETED = "completed", _("Đã hoàn thành")
        ENDED_EARLY = "ended", _("Dừng sớm")

    unit = models.ForeignKey("producers.UnionUnit", verbose_name=_("đơn vị Hội"), on_delete=models.PROTECT,
                             related_name="mentoring_pairs")
    mentor = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("người kèm cặp"), on_delete=models.PROTECT,
                               related_name="mentoring_as_mentor")
    mentee = models.ForeignKey("producers.Producer", verbose_name=_("cơ sở được kèm cặp"),
                               on_delete=models.PROTECT, related_name="mentoring_pairs")
    focus = models.CharField(_("nội dung kèm cặp"), max_length=10, choices=Focus.choices)
    started_on = models.DateField(_("bắt đầu"), default=timezone.localdate)
    planned_end_on = models.DateField(_("dự kiến kết thúc"))
    status = models.CharField(_("trạng thái"), max_length=10, choices=Status.choices, default=Status.ACTIVE,
                              db_index=True)
    ended_on = models.DateField(_("kết thúc ngày"), null=True, blank=True)
    end_reason = models.TextField(_("lý do dừng"), blank=True, max_length=1000)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+", editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("cặp kèm cặp")
        verbose_name_plural = _("cặp kèm cặp")
        ordering = ["-started_on", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["mentee", "focus"], condition=models.Q(status="active"),
                                    name="mentoring_one_active_pair_per_focus"),
            models.CheckConstraint(condition=models.Q(planned_end_on__gte=models.F("started_on")),
                                   name="mentoring_end_after_start"),
            models.CheckConstraint(condition=~models.Q(status="ended") | ~models.Q(end_reason=""),
                                   name="mentoring_early_end_has_reason"),
        ]

    def __str__(self) -> str:
        return f"{self.mentor} → {self.mentee} ({self.get_focus_display()})"


class PairGoal(Orderable):
    class Kind(models.TextChoices):
        FIRST_PRODUCT = "first_product", _("Đăng sản phẩm đầu tiên")
        FIRST_ORDER = "first_order", _("Có đơn hàng đầu tiên")
        MONTHLY_SALES = "monthly_sales", _("Đạt số đơn / doanh thu trong một tháng")
        FIRST_LIVE = "first_live", _("Tổ chức buổi livestream đầu tiên")
        OCOP = "ocop", _("Được xác nhận chứng nhận OCOP")
        CUSTOM = "custom", _("Mục tiêu khác (người kèm cặp đánh dấu)")

    pair = ParentalKey(MentoringPair, on_delete=models.CASCADE, related_name="goals")
    kind = models.CharField(_("mục tiêu"), max_length=16, choices=Kind.choices)
    target_orders = models.PositiveIntegerField(_("số đơn trong tháng"), null=True, blank=True)
    target_revenue = models.PositiveBigIntegerField(_("doanh thu trong tháng (₫)"), null=True, blank=True)
    text = models.CharField(_("nội dung mục tiêu"), max_length=200, blank=True)
    met_at = models.DateTimeField(_("đạt lúc"), null=True, blank=True)
    ticked_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                  related_name="+")

    class Meta(Orderable.Meta):
        verbose_name = _("mục tiêu")
        verbose_name_plural = _("mục tiêu")

    def __str__(self) -> str:
        from programmes.goals import goal_label

        return goal_label(self)

    def clean(self):
        from programmes.goals import goal_errors

        goal_errors(self)

    @property
    def is_met(self) -> bool:
        return self.met_at is not None

    @property
    def is_automatic(self) -> bool:
        return self.kind != self.Kind.CUSTOM


class MentoringSession(models.Model):
    class Channel(models.TextChoices):
        IN_PERSON = "in_person", _("Gặp trực tiếp")
        PHONE = "phone", _("Gọi điện")
        ZALO = "zalo", _("Zalo")

    pair = models.ForeignKey(MentoringPair, on_delete=models.CASCADE, related_name="sessions")
    held_on = models.DateField(_("ngày gặp"), default=timezone.localdate)
    channel = models.CharField(_("hình thức"), max_length=10, choices=Channel.choices, default=Channel.IN_PERSON)
    topic = models.CharField(_("nội dung trao đổi"), max_length=200)
    notes = models.TextField(_("ghi chú"), blank=True, max_length=2000)
    next_step = models.CharField(_("việc tiếp theo"), max_length=300, blank=True)
    logged_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("buổi kèm cặp")
        verbose_name_plural = _("buổi kèm cặp")
        ordering = ["-held_on", "-pk"]
        indexes = [models.Index(fields=["pair", "-held_on"])]

    def __str__(self) -> str:
        return f"{self.held_on:%d/%m/%Y} — {self.topic}"
