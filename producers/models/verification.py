import uuid

from django.conf import settings
from django.core.files.storage import storages
from django.db import models
from django.utils.translation import gettext_lazy as _


def private_storage():
    """Documents live outside MEDIA_ROOT and are served only through a permission-checked view."""
    return storages["private"]


def document_path(instance, filename: str) -> str:
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"producers/{instance.producer_id}/{uuid.uuid4().hex}.{extension}"


class VerificationRequest(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Đang chờ")
        APPROVED = "approved", _("Đã duyệt")
        CHANGES_REQUESTED = "changes", _("Yêu cầu bổ sung")
        REJECTED = "rejected", _("Từ chối")

    producer = models.ForeignKey(
        "producers.Producer", verbose_name=_("nhà sản xuất"), on_delete=models.CASCADE, related_name="verification_requests"
    )
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    submitted_at = models.DateTimeField(_("ngày gửi"), auto_now_add=True, db_index=True)
    note = models.TextField(_("lời nhắn của người bán"), blank=True)
    status = models.CharField(_("trạng thái"), max_length=10, choices=Status.choices, default=Status.PENDING,
                              db_index=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người quyết định"), on_delete=models.SET_NULL, null=True,
        blank=True, related_name="+",
    )
    decided_at = models.DateTimeField(_("ngày quyết định"), null=True, blank=True)
    reason = models.TextField(_("lý do"), blank=True)

    class Meta:
        ordering = ["-submitted_at"]
        verbose_name = _("yêu cầu xác minh")
        verbose_name_plural = _("yêu cầu xác minh")

    def __str__(self) -> str:
        return f"{self.producer} — {self.get_status_display()}"


class VerificationDocument(models.Model):
    class Kind(models.TextChoices):
        BUSINESS_REGISTRATION = "registration", _("Giấy đăng ký kinh doanh")
        OCOP_CERTIFICATE = "ocop", _("Giấy chứng nhận OCOP")
        REPRESENTATIVE_ID = "id", _("Căn cước của người đại diện")
        OTHER = "other", _("Giấy tờ khác")

    producer = models.ForeignKey("producers.Producer", on_delete=models.CASCADE, related_name="documents")
    kind = models.CharField(_("loại giấy tờ"), max_length=12, choices=Kind.choices)
    file = models.FileField(_("tệp"), storage=private_storage, upload_to=document_path, max_length=200)
    original_name = models.CharField(_("tên tệp"), max_length=200)
    content_type = models.CharField(max_length=60)
    size = models.PositiveIntegerField()
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-uploaded_at"]
        verbose_name = _("giấy tờ")
        verbose_name_plural = _("giấy tờ")

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.original_name}"
