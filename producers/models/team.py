import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.models import Orderable


class ProducerMember(models.Model):
    """A seller account of a producer: the owner, or a helper she invited."""

    class Role(models.TextChoices):
        OWNER = "owner", _("Chủ")
        HELPER = "helper", _("Người giúp")

    producer = models.ForeignKey("producers.Producer", on_delete=models.CASCADE, related_name="members")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="producer_memberships")
    role = models.CharField(_("vai trò"), max_length=10, choices=Role.choices, default=Role.HELPER)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("thành viên")
        verbose_name_plural = _("thành viên")
        constraints = [
            models.UniqueConstraint(fields=["user"], name="member_one_producer_per_user"),
        ]

    def __str__(self) -> str:
        return f"{self.user} ({self.get_role_display()})"


def _invitation_token() -> str:
    return secrets.token_urlsafe(24)


class ProducerInvitation(models.Model):
    producer = models.ForeignKey("producers.Producer", on_delete=models.CASCADE, related_name="invitations")
    phone = models.CharField(_("số điện thoại"), max_length=16, blank=True)
    email = models.EmailField(_("email"), blank=True)
    token = models.CharField(max_length=64, unique=True, default=_invitation_token)
    invited_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    accepted_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("lời mời")
        verbose_name_plural = _("lời mời")

    def __str__(self) -> str:
        return self.phone or self.email

    @property
    def is_open(self) -> bool:
        return self.accepted_at is None and self.revoked_at is None


class ProducerPhoto(Orderable):
    producer = ParentalKey("producers.Producer", on_delete=models.CASCADE, related_name="photos")
    image = models.ForeignKey("wagtailimages.Image", verbose_name=_("ảnh"), on_delete=models.CASCADE, related_name="+")
    alt_text = models.CharField(_("mô tả ảnh"), max_length=200, blank=True)

    class Meta(Orderable.Meta):
        verbose_name = _("ảnh nhà sản xuất")
        verbose_name_plural = _("ảnh nhà sản xuất")
