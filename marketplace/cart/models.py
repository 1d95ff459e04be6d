from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class CartSnapshot(models.Model):
    """The cart of an account, kept between sessions: the session holds the live cart, this copy
    survives logout and is merged into the session cart at the next login."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, verbose_name=_("tài khoản"), on_delete=models.CASCADE, related_name="cart_snapshot"
    )
    data = models.JSONField(_("nội dung"), default=dict)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("giỏ hàng đã lưu")
        verbose_name_plural = _("giỏ hàng đã lưu")

    def __str__(self) -> str:
        return f"{self.user} ({len(self.data)})"
