"""In-app notifications, one delivery row per channel attempt target, and each person's channel choices.

A message has a key chosen by its caller (e.g. "verification:12:user:5"): the same key never makes a
second notification or a second delivery to the same address on the same channel, so calling `notify`
twice, or running the send task twice, sends once.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Channel(models.TextChoices):
    EMAIL = "email", _("Email")
    ZALO = "zalo", _("Zalo")
    SMS = "sms", _("Tin nhắn SMS")


class Notification(models.Model):
    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications",
                                  verbose_name=_("người nhận"))
    key = models.CharField(_("mã tin"), max_length=120)
    kind = models.CharField(_("loại"), max_length=40)
    title = models.CharField(_("tiêu đề"), max_length=200)
    body = models.CharField(_("nội dung"), max_length=500, blank=True)
    link = models.CharField(_("đường dẫn"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("lúc tạo"), auto_now_add=True)
    read_at = models.DateTimeField(_("lúc đọc"), null=True, blank=True)

    class Meta:
        verbose_name = _("thông báo")
        verbose_name_plural = _("thông báo")
        ordering = ("-created_at", "-id")
        constraints = [models.UniqueConstraint(fields=("recipient", "key"), name="notification_once_per_key")]
        indexes = [models.Index(fields=("recipient", "read_at"), name="notification_unread")]

    def __str__(self):
        return self.title


class Delivery(models.Model):
    class Status(models.TextChoices):
        QUEUED = "queued", _("Đang chờ gửi")
        SENT = "sent", _("Đã gửi")
        FAILED = "failed", _("Gửi không được")
        SKIPPED = "skipped", _("Bỏ qua")

    key = models.CharField(_("mã tin"), max_length=120)
    notification = models.ForeignKey(Notification, on_delete=models.CASCADE, null=True, blank=True,
                                     related_name="deliveries", verbose_name=_("thông báo"))
    # The account the address belongs to, when there is one (staff scope by it); a checkout's buyer has none.
    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                  related_name="+", verbose_name=_("người nhận"))
    kind = models.CharField(_("loại"), max_length=40)
    channel = models.CharField(_("kênh"), max_length=8, choices=Channel.choices)
    address = models.CharField(_("địa chỉ nhận"), max_length=254)
    # What to send on this channel: {"subject", "body"} | {"text"} | {"template_id", "params"}; and, for a
    # phone channel, the next phone channel to try if this one fails for good ({"channel", "payload"}).
    payload = models.JSONField(_("nội dung gửi"), default=dict)
    fallback = models.JSONField(_("kênh dự phòng"), null=True, blank=True)
    status = models.CharField(_("trạng thái"), max_length=8, choices=Status.choices, default=Status.QUEUED)
    attempts = models.PositiveSmallIntegerField(_("số lần thử"), default=0)
    next_attempt_at = models.DateTimeField(_("lần thử tới"), null=True, blank=True)
    last_error = models.CharField(_("lỗi gần nhất"), max_length=500, blank=True)
    provider_message_id = models.CharField(_("mã tin của nhà cung cấp"), max_length=100, blank=True)
    sent_at = models.DateTimeField(_("lúc gửi"), null=True, blank=True)
    created_at = models.DateTimeField(_("lúc tạo"), auto_now_add=True)

    class Meta:
        verbose_name = _("lần gửi thông báo")
        verbose_name_plural = _("lần gửi thông báo")
        ordering = ("-created_at", "-id")
        constraints = [
            models.UniqueConstraint(fields=("key", "channel", "address"), name="delivery_once_per_address"),
        ]
        indexes = [models.Index(fields=("status", "next_attempt_at"), name="delivery_due")]

    def __str__(self):
        return f"{self.get_channel_display()} → {self.address}"


class ChannelPreference(models.Model):
    """The channels she wants, in her order; a channel left out is one she opted out of."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                                related_name="notification_preference", verbose_name=_("người dùng"))
    channels = models.JSONField(_("kênh nhận"), default=list)
    updated_at = models.DateTimeField(_("lúc sửa"), auto_now=True)

    class Meta:
        verbose_name = _("kênh nhận thông báo")
        verbose_name_plural = _("kênh nhận thông báo")

    def __str__(self):
        return ", ".join(self.channels)
