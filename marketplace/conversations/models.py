"""Messages between a buyer and the seller about one order (text and a photo), and complaints the buyer
raises, which reach the producer's union unit; staff read the conversation of a complained order."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class OrderMessage(models.Model):
    class Sender(models.TextChoices):
        BUYER = "buyer", _("Người mua")
        SELLER = "seller", _("Người bán")

    order = models.ForeignKey("orders.Order", on_delete=models.CASCADE, related_name="messages")
    sender = models.CharField(_("người gửi"), max_length=6, choices=Sender.choices)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                               related_name="+")
    text = models.TextField(_("nội dung"), max_length=2000, blank=True)
    photo = models.ForeignKey("wagtailimages.Image", null=True, blank=True, on_delete=models.SET_NULL,
                              related_name="+")
    created_at = models.DateTimeField(_("gửi lúc"), auto_now_add=True)

    class Meta:
        verbose_name = _("tin nhắn đơn hàng")
        verbose_name_plural = _("tin nhắn đơn hàng")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.order} — {self.get_sender_display()}"


class Complaint(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", _("Đang xử lý")
        RESOLVED = "resolved", _("Đã giải quyết")

    order = models.ForeignKey("orders.Order", verbose_name=_("đơn hàng"), on_delete=models.CASCADE,
                              related_name="complaints")
    text = models.TextField(_("nội dung khiếu nại"), max_length=2000)
    status = models.CharField(_("trạng thái"), max_length=10, choices=Status.choices, default=Status.OPEN,
                              db_index=True)
    created_at = models.DateTimeField(_("gửi lúc"), auto_now_add=True)
    resolution = models.TextField(_("cách giải quyết"), blank=True, max_length=2000)
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolved_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+")

    class Meta:
        verbose_name = _("khiếu nại")
        verbose_name_plural = _("khiếu nại")
        ordering = ["-created_at"]
        constraints = [models.UniqueConstraint(fields=["order"], condition=models.Q(status="open"),
                                               name="one_open_complaint_per_order")]

    def __str__(self) -> str:
        return f"{self.order} — {self.get_status_display()}"
