"""Trainings (tập huấn) a union unit runs for its members: registration with a waiting list, check-in
at the door, certificates of attendance and what the women did in the 30 days after."""

import secrets

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.models import Orderable

MAX_CAPACITY = 5_000


class Training(ClusterableModel):
    class Topic(models.TextChoices):
        ECOMMERCE = "ecommerce", _("Thương mại điện tử")
        LIVESTREAM = "livestream", _("Bán hàng qua livestream")
        PAYMENTS = "payments", _("Thanh toán không dùng tiền mặt")
        FRAUD = "fraud", _("Phòng chống lừa đảo trực tuyến")
        OCOP = "ocop", _("OCOP")
        BOOKKEEPING = "bookkeeping", _("Ghi chép sổ sách")

    class Audience(models.TextChoices):
        SUBTREE = "subtree", _("Mọi hội viên trong đơn vị")
        INVITED = "invited", _("Chỉ các cơ sở được mời")

    title = models.CharField(_("tên lớp"), max_length=200)
    topic = models.CharField(_("chủ đề"), max_length=12, choices=Topic.choices)
    unit = models.ForeignKey("producers.UnionUnit", verbose_name=_("đơn vị tổ chức"), on_delete=models.PROTECT,
                             related_name="trainings")
    starts_at = models.DateTimeField(_("bắt đầu lúc"), db_index=True)
    ends_at = models.DateTimeField(_("kết thúc lúc"))
    place = models.CharField(_("địa điểm"), max_length=255, blank=True)
    online_url = models.URLField(_("đường dẫn học trực tuyến"), blank=True, max_length=500)
    capacity = models.PositiveIntegerField(_("số chỗ"), validators=[MinValueValidator(1),
                                                                   MaxValueValidator(MAX_CAPACITY)])
    trainer = models.CharField(_("giảng viên"), max_length=200)
    description = models.TextField(_("giới thiệu"), blank=True, max_length=4000)
    audience = models.CharField(_("ai được đăng ký"), max_length=8, choices=Audience.choices,
                                default=Audience.SUBTREE)
    invited = ParentalManyToManyField("producers.Producer", verbose_name=_("cơ sở được mời"), blank=True,
                                      related_name="training_invitations")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+", editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("lớp tập huấn")
        verbose_name_plural = _("lớp tập huấn")
        ordering = ["-starts_at"]
        constraints = [
            models.CheckConstraint(condition=models.Q(ends_at__gt=models.F("starts_at")),
                                   name="training_ends_after_start"),
        ]

    def __str__(self) -> str:
        return self.title


class TrainingMaterial(Orderable):
    training = ParentalKey(Training, on_delete=models.CASCADE, related_name="materials")
    title = models.CharField(_("tên tài liệu"), max_length=200)
    document = models.ForeignKey("wagtaildocs.Document", verbose_name=_("tệp"), null=True, blank=True,
                                 on_delete=models.SET_NULL, related_name="+")
    url = models.URLField(_("đường dẫn"), blank=True, max_length=500)

    class Meta(Orderable.Meta):
        verbose_name = _("tài liệu")
        verbose_name_plural = _("tài liệu")

    def __str__(self) -> str:
        return self.title

    def clean(self):
        from django.core.exceptions import ValidationError

        if not self.document_id and not self.url:
            raise ValidationError(_("Hãy chọn tệp hoặc ghi đường dẫn của tài liệu."))

    @property
    def link(self) -> str:
        return self.document.url if self.document_id else self.url


def new_certificate_code() -> str:
    # 10 characters from an alphabet without look-alikes (0/O, 1/I): read aloud or typed from paper.
    alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
    return "".join(secrets.choice(alphabet) for _ in range(10))


class TrainingRegistration(models.Model):
    class Status(models.TextChoices):
        REGISTERED = "registered", _("Đã đăng ký")
        WAITLISTED = "waitlisted", _("Trong danh sách chờ")
        CANCELLED = "cancelled", _("Đã huỷ đăng ký")

    class CheckIn(models.TextChoices):
        LIST = "list", _("Cán bộ điểm danh")
        TICKET = "ticket", _("Cán bộ quét mã của chị em")
        DOOR = "door", _("Chị em quét mã tại cửa")

    training = models.ForeignKey(Training, on_delete=models.CASCADE, related_name="registrations")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("người học"), on_delete=models.CASCADE,
                             related_name="training_registrations")
    producer = models.ForeignKey("producers.Producer", verbose_name=_("cơ sở"), on_delete=models.CASCADE,
                                 related_name="training_registrations")
    status = models.CharField(_("trạng thái"), max_length=10, choices=Status.choices, default=Status.REGISTERED)
    registered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                      related_name="+")
    created_at = models.DateTimeField(_("đăng ký lúc"), auto_now_add=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    checked_in_at = models.DateTimeField(_("có mặt lúc"), null=True, blank=True)
    checked_in_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                      related_name="+")
    check_in_method = models.CharField(_("cách điểm danh"), max_length=6, choices=CheckIn.choices, blank=True)
    certificate_code = models.CharField(_("mã chứng nhận"), max_length=10, unique=True, null=True, blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("đăng ký tập huấn")
        verbose_name_plural = _("đăng ký tập huấn")
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["training", "user"], condition=~models.Q(status="cancelled"),
                                    name="training_one_registration_per_person"),
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.training}"

    @property
    def attended(self) -> bool:
        return self.checked_in_at is not None
