from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from producers.models.verification import document_path, private_storage


class OcopCertificateQuerySet(models.QuerySet):
    def valid(self, on=None):
        """Confirmed by staff and not expired: the only certificates that show a badge."""
        today = on or timezone.localdate()
        return self.filter(status=OcopCertificate.Status.CONFIRMED, expires_on__gte=today)


class OcopCertificate(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Chờ xác nhận")
        CONFIRMED = "confirmed", _("Đã xác nhận")
        REJECTED = "rejected", _("Không hợp lệ")

    class Level(models.TextChoices):
        PROVINCE = "province", _("Cấp tỉnh")
        CENTRAL = "central", _("Cấp trung ương")

    producer = models.ForeignKey(
        "producers.Producer", verbose_name=_("nhà sản xuất"), on_delete=models.CASCADE, related_name="ocop_certificates"
    )
    products = models.ManyToManyField(
        "catalogue.Product", verbose_name=_("sản phẩm"), related_name="ocop_certificates", blank=True
    )
    stars = models.PositiveSmallIntegerField(_("số sao"), validators=[MinValueValidator(3), MaxValueValidator(5)])
    number = models.CharField(_("số chứng nhận"), max_length=60)
    issuing_level = models.CharField(_("cấp công nhận"), max_length=10, choices=Level.choices, default=Level.PROVINCE)
    issued_on = models.DateField(_("ngày cấp"))
    expires_on = models.DateField(_("ngày hết hạn"), db_index=True)
    scan = models.FileField(_("bản chụp"), storage=private_storage, upload_to=document_path, blank=True, max_length=200)
    status = models.CharField(_("trạng thái"), max_length=10, choices=Status.choices, default=Status.PENDING,
                              db_index=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    confirmed_at = models.DateTimeField(null=True, blank=True)
    warned_60_at = models.DateTimeField(null=True, blank=True)
    warned_14_at = models.DateTimeField(null=True, blank=True)
    expiry_applied_at = models.DateTimeField(null=True, blank=True)

    objects = OcopCertificateQuerySet.as_manager()

    class Meta:
        ordering = ["expires_on"]
        verbose_name = _("chứng nhận OCOP")
        verbose_name_plural = _("chứng nhận OCOP")
        constraints = [
            models.CheckConstraint(condition=models.Q(stars__gte=3, stars__lte=5), name="ocop_stars_3_to_5"),
            models.CheckConstraint(condition=models.Q(expires_on__gt=models.F("issued_on")),
                                   name="ocop_expires_after_issue"),
            models.UniqueConstraint(fields=["issuing_level", "number"], name="ocop_number_unique_per_level"),
        ]

    def __str__(self) -> str:
        return f"OCOP {self.stars}★ {self.number}"

    @property
    def is_valid(self) -> bool:
        return self.status == self.Status.CONFIRMED and self.expires_on >= timezone.localdate()
