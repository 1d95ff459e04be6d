"""Live sessions held on Facebook, TikTok, YouTube or Zalo, the products pinned to them, and their subscribers.

The video stays on the platform: a session is the announcement, the pinned offers and the bookkeeping.
"""

import secrets
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from marketplace.livestreams.platforms import embed_url


def new_token() -> str:
    return secrets.token_urlsafe(24)


class LiveSession(models.Model):
    class Platform(models.TextChoices):
        FACEBOOK = "facebook", "Facebook"
        TIKTOK = "tiktok", "TikTok"
        YOUTUBE = "youtube", "YouTube"
        ZALO = "zalo", "Zalo"
        OTHER = "other", _("Khác")

    class State(models.TextChoices):
        SCHEDULED = "scheduled", _("Sắp diễn ra")
        LIVE = "live", _("Đang live")
        ENDED = "ended", _("Đã kết thúc")
        CANCELLED = "cancelled", _("Đã huỷ")

    host = models.ForeignKey(
        "producers.Producer", verbose_name=_("cơ sở chủ trì"), on_delete=models.PROTECT,
        related_name="live_sessions_hosted",
    )
    co_hosts = models.ManyToManyField(
        "producers.Producer", verbose_name=_("cơ sở cùng live"), blank=True, related_name="live_sessions_co_hosted",
    )
    title = models.CharField(_("tiêu đề"), max_length=150)
    description = models.TextField(_("giới thiệu"), blank=True, max_length=3000)
    cover = models.ForeignKey(
        "wagtailimages.Image", verbose_name=_("ảnh bìa"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )
    platform = models.CharField(_("nền tảng"), max_length=10, choices=Platform.choices)
    stream_url = models.URLField(_("đường dẫn buổi live"), max_length=500)
    starts_at = models.DateTimeField(_("bắt đầu lúc"), db_index=True)
    ends_at = models.DateTimeField(_("kết thúc lúc"))
    state = models.CharField(_("trạng thái"), max_length=10, choices=State.choices, default=State.SCHEDULED,
                             db_index=True)
    started_at = models.DateTimeField(_("bắt đầu live lúc"), null=True, blank=True)
    ended_at = models.DateTimeField(_("kết thúc live lúc"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("huỷ lúc"), null=True, blank=True)
    cancel_reason = models.TextField(_("lý do huỷ"), blank=True)
    replay_url = models.URLField(_("đường dẫn xem lại"), max_length=500, blank=True)
    featured = models.BooleanField(_("Hội giới thiệu"), default=False,
                                   help_text=_("Hiện trên lịch livestream của Hội."))
    link_clicks = models.PositiveIntegerField(_("lượt bấm vào buổi live"), default=0, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", editable=False,
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("phiên livestream")
        verbose_name_plural = _("phiên livestream")
        ordering = ["starts_at", "pk"]
        indexes = [models.Index(fields=["state", "starts_at"]), models.Index(fields=["host", "starts_at"])]
        constraints = [
            models.CheckConstraint(condition=Q(ends_at__gt=models.F("starts_at")), name="live_session_ends_after_start"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("livestreams:detail", args=[self.pk])

    @property
    def is_live(self) -> bool:
        return self.state == self.State.LIVE

    @property
    def auto_end_at(self):
        """When beat ends a session the seller forgot to end."""
        return self.ends_at + timedelta(minutes=settings.LIVE_AUTO_END_GRACE_MINUTES)

    @property
    def price_window_end(self):
        """Live prices hold until this moment (None: the session never went live)."""
        if self.state == self.State.LIVE:
            end = self.auto_end_at
        elif self.state == self.State.ENDED and self.ended_at and self.started_at:
            end = self.ended_at
        else:
            return None
        return end + timedelta(minutes=settings.LIVE_PRICE_GRACE_MINUTES)

    def price_window_open(self, now=None) -> bool:
        end = self.price_window_end
        return end is not None and (now or timezone.now()) <= end

    @property
    def embed_url(self) -> str:
        return embed_url(self.platform, self.stream_url)

    @property
    def producers(self) -> list:
        return [self.host, *self.co_hosts.all()]


class PinnedProduct(models.Model):
    """One variant offered during a session under a short code, with an optional live price and cap."""

    session = models.ForeignKey(LiveSession, on_delete=models.CASCADE, related_name="pins")
    variant = models.ForeignKey(
        "catalogue.ProductVariant", verbose_name=_("sản phẩm"), on_delete=models.PROTECT, related_name="live_pins",
    )
    code = models.CharField(_("mã"), max_length=6)
    live_price = models.PositiveBigIntegerField(_("giá live (₫)"), null=True, blank=True)
    cap = models.PositiveIntegerField(_("số suất giá live"), null=True, blank=True)
    # What is left of the cap, taken by a conditional UPDATE like stock and given back on cancellation.
    cap_left = models.PositiveIntegerField(null=True, blank=True, editable=False)
    sort_order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("sản phẩm ghim")
        verbose_name_plural = _("sản phẩm ghim")
        ordering = ["sort_order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["session", "code"], name="live_pin_unique_code"),
            models.UniqueConstraint(fields=["session", "variant"], name="live_pin_unique_variant"),
        ]

    def __str__(self) -> str:
        return f"{self.code} · {self.variant}"


class LiveSubscription(models.Model):
    """"Nhắc tôi": one email address waiting for one session's reminders."""

    session = models.ForeignKey(LiveSession, on_delete=models.CASCADE, related_name="subscriptions")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="live_subscriptions",
    )
    email = models.EmailField(_("email"))
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    confirmed_at = models.DateTimeField(_("xác nhận lúc"), null=True, blank=True)
    unsubscribed_at = models.DateTimeField(_("huỷ nhận lúc"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("người đăng ký nhắc")
        verbose_name_plural = _("người đăng ký nhắc")
        constraints = [models.UniqueConstraint(fields=["session", "email"], name="live_subscription_unique_email")]

    def __str__(self) -> str:
        return self.email

    @property
    def active(self) -> bool:
        return self.confirmed_at is not None and self.unsubscribed_at is None


class ReminderDelivery(models.Model):
    """One message to one subscriber; the unique pair is what makes each message go at most once."""

    class Kind(models.TextChoices):
        BEFORE_START = "before", _("Sắp bắt đầu")
        LIVE_NOW = "live", _("Đang live")
        REPLAY = "replay", _("Xem lại")
        CANCELLED = "cancelled", _("Huỷ phiên")

    subscription = models.ForeignKey(LiveSubscription, on_delete=models.CASCADE, related_name="deliveries")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    due_at = models.DateTimeField(db_index=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    claimed_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.CharField(max_length=300, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["subscription", "kind"], name="reminder_once_per_kind")]
        indexes = [models.Index(fields=["sent_at", "due_at"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} → {self.subscription_id}"
